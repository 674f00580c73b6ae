"""Pure-Python domain core: no Django, no settings, no clock reads.

Every function takes its inputs explicitly (dates, calendar data, the current time),
so it is deterministic and testable without a database. ``import-linter`` enforces
that nothing here imports Django or an app.
"""
