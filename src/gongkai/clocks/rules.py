"""Pure helpers for the inbox caches (no Django)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from gongkai.core.clocks import ClockRule, Unit
from gongkai.core.workcal import WorkCalendar


def due_soon_from(
    *,
    rule: ClockRule,
    due_at: dt.datetime,
    due_date: dt.date | None,
    calendar: WorkCalendar,
    tz: ZoneInfo,
) -> dt.datetime:
    """The moment from which a running clock counts as due soon.

    Day rules: the start of the first day from which at most ``rule.due_soon`` working
    days remain after it (for working days) or calendar days (otherwise). Hour rules:
    ``rule.due_soon`` hours before the due moment.
    """
    if rule.unit == Unit.HOUR or due_date is None:
        return due_at - dt.timedelta(hours=rule.due_soon)
    if rule.unit == Unit.WORKING_DAY:
        # Earliest day x with working_days_between(x, due_date) <= due_soon.
        day, count = due_date, 0
        while True:
            step = 1 if calendar.is_working_day(day) else 0
            if count + step > rule.due_soon:
                break
            count += step
            day -= dt.timedelta(days=1)
    else:
        day = due_date - dt.timedelta(days=rule.due_soon)
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz)
