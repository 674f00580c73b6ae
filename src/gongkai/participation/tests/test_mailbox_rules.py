"""Clock tables with real dates (no database): the mailbox's site rule over the
National Day block, the 3-month red line, incidents over midnight, proposals over
the year end; and the pure rules of mailbox_rules."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.core import clocks
from gongkai.core.clock_types import ClockError, ClockRule, Unit
from gongkai.core.workcal import WorkCalendar, add_months
from gongkai.participation.clock_rules import CLOCK_RULES
from gongkai.participation.mailbox_rules import (
    clean_about,
    in_inspection_window,
    is_past_red_line,
    mask_contacts,
    month_counts,
    red_line_date,
)

TZ = ZoneInfo("Asia/Shanghai")
RULES = {r.key: r for r in CLOCK_RULES}
CAL = WorkCalendar.official()


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=TZ)


def status(key: str, start: str, when: datetime, now: datetime, *more: clocks.Event):
    events = [clocks.Event(start, when), *more]
    return clocks.due(events, RULES[key], CAL, now)


@pytest.mark.parametrize(
    ("key", "start", "when", "due", "provisional"),
    [
        # 2026-09-30 before National Day: 10-01..10-07 off, 10-10 (Sat) worked
        ("message.reply", "received", at(2026, 9, 30, 16, 0), "2026-10-20 24:00", False),
        ("message.reply", "received", at(2026, 9, 29, 9, 0), "2026-10-19 24:00", False),
        # received in the holiday: the same 10 working days from 10-08
        ("message.reply", "received", at(2026, 10, 3, 11, 0), "2026-10-20 24:00", False),
        # the red line is a fixed date: no moving off a rest day
        ("message.red_line", "received", at(2026, 9, 30, 16, 0), "2026-12-30 24:00", False),
        ("message.red_line", "received", at(2026, 11, 30, 8, 0), "2027-02-28 24:00", False),
        # an incident at 23:10: 5 h and 24 h run over midnight (and over the year end)
        ("incident.release", "occurred", at(2026, 12, 5, 23, 10), "2026-12-06 04:10", False),
        ("incident.press_conference", "occurred", at(2026, 12, 5, 23, 10), "2026-12-06 23:10", False),
        ("incident.release", "occurred", at(2026, 12, 31, 23, 10), "2027-01-01 04:10", False),
        ("opinion.response", "detected", at(2026, 12, 31, 23, 10), "2027-01-02 23:10", False),
        # proposals over the year end: 3 months to 28 Feb (a Sunday) -> 1 March
        ("proposal.deputy_reply", "assigned", at(2026, 11, 30, 10, 0), "2027-03-01 24:00", True),
        ("proposal.member_reply", "assigned", at(2026, 12, 15, 10, 0), "2027-03-15 24:00", True),
        ("proposal.deputy_reply", "assigned", at(2025, 12, 31, 10, 0), "2026-03-31 24:00", False),
    ],
)  # fmt: skip
def test_clock_table(key, start, when, due, provisional):
    s = status(key, start, when, when)
    shown = (
        s.due_at.astimezone(TZ).strftime("%Y-%m-%d %H:%M")
        if RULES[key].unit is Unit.HOUR
        else f"{s.due_date.isoformat()} 24:00"
    )
    assert shown == due
    assert s.provisional is provisional
    assert s.explanation[0].startswith(RULES[key].title)


def test_national_day_explained():
    s = status("message.reply", "received", at(2026, 9, 30, 16), at(2026, 10, 2))
    text = "\n".join(s.explanation)
    assert "国庆节放假" in text and "2026-10-10 周六 调休上班" in text
    assert s.state is clocks.State.RUNNING


def test_incident_release_turns_overdue_after_five_hours():
    when = at(2026, 12, 5, 23, 10)
    early = status("incident.release", "occurred", when, at(2026, 12, 6, 1, 0))
    assert early.state is clocks.State.RUNNING
    soon = status("incident.release", "occurred", when, at(2026, 12, 6, 2, 30))
    assert soon.state is clocks.State.DUE_SOON  # 2 hours before
    late = status("incident.release", "occurred", when, at(2026, 12, 6, 4, 10))
    assert late.state is clocks.State.OVERDUE
    met = status(
        "incident.release",
        "occurred",
        when,
        at(2026, 12, 6, 5),
        clocks.Event("released", at(2026, 12, 6, 2, 30)),
    )
    assert met.state is clocks.State.STOPPED and not met.stopped_late


def test_answer_after_site_rule_is_late():
    s = status(
        "message.reply",
        "received",
        at(2026, 9, 30, 16),
        at(2026, 11, 1),
        clocks.Event("answered", at(2026, 10, 21, 9)),
    )
    assert s.stopped_late


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),  # leap year
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 15), 5, date(2027, 5, 15)),
        (date(2026, 3, 31), -12, date(2025, 3, 31)),
    ],
)
def test_add_months(start, months, end):
    assert add_months(start, months) == end


def test_month_rule_cannot_pause():
    with pytest.raises(ClockError, match="month rule cannot pause"):
        ClockRule(
            "x", "v", date(2020, 1, 1), "t", "b", Unit.MONTH, 3,
            start_events=frozenset({"a"}), pause_events=frozenset({"p"}),
            resume_events=frozenset({"r"}),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("received", "answered", "on", "past"),
    [
        (date(2026, 9, 30), None, date(2026, 12, 30), False),
        (date(2026, 9, 30), None, date(2026, 12, 31), True),
        (date(2026, 9, 30), date(2026, 12, 30), date(2027, 1, 5), False),
        (date(2026, 9, 30), date(2027, 1, 2), date(2027, 1, 5), True),
        (date(2026, 9, 30), date(2027, 1, 2), date(2027, 1, 1), True),
    ],
)
def test_red_line(received, answered, on, past):
    assert red_line_date(date(2026, 9, 30)) == date(2026, 12, 30)
    assert is_past_red_line(received, answered_on=answered, on=on) is past


def test_inspection_window_is_one_year():
    assert in_inspection_window(date(2025, 12, 7), on=date(2026, 12, 6))
    assert not in_inspection_window(date(2025, 12, 6), on=date(2026, 12, 6))


def test_mask_contacts():
    text = "张三，手机13800138000，邮箱zs@example.com，身份证11010519491231002X"
    masked = mask_contacts(text, names=["张三"])
    assert "13800138000" not in masked and "138****8000" in masked
    assert "zs@example.com" not in masked
    assert "11010519491231002X" not in masked and "110105********002X" in masked
    assert masked.startswith("张*，")
    assert mask_contacts("王某某来信", names=["王某某"]) == "王某某来信"


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("/govservices/powers/12/", "/govservices/powers/12/"),
        ("https://evil.example/", ""),
        ("//evil.example/x", ""),
        ("/workbench/messages/", ""),
        ("/api/v1/x", ""),
        ("/a b", ""),
        ("/" + "x" * 300, ""),
        ("", ""),
    ],
)
def test_clean_about(value, kept):
    assert clean_about(value) == kept


def test_month_counts():
    rows = [
        (at(2026, 9, 30, 16), at(2026, 10, 9, 16), True),
        (at(2026, 9, 2, 9), at(2026, 9, 30, 9), False),
        (at(2026, 9, 5, 9), None, None),
        (at(2026, 10, 1, 9), at(2026, 10, 3, 9), True),
    ]
    sep, oct_ = month_counts(rows)
    assert (sep.month, sep.received, sep.answered, sep.on_time) == ("2026-09", 3, 2, 1)
    assert sep.average_days == 18.5
    assert (oct_.received, oct_.answered, oct_.on_time, oct_.average_days) == (
        1, 1, 1, 2.0,
    )  # fmt: skip
