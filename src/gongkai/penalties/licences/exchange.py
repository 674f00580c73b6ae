"""The 双公示 行政许可 exchange format: one row per decision, the field codes as column
names (licences.fields), full values, for the national credit platform only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from .. import rules as penalty_rules
from . import rules
from .fields import LICENCE_FIELDS
from .models import LicenceDecision

EXCHANGE_COLUMNS: tuple[str, ...] = tuple(f.code for f in LICENCE_FIELDS)
_LABELS = {
    "party_category": penalty_rules.CATEGORY_LABELS,
    "legal_rep_id_type": penalty_rules.ID_TYPE_LABELS,
    "party_id_type": penalty_rules.ID_TYPE_LABELS,
    "licence_category": rules.LICENCE_CATEGORY_LABELS,
}


def exchange_cell(lic: LicenceDecision, attr: str, *, today: dt.date) -> Any:
    if attr == "state":
        return rules.current_state(
            valid_until=lic.valid_until,
            withdrawn=lic.withdrawn_at is not None,
            today=today,
        )
    value = getattr(lic, attr)
    if attr in _LABELS:
        return _LABELS[attr].get(value, "")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value or ""


def exchange_rows(
    licences: Iterable[LicenceDecision], *, today: dt.date
) -> Iterator[dict[str, Any]]:
    for lic in licences:
        yield {f.code: exchange_cell(lic, f.attr, today=today) for f in LICENCE_FIELDS}
