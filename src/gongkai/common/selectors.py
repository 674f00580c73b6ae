"""Reads of the shared kernel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import RuleValue
from .rulebook import RULES


def rule_value(key: str, *, on: dt.date) -> Any:
    """The value of a configurable rule in force on ``on`` (its default otherwise)."""
    row = (
        RuleValue.objects.filter(key=key, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("value", flat=True)
        .first()
    )
    if row is not None:
        return row
    return RULES[key].default
