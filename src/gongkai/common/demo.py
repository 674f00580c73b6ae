"""Demonstration rule values: each configurable rule's default, dated from its source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import RuleValue
from .rulebook import RULES
from .services import rule_value_set


def load(*, now: dt.datetime, out: Any) -> None:
    for spec in RULES.values():
        if not RuleValue.objects.filter(key=spec.key).exists():
            rule_value_set(
                key=spec.key,
                value=spec.default,
                valid_from=spec.since,
                by=None,
                note=spec.source,
                now=now,
            )
            for since, value in spec.later:
                rule_value_set(
                    key=spec.key,
                    value=value,
                    valid_from=since,
                    by=None,
                    note=spec.source,
                    now=now,
                )
    out.write(
        f"Rule values: {len(RULES)} configurable rules with their dated defaults."
    )
