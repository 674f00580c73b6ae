"""Consultation rules over fixed dates (no database): the 30-day period as 民法典
counts days, the shortening reason, the hearing's 7 days, masking, the feedback
clock across holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.clocks import SHANGHAI, Event, due
from gongkai.core.workcal import WorkCalendar
from gongkai.participation import consultation_rules as cr
from gongkai.participation.clock_rules import CLOCK_RULES, CONSULTATION_FEEDBACK

CAL = WorkCalendar.official()
RULES = {r.key: r for r in CLOCK_RULES}


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("open_at", "close_at", "reason", "refused"),
    [
        # 30 days after the opening day (12-02 … 12-31), ending at 24:00 of 12-31
        (at(2026, 12, 1, 9), at(2027, 1, 1), "", False),
        (at(2026, 12, 1, 0), at(2027, 1, 1), "", False),
        # one hour short of the 30th day's end: refused without a reason
        (at(2026, 12, 1, 9), at(2026, 12, 31, 23), "", True),
        # exactly 30×24 hours from 00:00 counts the opening day: refused
        (at(2026, 12, 1, 0), at(2026, 12, 31, 0), "", True),
        # February of a leap year: 2028-02-01 + 30 days = 03-02
        (at(2028, 2, 1, 10), at(2028, 3, 3), "", False),
        (at(2028, 2, 1, 10), at(2028, 3, 2, 18), "", True),
        # shortened with a reason: lawful, and the reason is shown publicly
        (at(2026, 12, 1, 9), at(2026, 12, 11), "应对突发事件，需尽快出台。", False),
        (at(2026, 12, 1, 9), at(2026, 12, 11), "   ", True),
        # Beijing time, not UTC: opened 12-01 01:00 Beijing = 11-30 17:00 UTC
        (at(2026, 12, 1, 1), at(2027, 1, 1), "", False),
    ],
)
def test_period_of_thirty_days_unless_a_reason_is_given(
    open_at, close_at, reason, refused
):
    problem = cr.period_problem(open_at, close_at, reason)
    assert (problem is not None) is refused
    if refused:
        assert "30日" in problem


def test_period_must_end_after_it_starts_and_needs_both_ends():
    assert cr.period_problem(at(2026, 12, 1), at(2026, 12, 1), "急") == (
        "截止时间必须晚于开始时间。"
    )
    assert "开始时间" in cr.period_problem(None, at(2026, 12, 1), "")


@pytest.mark.parametrize(
    ("materials", "hearing", "refused"),
    [
        (at(2026, 12, 1, 9), at(2026, 12, 8, 9), False),  # exactly 7 days
        (at(2026, 12, 1, 9), at(2026, 12, 8, 8, 59), True),
        (at(2026, 9, 28, 9), at(2026, 10, 8, 9), False),  # over National Day
        (None, None, False),  # no hearing
        (at(2026, 12, 1, 9), None, True),
        (None, at(2026, 12, 8, 9), True),
    ],
)
def test_hearing_materials_at_least_seven_days_ahead(materials, hearing, refused):
    assert (cr.hearing_problem(materials, hearing) is not None) is refused


@pytest.mark.parametrize(
    ("now", "closed_at", "expected"),
    [
        (at(2026, 11, 30, 23, 59), None, cr.UPCOMING),
        (at(2026, 12, 1, 9), None, cr.OPEN),  # [open_at, …
        (at(2026, 12, 31, 23, 59), None, cr.OPEN),
        (at(2027, 1, 1), None, cr.CLOSED),  # … close_at)
        (at(2026, 12, 20), at(2026, 12, 15), cr.CLOSED),  # closed early
    ],
)
def test_phase(now, closed_at, expected):
    assert (
        cr.phase(open_at=at(2026, 12, 1, 9), close_at=at(2027, 1, 1),
                 closed_at=closed_at, now=now)
        == expected
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请致电13800138000联系", "请致电［已隐去手机号码］联系"),
        ("邮箱 a.b@example.com。", "邮箱 ［已隐去电子邮箱］。"),
        ("身份证11010519491231002X", "身份证［已隐去身份证号码］"),
        ("建议第5条改为30日", "建议第5条改为30日"),
    ],
)
def test_personal_data_is_masked(text, expected):
    assert cr.mask_personal_data(text) == expected


@pytest.mark.parametrize(
    ("outcome", "reason", "refused"),
    [
        ("adopted", "", False),
        ("partly", "", True),
        ("partly", "法定材料不能减少。", False),
        ("not_adopted", " ", True),
        ("maybe", "x", True),
    ],
)
def test_partly_or_not_adopted_needs_a_reason(outcome, reason, refused):
    assert (cr.feedback_item_problem(outcome, reason) is not None) is refused


def test_feedback_totals_by_outcome():
    items = [
        {"outcome": "adopted", "count": 3},
        {"outcome": "not_adopted", "count": 2},
        {"outcome": "adopted", "count": 1},
    ]
    assert cr.feedback_totals(items) == {"adopted": 4, "partly": 0, "not_adopted": 2}


def test_a_draft_is_linked_or_attached():
    assert cr.draft_problem(document_id=None, url="", has_file=False)
    assert cr.draft_problem(document_id=12, url="", has_file=False) is None
    assert cr.draft_problem(document_id=None, url="", has_file=True) is None


@pytest.mark.parametrize(
    ("closed", "due_on"),
    [
        # 30 calendar days from the day after closing
        (at(2026, 11, 2, 0), dt.date(2026, 12, 2)),
        # day 30 is 2026-10-01 (National Day): moves to the first working day
        (at(2026, 9, 1, 0), dt.date(2026, 10, 8)),
        # day 30 is 2027-02-06, in the Spring Festival rest days (02-05 … 02-08)
        (at(2027, 1, 7, 10), dt.date(2027, 2, 9)),
        # day 30 is Sunday 2027-02-14: moves to Monday
        (at(2027, 1, 15, 18), dt.date(2027, 2, 15)),
    ],
)
def test_feedback_clock_is_thirty_days_moved_past_rest_days(closed, due_on):
    rule = RULES[CONSULTATION_FEEDBACK]
    status = due([Event("consultation_closed", closed)], rule, CAL, closed)
    assert status.due_date == due_on


def test_feedback_clock_stops_when_the_report_is_published():
    rule = RULES[CONSULTATION_FEEDBACK]
    closed = at(2026, 11, 2)
    events = [
        Event("consultation_closed", closed),
        Event("feedback_published", at(2026, 11, 20, 10)),
    ]
    status = due(events, rule, CAL, at(2026, 12, 20))
    assert status.state == "stopped"
    assert status.stopped_late is False
