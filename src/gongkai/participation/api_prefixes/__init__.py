"""The participation API under the short prefixes issue 13 names (/api/v1/consultations/,
/meetings/, /messages/, /proposals/, /incidents/), declared in ``module.py`` as
``more_api_urls``; the same views also answer under /api/v1/participation/."""
