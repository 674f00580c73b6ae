"""Statutory clocks: states at a fixed ``now``, pauses at the edges, stopping."""

from __future__ import annotations

from datetime import datetime

import pytest

from gongkai.core.clocks import (
    SHANGHAI,
    State,
    due,
)

from .clock_support import CAL, FOI, RULES, D, at, ev

# -- states at a fixed now ------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (at(2026, 3, 10), State.RUNNING),  # 4 working days left
        (at(2026, 3, 11), State.DUE_SOON),  # 3 left: 3-12, 3-13, 3-16
        (at(2026, 3, 14), State.DUE_SOON),  # Saturday, 1 left
        (at(2026, 3, 16, 23, 59), State.DUE_SOON),
        (datetime(2026, 3, 17, tzinfo=SHANGHAI), State.OVERDUE),
        (at(2026, 3, 18), State.OVERDUE),
    ],
)
def test_due_soon_and_overdue(now: datetime, state: State) -> None:
    status = due([ev("received", at(2026, 2, 10))], FOI, CAL, now)
    assert status.state is state
    assert status.remaining == datetime(2026, 3, 17, tzinfo=SHANGHAI) - now


def test_due_soon_threshold_is_per_rule() -> None:
    events = [ev("decision_changed", at(2026, 9, 30))]  # due Sat 10-10, due_soon = 1
    rule = RULES["penalty.withdraw"]
    assert due(events, rule, CAL, at(2026, 10, 8)).state is State.RUNNING
    assert due(events, rule, CAL, at(2026, 10, 9)).state is State.DUE_SOON


def test_pause_after_the_period_ran_out_does_not_help() -> None:
    events = [
        ev("received", at(2026, 2, 10)),
        ev("consultation_sent", at(2026, 3, 20)),
        ev("consultation_answered", at(2026, 4, 1)),
    ]
    status = due(events, FOI, CAL, at(2026, 4, 2))
    assert (status.state, status.due_date, status.paused_days) == (
        State.OVERDUE,
        D(2026, 3, 16),
        0,
    )
    assert due(events[:2], FOI, CAL, at(2026, 3, 25)).state is State.OVERDUE


def test_pause_on_the_due_day_makes_the_resume_day_due() -> None:
    events = [
        ev("received", at(2026, 2, 10)),
        ev("consultation_sent", at(2026, 3, 16)),
        ev("consultation_answered", at(2026, 3, 25)),
    ]
    status = due(events, FOI, CAL, at(2026, 3, 25, 11))
    assert (status.state, status.due_date) == (State.DUE_SOON, D(2026, 3, 25))


def test_parallel_consultations_pause_until_the_last_answer() -> None:
    events = [
        ev("received", at(2026, 3, 2)),
        ev("consultation_sent", at(2026, 3, 4)),
        ev("consultation_sent", at(2026, 3, 5)),
        ev("consultation_answered", at(2026, 3, 10)),
    ]
    assert due(events, FOI, CAL, at(2026, 3, 11)).state is State.PAUSED
    events.append(ev("consultation_answered", at(2026, 3, 12)))
    status = due(events, FOI, CAL, at(2026, 3, 13))
    # 2 counted (3-3, 3-4), 6 paused (3-5…3-12), 18 after 3-12
    assert (status.state, status.paused_days, status.due_date) == (
        State.RUNNING,
        6,
        D(2026, 4, 8),
    )


def test_fee_pause_is_added_by_configuration() -> None:
    rule = FOI.with_pause("fee_notified", "fee_paid")
    assert rule.pause_events == {
        "consultation_sent",
        "correction_requested",
        "fee_notified",
    }
    assert rule.resume_events == {"consultation_answered", "fee_paid"}
    assert (rule.key, rule.version) == (FOI.key, FOI.version)
    events = [
        ev("received", at(2026, 3, 2)),
        ev("fee_notified", at(2026, 3, 4)),
        ev("fee_paid", at(2026, 3, 9)),
    ]
    assert due(events, rule, CAL, at(2026, 3, 10)).due_date == D(2026, 4, 2)
    assert due(events, FOI, CAL, at(2026, 3, 10)).due_date == D(2026, 3, 30)


def test_provisional_into_unknown_year() -> None:
    status = due([ev("received", at(2026, 12, 20))], FOI, CAL, at(2026, 12, 21))
    # 元旦 2027 is off by law although the notice is not out
    assert (status.due_date, status.provisional) == (D(2027, 1, 18), True)
    assert status.explanation[-1] == "到期：2027-01-18（共计 20个工作日，暂定）"


# -- stopping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("replied", "late"),
    [
        (at(2026, 3, 16, 18), False),
        (at(2026, 3, 16, 23, 59), False),
        (datetime(2026, 3, 17, tzinfo=SHANGHAI), True),
        (at(2026, 3, 17, 9), True),
    ],
)
def test_stopped_late_or_on_time(replied: datetime, late: bool) -> None:
    events = [ev("received", at(2026, 2, 10)), ev("replied", replied)]
    status = due(events, FOI, CAL, at(2026, 4, 1))
    assert status.state is State.STOPPED
    assert (status.stopped_by, status.stopped_late, status.stopped_at) == (
        "replied",
        late,
        replied,
    )
    assert (status.due_date, status.remaining) == (D(2026, 3, 16), None)
    verdict = "逾期" if late else "按期"
    assert (
        status.explanation[-1]
        == f"已结束：{replied.date().isoformat()} 答复（{verdict}）"
    )


def test_events_after_stop_and_after_now_are_ignored() -> None:
    events = [
        ev("received", at(2026, 2, 10)),
        ev("withdrawn", at(2026, 2, 20)),
        ev("extended", at(2026, 3, 1), 25),  # after the stop: not even validated
    ]
    assert due(events, FOI, CAL, at(2026, 3, 2)).stopped_by == "withdrawn"
    # the same history seen on 2026-02-15: still running
    assert due(events, FOI, CAL, at(2026, 2, 15)).state is State.RUNNING
