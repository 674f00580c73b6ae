"""Statutory clocks: due moments derived from events, at fixed ``now`` values."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.clock_rules import BUILTIN_RULES
from gongkai.core.clocks import (
    SHANGHAI,
    ClockError,
    ClockRule,
    Event,
    RuleNotFoundError,
    State,
    Unit,
    due,
    rule_for,
)
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


# -- built-in rules: one start event, the due date --------------------------------


@pytest.mark.parametrize(
    ("key", "start_kind", "start", "due_date"),
    [
        ("foi.reply", "received", D(2026, 2, 10), D(2026, 3, 16)),
        ("foi.reply", "received", D(2025, 9, 26), D(2025, 10, 30)),
        ("foi.correction_notice", "received", D(2026, 1, 29), D(2026, 2, 9)),
        ("foi.correction_period", "correction_requested", D(2026, 2, 9), D(2026, 3, 6)),
        ("foi.third_party_reply", "consultation_sent", D(2026, 9, 30), D(2026, 10, 27)),
        ("foi.fee_payment", "fee_notified", D(2026, 9, 30), D(2026, 11, 3)),
        ("proactive.publish", "formed", D(2026, 4, 30), D(2026, 6, 1)),
        ("penalty.publish", "decided", D(2026, 9, 18), D(2026, 9, 29)),
        ("penalty.publish_samr", "decided", D(2026, 9, 18), D(2026, 10, 22)),
        ("penalty.withdraw", "decision_changed", D(2026, 9, 30), D(2026, 10, 10)),
        ("inspection.results_publish", "checked", D(2026, 3, 10), D(2026, 4, 8)),
    ],
)
def test_builtin_day_rules(
    key: str, start_kind: str, start: date, due_date: date
) -> None:
    now = at(start.year, start.month, start.day, 11)
    status = due(
        [ev(start_kind, at(start.year, start.month, start.day))], RULES[key], CAL, now
    )
    assert status.due_date == due_date
    assert status.due_at == end_of(due_date)
    assert status.provisional is False


def test_builtin_rule_table() -> None:
    table = {
        r.key: (r.unit, r.length, r.valid_from, r.extension_max, r.max_extensions)
        for r in BUILTIN_RULES
    }
    wd, hour = Unit.WORKING_DAY, Unit.HOUR
    assert table == {
        "foi.reply": (wd, 20, D(2019, 5, 15), 20, 1),
        "foi.correction_notice": (wd, 7, D(2019, 5, 15), 0, 0),
        "foi.correction_period": (wd, 15, D(2019, 5, 15), 0, 0),
        "foi.third_party_reply": (wd, 15, D(2019, 5, 15), 0, 0),
        "foi.fee_payment": (wd, 20, D(2020, 11, 17), 0, 0),
        "proactive.publish": (wd, 20, D(2019, 5, 15), 0, 0),
        "penalty.publish": (wd, 7, D(2017, 5, 27), 0, 0),
        "penalty.publish_samr": (wd, 20, D(2021, 9, 1), 0, 0),
        "penalty.withdraw": (wd, 3, D(2021, 9, 1), 0, 0),
        "incident.release": (hour, 5, D(2016, 11, 15), 0, 0),
        "incident.press_conference": (hour, 24, D(2016, 11, 15), 0, 0),
        "opinion.response": (hour, 48, D(2016, 8, 12), 0, 0),
        "inspection.results_publish": (wd, 20, D(2014, 10, 1), 0, 0),
    }
    assert len(BUILTIN_RULES) == len(table)
    assert all(r.title and r.basis for r in BUILTIN_RULES)
    assert FOI.stop_events == {"replied", "withdrawn", "lapsed"}
    assert FOI.pause_events == {"consultation_sent", "correction_requested"}
    assert "fee_notified" not in FOI.pause_events  # RULES §13 item 2: configuration


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
CONSULTED = [
    ev("received", at(2026, 2, 10)),
    ev("consultation_sent", at(2026, 2, 12)),
    ev("consultation_answered", at(2026, 3, 5)),
]


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
    assert (status.due_date, status.provisional) == (D(2027, 1, 15), True)
    assert status.explanation[-1] == "到期：2027-01-15（共计 20个工作日，暂定）"


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


# -- invalid sequences -----------------------------------------------------------


def test_no_start_event() -> None:
    with pytest.raises(ClockError, match="没有起算事件"):
        due([], FOI, CAL, at(2026, 3, 1))
    with pytest.raises(ClockError, match="没有起算事件"):
        due([ev("received", at(2026, 3, 2))], FOI, CAL, at(2026, 3, 1))  # after now


def test_stop_before_start() -> None:
    with pytest.raises(ClockError, match="尚未起算"):
        due(
            [ev("replied", at(2026, 3, 1)), ev("received", at(2026, 3, 2))],
            FOI,
            CAL,
            at(2026, 3, 3),
        )


def test_events_out_of_order() -> None:
    events = [ev("received", at(2026, 3, 2)), ev("consultation_sent", at(2026, 3, 1))]
    with pytest.raises(ClockError, match="事件顺序错误"):
        due(events, FOI, CAL, at(2026, 3, 3))


def test_resume_without_pause() -> None:
    events = [
        ev("received", at(2026, 3, 2)),
        ev("consultation_answered", at(2026, 3, 3)),
    ]
    with pytest.raises(ClockError, match="没有暂停"):
        due(events, FOI, CAL, at(2026, 3, 4))


def test_naive_times_are_rejected() -> None:
    with pytest.raises(ClockError, match="timezone-aware"):
        Event("received", datetime(2026, 3, 2, 10))
    with pytest.raises(ClockError, match="timezone-aware"):
        due([ev("received", at(2026, 3, 2))], FOI, CAL, datetime(2026, 3, 3))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"length": 0}, "length"),
        ({"due_soon": -1}, "due_soon"),
        ({"start_events": frozenset()}, "no start event"),
        ({"stop_events": frozenset({"received"})}, "two roles"),
        ({"extension_max": 0}, "extension limits"),
        ({"extend_event": None}, "extension limits"),
    ],
)
def test_rule_validation(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ClockError, match=message):
        dataclasses.replace(FOI, **changes)  # type: ignore[arg-type]


# -- rule versions -------------------------------------------------------------------


def test_rule_for_picks_the_version_in_force_at_start() -> None:
    v2 = dataclasses.replace(FOI, version="v2", valid_from=D(2027, 1, 1), length=15)
    rules = [*BUILTIN_RULES, v2]
    assert rule_for("foi.reply", D(2026, 12, 31), rules) is FOI
    assert rule_for("foi.reply", D(2027, 1, 1), rules) is v2
    assert rule_for("foi.reply", D(2030, 6, 1), rules) is v2
    assert rule_for("foi.reply", D(2019, 5, 15), rules) is FOI


def test_rule_for_without_a_version_in_force() -> None:
    with pytest.raises(RuleNotFoundError, match=r"foi\.reply") as info:
        rule_for("foi.reply", D(2019, 5, 14), BUILTIN_RULES)
    assert isinstance(info.value, ClockError)
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "没有 2019-05-14 适用的期限规则 'foi.reply'"
    with pytest.raises(RuleNotFoundError):
        rule_for("no.such.rule", D(2026, 1, 1), BUILTIN_RULES)


def test_explain_false_gives_the_same_status_without_lines() -> None:
    events = [*CONSULTED, ev("extended", at(2026, 3, 20), 20)]
    full = due(events, FOI, CAL, at(2026, 4, 1))
    quick = due(events, FOI, CAL, at(2026, 4, 1), explain=False)
    assert quick.explanation == []
    assert dataclasses.replace(quick, explanation=full.explanation) == full
