"""Values computed for a penalty from configured rules and the calendar, memoised by
date so an import of many rows reads each configured value once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from gongkai.clocks.selectors import SHANGHAI, clock_rule, work_calendar
from gongkai.common.selectors import rule_value

from . import rules
from .models import pack_types
from .validation import Result, publication_window, validate_record


def today_in_shanghai(now: dt.datetime) -> dt.date:
    """The calendar date of ``now`` in Asia/Shanghai."""
    return now.astimezone(SHANGHAI).date()


def start_of_day(day: dt.date) -> dt.datetime:
    """00:00 of ``day`` in Asia/Shanghai."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)


class RulesOn:
    """Configured rule values by date, memoised: an import reads each date once."""

    def __init__(self) -> None:
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._small_fine: dict[dt.date, Decimal] = {}
        self.calendar = work_calendar()

    def value(self, key: str, on: dt.date) -> Any:
        memo_key = (key, on)
        if memo_key not in self._memo:
            self._memo[memo_key] = rule_value(key, on=on)
        return self._memo[memo_key]

    def small_fine(self, on: dt.date) -> Decimal:
        """The 较低数额罚款 threshold (万元) in force on ``on``."""
        found = self._small_fine.get(on)
        if found is None:
            found = Decimal(str(self.value("penalty.small_fine", on)))
            self._small_fine[on] = found
        return found

    def publish_length(self, key: str, on: dt.date) -> int:
        memo_key = ("length:" + key, on)
        if memo_key not in self._memo:
            self._memo[memo_key] = clock_rule(key, start=on).length
        length: int = self._memo[memo_key]
        return length

    def validate(self, record: Mapping[str, Any], *, now: dt.datetime) -> Result:
        """Validate raw cells keyed by exchange code (no write)."""
        return validate_record(
            record, today=today_in_shanghai(now), small_fine=self.small_fine
        )

    def derived(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Columns computed from a valid record: window, duty to publish, clock rule."""
        out = dict(self._derived_memo(values))
        del out["penalty_types"]
        return out

    def _derived_memo(self, values: Mapping[str, Any]) -> dict[str, Any]:
        # Shared by every row with the same key: callers copy it, never change it.
        decided: dt.date = values["decided_on"]
        types = tuple(values["penalty_types"])
        memo_key = (
            "derived",
            decided,
            types,
            values.get("fine_amount"),
            values.get("sector") or "general",
            values.get("restriction_until"),
        )
        found: dict[str, Any] | None = self._memo.get(memo_key)
        if found is None:
            found = self._derived(decided, types, memo_key[3:])
            # 处罚类别 packed depends on the types only: remembered with the rest.
            found["penalty_types"] = pack_types(list(types))
            self._memo[memo_key] = found
        return found

    def _derived(
        self, decided: dt.date, types: tuple[str, ...], rest: tuple[Any, ...]
    ) -> dict[str, Any]:
        fine_amount, sector, restriction_until = rest
        window = publication_window(
            decided_on=decided,
            types=types,
            fine_amount=fine_amount,
            sector=sector,
            small_fine=self.small_fine(decided),
            restriction_until=restriction_until,
        )
        # Both clocks run (rules module docstring): the own site and 国家企业信用信息
        # 公示系统 (总局令第45号 第九条), each due on its own day.
        site = self.calendar.add_working_days(
            decided, self.publish_length(rules.SITE_RULE_KEY, decided)
        )
        gsxt = self.calendar.add_working_days(
            decided, self.publish_length(rules.GSXT_RULE_KEY, decided)
        )
        warnings = bool(self.value("penalty.publish_warnings", decided))
        return {
            "earliest_end": window.earliest_end,
            "window_basis": window.basis,
            "publish_required": rules.must_publish(types, publish_warnings=warnings),
            "publish_due_on": dt.date(site.year, site.month, site.day),
            "gsxt_due_on": dt.date(gsxt.year, gsxt.month, gsxt.day),
        }

    def window_on_publication(
        self,
        *,
        decided_on: dt.date,
        types: tuple[str, ...],
        fine_amount: Decimal | None,
        sector: str,
        restriction_until: dt.date | None,
        published_on: dt.date,
    ) -> rules.Window:
        """The publication period counted from the day of publication
        (总局令第45号 第十三条 "自公示之日起"), remembered: an import repeats it."""
        memo_key = (
            "window",
            decided_on,
            types,
            fine_amount,
            sector,
            restriction_until,
            published_on,
        )
        found: rules.Window | None = self._memo.get(memo_key)
        if found is None:
            found = self._memo[memo_key] = self._window_on(
                decided_on, types, fine_amount, sector, restriction_until, published_on
            )
        return found

    def _window_on(
        self,
        decided_on: dt.date,
        types: tuple[str, ...],
        fine_amount: Decimal | None,
        sector: str,
        restriction_until: dt.date | None,
        published_on: dt.date,
    ) -> rules.Window:
        return rules.publication_window(
            decided_on=decided_on,
            types=types,
            fine_amount=fine_amount,
            sector=sector or "general",
            small_fine=self.small_fine(decided_on),
            restriction_until=restriction_until,
            published_on=published_on,
        )

    def model_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Validated values as model field values (处罚类别 packed, derived added)."""
        out = dict(values)
        out.update(self._derived_memo(values))  # with penalty_types packed
        return out
