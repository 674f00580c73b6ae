"""Shared fixtures of the statutory-clock tests: the calendar, the rules, fixed moments."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from gongkai.core.clocks import SHANGHAI, Event
from gongkai.core.workcal import WorkCalendar
from gongkai.foi.clock_rules import CLOCK_RULES as FOI_RULES
from gongkai.inspections.clock_rules import CLOCK_RULES as INSPECTION_RULES
from gongkai.participation.clock_rules import CLOCK_RULES as INCIDENT_RULES
from gongkai.penalties.clock_rules import CLOCK_RULES as PENALTY_RULES
from gongkai.publishing.clock_rules import CLOCK_RULES as PROACTIVE_RULES

CAL = WorkCalendar.official()
D = date
# The modules' real rule tables (pure modules, declared in their module.py): the
# engine is tested on the periods it is there to compute.
BUILTIN_RULES = (
    *FOI_RULES, *PROACTIVE_RULES, *PENALTY_RULES, *INCIDENT_RULES, *INSPECTION_RULES,
)  # fmt: skip
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
