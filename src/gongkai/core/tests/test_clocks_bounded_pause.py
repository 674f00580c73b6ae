"""条例 第三十二条: the third party's 15 working days end by themselves; the reply
period runs again on day 16 with no event (core.clocks, ClockRule.pause_limits)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.clock_rules import rule
from gongkai.core.clock_types import Unit
from gongkai.core.clocks import SHANGHAI, ClockError, Event, State, due
from gongkai.core.workcal import WorkCalendar

D = dt.date
CAL = WorkCalendar.official()
# The shape of foi.reply (条例 第三十三条) with the third party's bound (第三十二条),
# as clocks.selectors.clock_rule builds it.
REPLY = rule(
    "test.reply", "条例2019", D(2019, 5, 15), "依申请公开答复期限", "条例 第三十三条",
    Unit.WORKING_DAY, 20, "received", "replied",
    restart_events=frozenset({"correction_received"}),
    pause_events=frozenset({"consultation_sent", "correction_requested"}),
    resume_events=frozenset({"consultation_answered"}),
).with_pause_limit("consultation_sent", 15)  # fmt: skip


def at(y: int, m: int, d: int, h: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SHANGHAI)


# Received Mon 2026-09-28: 20 working days end 10-30 (10-1..10-7 off, 10-10 Sat
# working). A consultation sent 09-30 pauses (09-30, 10-27]: its 15th working day
# is 10-27 (RULES §1.10), counting runs again on 10-28.
@pytest.mark.parametrize(
    ("events", "due_on", "paused_days"),
    [
        ([], D(2026, 10, 30), 0),
        # no answer: the pause ends by itself after 10-27; 18 days remain from 10-27
        ([("consultation_sent", at(2026, 9, 30))], D(2026, 11, 20), 15),
        # answered on 10-12: 10-8, 10-9, 10-10 (make-up Sat), 10-12 not counted
        (
            [
                ("consultation_sent", at(2026, 9, 30)),
                ("consultation_answered", at(2026, 10, 12)),
            ],
            D(2026, 11, 5),
            4,
        ),
        # answered on its 15th day: the same as no answer
        (
            [
                ("consultation_sent", at(2026, 9, 30)),
                ("consultation_answered", at(2026, 10, 27, 17)),
            ],
            D(2026, 11, 20),
            15,
        ),
        # answered late (11-02): accepted, changes nothing
        (
            [
                ("consultation_sent", at(2026, 9, 30)),
                ("consultation_answered", at(2026, 11, 2)),
            ],
            D(2026, 11, 20),
            15,
        ),
        # a second third party consulted 10-12 (its 15th day 11-02): one pause
        # (09-30, 11-02], 19 working days
        (
            [
                ("consultation_sent", at(2026, 9, 30)),
                ("consultation_sent", at(2026, 10, 12)),
            ],
            D(2026, 11, 26),
            19,
        ),
    ],
)
def test_third_party_period_ends_by_itself(events, due_on, paused_days):
    history = [Event("received", at(2026, 9, 28)), *(Event(k, t) for k, t in events)]
    status = due(history, REPLY, CAL, at(2026, 12, 1))
    assert status.due_date == due_on
    assert status.paused_days == paused_days
    assert status.state is State.OVERDUE  # on 12-01, every case above is past due


def test_paused_through_day_15_running_from_day_16():
    history = [
        Event("received", at(2026, 9, 28)),
        Event("consultation_sent", at(2026, 9, 30)),
    ]
    on_15 = due(history, REPLY, CAL, at(2026, 10, 27, 23))
    assert on_15.state is State.PAUSED
    assert on_15.resumes_at == dt.datetime(2026, 10, 28, tzinfo=SHANGHAI)
    assert any("不计入 15个工作日" in line for line in on_15.explanation)
    on_16 = due(history, REPLY, CAL, at(2026, 10, 28, 0))
    assert on_16.state is State.RUNNING and on_16.resumes_at is None
    assert on_16.due_date == D(2026, 11, 20)
    assert any("自动恢复计算" in line for line in on_16.explanation)


def test_an_open_ended_pause_keeps_the_clock_paused():
    history = [
        Event("received", at(2026, 9, 28)),
        Event("consultation_sent", at(2026, 9, 30)),
        Event("correction_requested", at(2026, 10, 9)),
    ]
    status = due(history, REPLY, CAL, at(2026, 11, 30))
    assert status.state is State.PAUSED and status.resumes_at is None


def test_a_resume_with_nothing_paused_is_still_an_error():
    history = [
        Event("received", at(2026, 9, 28)),
        Event("consultation_answered", at(2026, 10, 9)),
    ]
    with pytest.raises(ClockError):
        due(history, REPLY, CAL, at(2026, 11, 30))


def test_a_pause_limit_must_name_a_pause_event():
    with pytest.raises(ClockError):
        REPLY.with_pause_limit("received", 15)
