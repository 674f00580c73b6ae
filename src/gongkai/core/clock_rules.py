"""A compact constructor for the tables of clock rules the modules declare.

Each module keeps its statutory periods in its own ``rules.py`` (pure, each rule
cited to its article) and declares them in its ``module.py``; ``clocks.selectors``
picks the version in force when a case started (``clocks.rule_for``) and applies
configured rule values. This module names no domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .clock_types import ClockRule, Unit

__all__ = ["rule"]


def rule(
    key: str,
    version: str,
    since: date,
    title: str,
    basis: str,
    unit: Unit,
    length: int,
    start: str,
    stop: str,
    *,
    labels: Mapping[str, str] = {},
    **extra: Any,
) -> ClockRule:
    """One rule version; ``start`` and ``stop`` are space-separated event kinds, and
    ``labels`` names the events (the module's table of event names)."""
    return ClockRule(
        key, version, since, title, basis, unit, length,
        start_events=frozenset(start.split()),
        stop_events=frozenset(stop.split()),
        labels=tuple(sorted(labels.items())), **extra,
    )  # fmt: skip
