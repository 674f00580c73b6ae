"""Reads of the shared kernel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import RuleValue
from .rulebook import RULES


def rule_value(key: str, *, on: dt.date) -> Any:
    """The value of a configurable rule in force on ``on``: the configured value
    dated on or before ``on``, unless a later built-in default (RuleSpec.later)
    took effect after it; the built-in default when nothing is configured."""
    row = (
        RuleValue.objects.filter(key=key, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("valid_from", "value")
        .first()
    )
    spec = RULES[key]
    since, default = spec.default_on(on)
    if row is None or (since != spec.since and since > row[0]):
        return default
    return row[1]
