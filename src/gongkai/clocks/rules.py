"""Pure helpers for the inbox caches (no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal
from zoneinfo import ZoneInfo

from gongkai.core.clocks import ClockRule, Event, Unit
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


# A clock's group key: its events as "kind+offset[=value]", offset in days from the
# local start date. Clocks with the same rule, start date and key have the same due
# date, so a recompute computes each group once. Kept short enough to index.
GROUP_KEY_MAX = 400


def group_key(*, events: Sequence[Event], rule: ClockRule, tz: ZoneInfo) -> str | None:
    """The key under which clocks share one computation, or None when they cannot.

    Day-counted rules look only at the local date of each event (the due moment is
    24:00 of a date, 民法典 第二百零三条), so the dates, kinds, values and order of the
    events decide the result. Hour rules depend on the times: None. So does a history
    too long for the key (it is then recomputed alone).
    """
    if rule.unit == Unit.HOUR or not events:
        return None
    start = events[0].at.astimezone(tz).date()
    parts = []
    for event in events:
        offset = (event.at.astimezone(tz).date() - start).days
        value = "" if event.value is None else f"={event.value}"
        parts.append(f"{event.kind}+{offset}{value}")
    key = ",".join(parts)
    return key if len(key) <= GROUP_KEY_MAX else None


def group_events(*, start: dt.date, key: str, tz: ZoneInfo) -> list[Event]:
    """Events equivalent to every clock of a group: each on its date, in key order."""
    noon = dt.datetime.combine(start, dt.time(12), tzinfo=tz)
    events = []
    for index, part in enumerate(key.split(",")):
        kind, _plus, rest = part.partition("+")
        offset, _eq, value = rest.partition("=")
        # Same-day events keep their order: one microsecond apart.
        at = noon + dt.timedelta(days=int(offset), microseconds=index)
        events.append(Event(kind=kind, at=at, value=int(value) if value else None))
    return events


# gongkai clocks remind: an overdue reminder goes out on the day the clock falls
# overdue; a run missed over a weekend still catches up, older ones are in the digest.
OVERDUE_CATCH_UP = dt.timedelta(days=3)


def reminder_kind(
    *,
    now: dt.datetime,
    due_at: dt.datetime,
    calendar: WorkCalendar,
    days_before: int,
    tz: ZoneInfo,
) -> Literal["due_soon", "overdue"] | None:
    """Which reminder a running clock calls for at ``now``, if any.

    "due_soon" while at most ``days_before`` working days remain, the due day counted
    and today not (due Friday, 3 days: from Tuesday); "overdue" once the due moment
    has passed, for ``OVERDUE_CATCH_UP`` after it.
    """
    if due_at <= now:
        return "overdue" if now - due_at < OVERDUE_CATCH_UP else None
    today = now.astimezone(tz).date()
    # due_at is 24:00 of the last day for day rules: the day it falls due is the
    # day of the moment just before it
    due_day = (due_at - dt.timedelta(microseconds=1)).astimezone(tz).date()
    if calendar.working_days_between(today, due_day) <= days_before:
        return "due_soon"
    return None
