"""The 双公示 exchange format: one row per penalty, the field codes as column names
(RULES.md §3.2), full values, for the national credit platform (信用中国) only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from . import rules
from .fields import EXCHANGE_FIELDS
from .models import Penalty

EXCHANGE_COLUMNS: tuple[str, ...] = tuple(f.code for f in EXCHANGE_FIELDS)

_LABELS = {
    "party_category": rules.CATEGORY_LABELS,
    "legal_rep_id_type": rules.ID_TYPE_LABELS,
    "party_id_type": rules.ID_TYPE_LABELS,
}


def exchange_cell(p: Penalty, attr: str) -> Any:
    value = getattr(p, attr)
    if attr == "penalty_types":
        return "；".join(rules.TYPE_LABELS[t] for t in p.types)
    if attr in _LABELS:
        return _LABELS[attr].get(value, "")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value or ""


def exchange_row(p: Penalty) -> dict[str, Any]:
    """One penalty as an exchange-format row (code → value)."""
    return {f.code: exchange_cell(p, f.attr) for f in EXCHANGE_FIELDS}


def exchange_rows(penalties: Iterable[Penalty]) -> Iterator[dict[str, Any]]:
    for p in penalties:
        yield exchange_row(p)
