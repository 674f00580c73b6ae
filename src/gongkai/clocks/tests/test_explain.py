"""The "why this date" lines on English pages (clocks.explain)."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import translation

from gongkai.clocks.explain import explain_line
from gongkai.clocks.selectors import clock_rule
from gongkai.core.clocks import SHANGHAI, Event, due
from gongkai.core.workcal import WorkCalendar


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


CASES = [
    # (rule, events, now, English lines expected)
    (
        "foi.reply",
        [
            Event("received", at(2026, 9, 28)),
            Event("consultation_sent", at(2026, 10, 9)),
            Event("consultation_answered", at(2026, 10, 20)),
            Event("extended", at(2026, 10, 22), value=20),
        ],
        at(2026, 11, 2),
        [
            "Information request reply deadline: 20 working days (政府信息公开条例 第三十一条, 第三十三条)",
            "Starts: 2026-09-28 request received (that day itself not counted, Civil Code Art. 201)",
            "Paused: 2026-10-09 consultation sent to 2026-10-20 consultation answered, not counted: 8 working days",
            "Extended by 20 working days: 2026-10-22",
            "2026-10-01 to 2026-10-07 National Day holiday",
            "Weekends in between: 14 days not counted",
            "Due: 2026-12-09 (in all 40 working days)",
        ],
    ),
    (
        "incident.release",
        [Event("occurred", at(2026, 9, 30, 23, 10))],
        at(2026, 10, 1, 1, 0),
        [
            "Authoritative release deadline: 5 h (《关于全面推进政务公开工作的意见》实施细则; 闽质监〔2017〕126号)",
            "Starts: 2026-09-30 23:10 incident occurred",
            "Due: 2026-10-01 04:10 (in all 5 h)",
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("key", "events", "now", "english"), CASES)
def test_explanation_in_english(db, key, events, now, english):
    rule = clock_rule(key, start=events[0].at.date())
    lines = due(events, rule, WorkCalendar.official(), now).explanation
    with translation.override("en"):
        assert [explain_line(line) for line in lines] == english
    with translation.override("zh-hans"):
        assert [explain_line(line) for line in lines] == lines
