"""Package data for gongkai.core (domain.dict: segmentation dictionary)."""
