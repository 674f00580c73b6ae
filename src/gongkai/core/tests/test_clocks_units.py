"""Statutory clocks counted in hours and in calendar days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gongkai.core.clocks import (
    ClockRule,
    State,
    Unit,
    due,
)

from .clock_support import CAL, RULES, D, at, ev

# -- hour clocks ----------------------------------------------------------------------


def test_incident_release_five_hours() -> None:
    rule = RULES["incident.release"]
    events = [ev("occurred", at(2026, 5, 1, 8))]
    status = due(events, rule, CAL, at(2026, 5, 1, 10))
    assert (status.state, status.due_at) == (State.RUNNING, at(2026, 5, 1, 13))
    assert status.due_date == D(2026, 5, 1)  # holidays do not matter round the clock
    assert due(events, rule, CAL, at(2026, 5, 1, 11)).state is State.DUE_SOON
    assert due(events, rule, CAL, at(2026, 5, 1, 13)).state is State.OVERDUE
    done = due(
        [*events, ev("released", at(2026, 5, 1, 12, 59))], rule, CAL, at(2026, 5, 2)
    )
    assert (done.state, done.stopped_late) == (State.STOPPED, False)
    late = due([*events, ev("released", at(2026, 5, 1, 14))], rule, CAL, at(2026, 5, 2))
    assert late.stopped_late is True
    assert late.explanation == [
        "权威信息发布时限：5小时（《关于全面推进政务公开工作的意见》实施细则；闽质监〔2017〕126号）",
        "起算：2026-05-01 08:00 事件发生",
        "到期：2026-05-01 13:00（共计 5小时）",
        "已结束：2026-05-01 14:00 发布权威信息（逾期）",
    ]


def test_hour_clock_with_pause() -> None:
    rule = RULES["incident.release"].with_pause("suspended", "resumed")
    events = [
        ev("occurred", at(2026, 5, 1, 8)),
        ev("suspended", at(2026, 5, 1, 9)),
        ev("resumed", at(2026, 5, 1, 10, 30)),
    ]
    status = due(events, rule, CAL, at(2026, 5, 1, 11))
    assert status.due_at == at(2026, 5, 1, 14, 30)
    assert (status.paused, status.paused_days) == (timedelta(hours=1, minutes=30), 1)
    paused = due(events[:2], rule, CAL, at(2026, 5, 1, 11))
    assert (paused.state, paused.due_at, paused.remaining) == (
        State.PAUSED,
        at(2026, 5, 1, 15),
        None,
    )


def test_press_conference_twenty_four_hours_with_pause() -> None:
    rule = RULES["incident.press_conference"].with_pause("suspended", "resumed")
    events = [
        ev("occurred", at(2026, 5, 1, 20)),
        ev("suspended", at(2026, 5, 1, 22)),
        ev("resumed", at(2026, 5, 2, 1)),
    ]
    status = due(events, rule, CAL, at(2026, 5, 2, 16))
    assert status.due_at == at(2026, 5, 2, 23)
    assert status.due_date == D(2026, 5, 2)
    assert status.state is State.RUNNING  # 7 hours left, due soon from 6
    assert due(events, rule, CAL, at(2026, 5, 2, 17)).state is State.DUE_SOON


def test_opinion_response_forty_eight_hours() -> None:
    status = due(
        [ev("detected", at(2026, 5, 1, 9))],
        RULES["opinion.response"],
        CAL,
        at(2026, 5, 2),
    )
    assert (status.state, status.due_at) == (State.RUNNING, at(2026, 5, 3, 9))


# -- calendar-day rules ----------------------------------------------------------

TEN_DAYS = ClockRule(
    key="test.ten_days",
    version="1",
    valid_from=D(2000, 1, 1),
    title="十日期限",
    basis="民法典 第二百零一条、第二百零三条",
    unit=Unit.CALENDAR_DAY,
    length=10,
    start_events=frozenset({"received"}),
    stop_events=frozenset({"replied"}),
)


@pytest.mark.parametrize(
    ("received", "due_date"),
    [
        (D(2026, 3, 2), D(2026, 3, 12)),  # plain Thursday
        (D(2026, 3, 4), D(2026, 3, 16)),  # Saturday 3-14 → Monday
        (D(2026, 9, 21), D(2026, 10, 8)),  # 10-1 国庆 → after the block
        (D(2026, 2, 18), D(2026, 2, 28)),  # make-up Saturday is a working day
    ],
)
def test_calendar_day_rule_moves_off_rest_days(received: date, due_date: date) -> None:
    events = [ev("received", at(received.year, received.month, received.day))]
    status = due(events, TEN_DAYS, CAL, at(received.year, received.month, received.day))
    assert status.due_date == due_date


def test_calendar_day_rule_explains_the_move_and_pauses() -> None:
    rule = TEN_DAYS.with_pause("paused", "resumed")
    events = [
        ev("received", at(2026, 9, 11)),
        ev("paused", at(2026, 9, 13)),
        ev("resumed", at(2026, 9, 23)),
    ]
    status = due(events, rule, CAL, at(2026, 9, 24))
    # 2 days counted, 10 paused, 8 more from 9-23 → 10-1 (国庆) → 10-8
    assert (status.due_date, status.paused_days) == (D(2026, 10, 8), 10)
    assert (
        "最后一日 2026-10-01 为休息日（国庆节），"
        "顺延至 2026-10-08（民法典第二百零三条）" in (status.explanation)
    )
    assert due(events, rule, CAL, at(2026, 9, 29)).state is State.RUNNING
    assert due(events, rule, CAL, at(2026, 10, 5)).state is State.DUE_SOON


# -- a fixed date: the annual report by 31 January (条例 第四十九条) ---------------

REPORT = RULES["foi.annual_report"]


@pytest.mark.parametrize(
    ("year", "weekday"),
    [
        (2024, "Fri"),  # 2025-01-31 falls in the Spring Festival block: not moved
        (2025, "Sat"),  # 2026-01-31: a Saturday, not moved
        (2026, "Sun"),  # 2027-01-31: a Sunday, in a year the calendar does not know
    ],
)
def test_annual_report_is_due_on_31_january_whatever_the_weekday(
    year: int, weekday: str
) -> None:
    events = [ev("year_ended", at(year + 1, 1, 1, 0))]
    status = due(events, REPORT, CAL, at(year + 1, 1, 2))
    assert status.due_date == D(year + 1, 1, 31)
    assert status.due_date.strftime("%a") == weekday
    assert status.due_at == at(year + 1, 2, 1, 0)
    assert not status.provisional  # no holiday table can move a fixed date
    assert status.explanation[:2] == [
        "政府信息公开工作年度报告公布期限：30日（政府信息公开条例 第四十九条）",
        f"起算：{year + 1}-01-01 报告年度结束（当日不计入，民法典第二百零一条）",
    ]
    assert not any("顺延" in line for line in status.explanation)


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (at(2027, 1, 20, 23), State.RUNNING),
        (at(2027, 1, 21, 0), State.DUE_SOON),  # 10 days before
        (at(2027, 1, 31, 23), State.DUE_SOON),
        (at(2027, 2, 1, 0), State.OVERDUE),
    ],
)
def test_annual_report_due_soon_and_overdue(now: datetime, state: State) -> None:
    events = [ev("year_ended", at(2027, 1, 1, 0))]
    assert due(events, REPORT, CAL, now).state is state
