"""Shared fixtures of the statutory-clock tests: the calendar, the rules, fixed moments."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from gongkai.core.clock_rules import BUILTIN_RULES
from gongkai.core.clocks import SHANGHAI, Event
from gongkai.core.workcal import WorkCalendar

CAL = WorkCalendar.official()
D = date
RULES = {rule.key: rule for rule in BUILTIN_RULES}
FOI = RULES["foi.reply"]


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def ev(kind: str, when: datetime, value: int | None = None) -> Event:
    return Event(kind, when, value)


def end_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI) + timedelta(days=1)


# received 2026-02-10, a consultation across the Spring Festival block
CONSULTED = [
    ev("received", at(2026, 2, 10)),
    ev("consultation_sent", at(2026, 2, 12)),
    ev("consultation_answered", at(2026, 3, 5)),
]
