"""Statutory clocks: the FOI reply period (条例 第三十条至第三十三条) with real dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.clocks import (
    SHANGHAI,
    ClockError,
    Event,
    State,
    due,
)

from .clock_support import CAL, CONSULTED, FOI, RULES, D, at, ev

# -- FOI reply ------------------------------------------------------------------------


def test_foi_reply_plain() -> None:
    status = due([ev("received", at(2026, 2, 10))], FOI, CAL, at(2026, 2, 20))
    assert status.state is State.RUNNING
    assert status.due_date == D(2026, 3, 16)
    assert status.due_at == datetime(2026, 3, 17, tzinfo=SHANGHAI)
    assert status.remaining == datetime(2026, 3, 17, tzinfo=SHANGHAI) - at(2026, 2, 20)
    assert (status.extended_by, status.paused_days, status.stopped_by) == (0, 0, None)
    assert status.explanation == [
        "依申请公开答复期限：20个工作日（政府信息公开条例 第三十一条、第三十三条）",
        "起算：2026-02-10 收到申请（当日不计入，民法典第二百零一条）",
        "2026-02-14 周六 调休上班（春节）",
        "2026-02-15 至 2026-02-23 春节放假",
        "2026-02-28 周六 调休上班（春节）",
        "其间周末 5 天不计入",
        "到期：2026-03-16（共计 20个工作日）",
    ]


def test_event_day_is_the_shanghai_date() -> None:
    # 2026-02-10 17:30 UTC is 2026-02-11 01:30 in Shanghai
    received = datetime(2026, 2, 10, 17, 30, tzinfo=ZoneInfo("UTC"))
    status = due([ev("received", received)], FOI, CAL, at(2026, 2, 20))
    assert status.due_date == D(2026, 3, 17)


def test_correction_restarts_the_period() -> None:
    events = [
        ev("received", at(2026, 1, 29)),
        ev("correction_requested", at(2026, 2, 5)),  # pauses; cleared by the restart
        ev("consultation_sent", at(2026, 2, 6)),  # cleared by the restart
        ev("correction_received", at(2026, 3, 2)),
    ]
    status = due(events, FOI, CAL, at(2026, 3, 3))
    assert status.state is State.RUNNING
    assert status.due_date == D(2026, 3, 30)
    assert status.paused_days == 0
    assert "重新起算：2026-03-02 收到补正申请（当日不计入，民法典第二百零一条）" in (
        status.explanation
    )


def test_reply_period_waits_while_the_applicant_corrects() -> None:
    """条例 第三十条: asked to correct on 2026-02-05, never corrected — the reply clock
    is paused, not overdue, long after 20 working days from receipt."""
    events = [
        ev("received", at(2026, 1, 29)),
        ev("correction_requested", at(2026, 2, 5)),
    ]
    status = due(events, FOI, CAL, at(2026, 4, 30))
    assert status.state is State.PAUSED
    assert status.remaining is None


def test_correction_notice_stopped_on_time() -> None:
    events = [
        ev("received", at(2026, 1, 29)),
        ev("correction_requested", at(2026, 2, 5)),
    ]
    status = due(events, RULES["foi.correction_notice"], CAL, at(2026, 3, 1))
    assert (status.state, status.stopped_late) == (State.STOPPED, False)
    assert status.due_date == D(2026, 2, 9)


def test_correction_period_overdue_means_lapsed() -> None:
    events = [ev("correction_requested", at(2026, 2, 9))]
    status = due(events, RULES["foi.correction_period"], CAL, at(2026, 3, 10))
    assert status.state is State.OVERDUE
    assert status.due_date == D(2026, 3, 6)
    assert status.remaining == datetime(2026, 3, 7, tzinfo=SHANGHAI) - at(2026, 3, 10)


PAUSE_LINE = (
    "暂停：2026-02-12 发出征求意见 至 2026-03-05 收到征求意见答复，不计入 11个工作日"
)


def test_consultation_pause_spans_spring_festival() -> None:
    status = due(CONSULTED, FOI, CAL, at(2026, 3, 6))
    # 2 working days counted before the pause; 11 working days in (2-12, 3-5] not
    # counted (2-13, Sat 2-14, 2-24…2-27, Sat 2-28, 3-2…3-5); 18 more from 3-5.
    assert status.state is State.RUNNING
    assert status.due_date == D(2026, 3, 31)
    assert status.paused_days == 11
    assert status.paused == timedelta(days=21)
    assert status.explanation[2] == (PAUSE_LINE)


def test_while_paused_the_due_date_is_projected_from_now() -> None:
    status = due(CONSULTED[:2], FOI, CAL, at(2026, 3, 1))
    assert status.state is State.PAUSED
    assert status.remaining is None
    assert status.due_date == D(2026, 3, 25)  # 18 working days after Sunday 3-1
    assert status.paused_days == 7


def test_extension_plus_pause() -> None:
    events = [*CONSULTED, ev("extended", at(2026, 3, 20), 20)]
    status = due(events, FOI, CAL, at(2026, 4, 1))
    # 3-31 plus 20 working days, skipping 清明 4-4…4-6
    assert status.due_date == D(2026, 4, 29)
    assert (status.extended_by, status.paused_days) == (20, 11)
    assert status.explanation == [
        "依申请公开答复期限：20个工作日（政府信息公开条例 第三十一条、第三十三条）",
        "起算：2026-02-10 收到申请（当日不计入，民法典第二百零一条）",
        PAUSE_LINE,
        "延长 20个工作日：2026-03-20",
        "2026-04-04 至 2026-04-06 清明放假",
        "其间周末 14 天不计入",
        "到期：2026-04-29（共计 40个工作日）",
    ]


def test_extension_without_value_takes_the_maximum() -> None:
    events = [ev("received", at(2026, 2, 10)), ev("extended", at(2026, 3, 2))]
    status = due(events, FOI, CAL, at(2026, 3, 2, 11))
    assert (status.due_date, status.extended_by) == (D(2026, 4, 14), 20)


def test_shorter_extension() -> None:
    events = [ev("received", at(2026, 2, 10)), ev("extended", at(2026, 3, 2), 5)]
    assert due(events, FOI, CAL, at(2026, 3, 3)).due_date == D(2026, 3, 23)


def test_extension_beyond_twenty_is_rejected() -> None:
    events = [ev("received", at(2026, 2, 10)), ev("extended", at(2026, 3, 2), 21)]
    with pytest.raises(ClockError, match="最多延长 20个工作日"):
        due(events, FOI, CAL, at(2026, 3, 3))


def test_second_extension_is_rejected() -> None:
    events = [
        ev("received", at(2026, 2, 10)),
        ev("extended", at(2026, 3, 2), 10),
        ev("extended", at(2026, 3, 3), 5),
    ]
    with pytest.raises(ClockError, match="最多延长 1 次"):
        due(events, FOI, CAL, at(2026, 3, 4))


def test_zero_extension_is_rejected() -> None:
    events = [ev("received", at(2026, 2, 10)), ev("extended", at(2026, 3, 2), 0)]
    with pytest.raises(ClockError, match="大于 0"):
        due(events, FOI, CAL, at(2026, 3, 3))


def test_extension_on_rule_without_one_is_rejected() -> None:
    events = [ev("decided", at(2026, 9, 18)), ev("extended", at(2026, 9, 21), 5)]
    with pytest.raises(ClockError, match="不能延长"):
        due(events, RULES["penalty.publish"], CAL, at(2026, 9, 22))


def test_late_extension_is_kept_and_flagged() -> None:
    events = [ev("received", at(2026, 2, 10)), ev("extended", at(2026, 3, 17), 20)]
    status = due(events, FOI, CAL, at(2026, 3, 18))
    assert status.due_date == D(2026, 4, 14)
    assert "延长 20个工作日：2026-03-17（晚于当时的到期时间）" in status.explanation


# -- 条例 第三十五条: a delayed reply on a notified date -----------------------------


def delayed(told: datetime, until: date) -> Event:
    """The office tells the applicant on ``told`` it will answer by ``until``."""
    return ev("reply_delayed", told, (until - told.date()).days)


def test_delayed_reply_replaces_the_due_date() -> None:
    events = [ev("received", at(2026, 2, 10)), delayed(at(2026, 3, 10), D(2026, 4, 30))]
    status = due(events, FOI, CAL, at(2026, 3, 11))
    assert status.due_date == D(2026, 4, 30)
    assert (status.state, status.provisional) == (State.RUNNING, False)
    assert (
        "延期答复（条例第三十五条）：2026-03-10 告知申请人于 2026-04-30 前答复"
        "（原期限 2026-03-16）" in status.explanation
    )
    assert status.explanation[-1] == (
        "到期：2026-04-30（告知申请人的延期答复日期，条例第三十五条）"
    )


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (at(2026, 4, 24, 23), State.RUNNING),  # 4-27 … 4-30: 4 working days left
        (at(2026, 4, 27), State.DUE_SOON),
        (at(2026, 5, 1, 0, 0), State.OVERDUE),  # Labour Day, still overdue
    ],
)
def test_delayed_reply_due_soon_and_overdue(now: datetime, state: State) -> None:
    events = [ev("received", at(2026, 2, 10)), delayed(at(2026, 3, 10), D(2026, 4, 30))]
    assert due(events, FOI, CAL, now).state is state


def test_delayed_reply_after_an_extension() -> None:
    events = [
        ev("received", at(2026, 2, 10)),
        ev("extended", at(2026, 3, 10), 20),  # → 2026-04-14
        delayed(at(2026, 4, 10), D(2026, 5, 29)),
    ]
    status = due(events, FOI, CAL, at(2026, 4, 10))
    assert (status.due_date, status.extended_by) == (D(2026, 5, 29), 20)
    assert any("（原期限 2026-04-14）" in line for line in status.explanation)


def test_pauses_after_a_delayed_reply_do_not_move_it() -> None:
    events = [
        ev("received", at(2026, 2, 10)),
        delayed(at(2026, 3, 10), D(2026, 4, 30)),
        ev("consultation_sent", at(2026, 3, 20)),
    ]
    status = due(events, FOI, CAL, at(2026, 4, 1))
    assert (status.due_date, status.state) == (D(2026, 4, 30), State.RUNNING)


def test_a_corrected_application_clears_the_delayed_date() -> None:
    events = [
        ev("received", at(2026, 2, 10)),
        delayed(at(2026, 3, 10), D(2026, 4, 30)),
        ev("correction_received", at(2026, 4, 1)),
    ]
    # 20 working days from 2026-04-01 (Qingming 4-04 … 4-06 off): 2026-04-30 again
    assert due(events, FOI, CAL, at(2026, 4, 2)).due_date == D(2026, 4, 30)
    # from 2026-04-09: Labour Day 5-01 … 5-05 off, make-up Saturday 5-09 counts
    events[-1] = ev("correction_received", at(2026, 4, 9))
    assert due(events, FOI, CAL, at(2026, 4, 10)).due_date == D(2026, 5, 11)


@pytest.mark.parametrize(
    ("until", "message"),
    [
        (D(2026, 3, 16), "必须晚于原答复期限 2026-03-16"),
        (D(2026, 3, 12), "必须晚于原答复期限 2026-03-16"),
        (D(2026, 3, 10), "期限必须晚于告知之日"),
    ],
)
def test_delayed_date_must_be_later_than_the_statutory_one(
    until: date, message: str
) -> None:
    events = [ev("received", at(2026, 2, 10)), delayed(at(2026, 3, 10), until)]
    with pytest.raises(ClockError, match=message):
        due(events, FOI, CAL, at(2026, 3, 11))
