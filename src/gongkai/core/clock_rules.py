"""A compact constructor for the tables of clock rules the modules declare.

Each module keeps its statutory periods in its own ``rules.py`` (pure, each rule
cited to its article) and declares them in its ``module.py``; ``clocks.selectors``
picks the version in force when a case started (``rule_for``) and applies
configured rule values. This module names no domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from .clock_types import ClockRule, RuleNotFoundError, Unit

__all__ = ["rule", "rule_for"]


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


def rule_for(key: str, start: date, rules: Iterable[ClockRule]) -> ClockRule:
    """The version of ``key`` in force on ``start`` (latest ``valid_from`` <= start)."""
    versions = [r for r in rules if r.key == key and r.valid_from <= start]
    if not versions:
        raise RuleNotFoundError(f"没有 {start.isoformat()} 适用的期限规则 {key!r}")
    return max(versions, key=lambda r: r.valid_from)
