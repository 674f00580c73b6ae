"""Statutory clocks: the built-in rule table, invalid sequences, rule versions."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from gongkai.core.clock_rules import rule_for
from gongkai.core.clocks import (
    ClockError,
    Event,
    RuleNotFoundError,
    Unit,
    due,
)

from .clock_support import (
    BUILTIN_RULES,
    CAL,
    CONSULTED,
    FOI,
    RULES,
    D,
    at,
    end_of,
    ev,
)

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
    wd, hour, cd = Unit.WORKING_DAY, Unit.HOUR, Unit.CALENDAR_DAY
    assert table == {
        "foi.reply": (wd, 20, D(2019, 5, 15), 20, 1),
        "foi.correction_notice": (wd, 7, D(2019, 5, 15), 0, 0),
        "foi.correction_period": (wd, 15, D(2019, 5, 15), 0, 0),
        "foi.third_party_reply": (wd, 15, D(2019, 5, 15), 0, 0),
        "foi.fee_payment": (wd, 20, D(2020, 11, 17), 0, 0),
        "foi.third_party_notice": (wd, 5, D(2019, 5, 15), 0, 0),
        "foi.annual_report": (cd, 30, D(2019, 5, 15), 0, 0),
        "proactive.publish": (wd, 20, D(2019, 5, 15), 0, 0),
        "penalty.publish": (wd, 7, D(2017, 5, 27), 0, 0),
        "penalty.publish_samr": (wd, 20, D(2021, 9, 1), 0, 0),
        "penalty.withdraw": (wd, 3, D(2021, 9, 1), 0, 0),
        "licence.publish": (wd, 7, D(2018, 12, 5), 0, 0),
        "consultation.feedback": (cd, 30, D(2019, 9, 1), 0, 0),
        "incident.release": (hour, 5, D(2016, 11, 15), 0, 0),
        "incident.press_conference": (hour, 24, D(2016, 11, 15), 0, 0),
        "opinion.response": (hour, 48, D(2016, 8, 12), 0, 0),
        "message.reply": (wd, 10, D(2000, 1, 1), 0, 0),
        "message.red_line": (Unit.MONTH, 3, D(2019, 4, 18), 0, 0),
        "proposal.deputy_reply": (Unit.MONTH, 3, D(2014, 10, 2), 0, 0),
        "proposal.member_reply": (Unit.MONTH, 3, D(2014, 10, 2), 0, 0),
        "inspection.results_publish": (wd, 20, D(2014, 10, 1), 0, 0),
    }
    assert len(BUILTIN_RULES) == len(table)
    assert all(r.title and r.basis for r in BUILTIN_RULES)
    assert FOI.stop_events == {"replied", "withdrawn", "lapsed"}
    assert FOI.pause_events == {"consultation_sent", "correction_requested"}
    # the dated rule value clock.foi.reply.fee_pauses (国办函〔2020〕109号 第七条) and
    # the third party's bounded pause are added by clocks.selectors.clock_rule
    assert "fee_notified" not in FOI.pause_events


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
