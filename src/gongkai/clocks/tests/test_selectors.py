"""Clock reads: the calendar in force, configured rules, scoping and the inbox."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.tests.factories import UserFactory
from gongkai.clocks.models import Clock, HolidayDay
from gongkai.clocks.selectors import (
    clock_inbox,
    clock_rule,
    clock_status,
    clock_visible_to,
    clocks_for,
    work_calendar,
)
from gongkai.clocks.services import clock_event_add
from gongkai.clocks.tests.factories import ClockFactory
from gongkai.common.services import rule_value_set
from gongkai.core import clocks as core_clocks
from gongkai.core.clocks import State

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)  # a Monday

pytestmark = pytest.mark.django_db


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


# ---------------------------------------------------------------- calendar and rules


def test_work_calendar_without_table_rows_is_the_official_calendar() -> None:
    calendar = work_calendar()

    assert calendar.is_working_day(D(2026, 2, 14)) is True  # 春节 make-up Saturday
    assert calendar.is_working_day(D(2026, 2, 16)) is False
    assert calendar.is_known(D(2026, 1, 1)) is True
    assert calendar.is_known(D(2027, 1, 1)) is False


def test_work_calendar_sees_a_new_table_row_at_once() -> None:
    assert work_calendar().is_working_day(D(2026, 3, 3)) is True

    HolidayDay.objects.create(day=D(2026, 3, 3), kind="off", name="地方假日")

    calendar = work_calendar()
    assert calendar.is_working_day(D(2026, 3, 3)) is False
    assert calendar.day_name(D(2026, 3, 3)) == "地方假日"


@pytest.mark.parametrize(
    ("start", "length"),
    [(D(2025, 12, 31), 20), (D(2026, 1, 1), 15), (D(2026, 6, 1), 15)],
)
def test_clock_rule_applies_the_length_in_force_on_the_start_day(
    start: D, length: int
) -> None:
    rule_value_set(
        key="clock.foi.reply.length", value=15, valid_from=D(2026, 1, 1), by=None
    )

    rule = clock_rule("foi.reply", start=start)

    assert (rule.key, rule.length, rule.version) == ("foi.reply", length, "条例2019")


def test_clock_rule_without_a_configured_length_is_the_builtin() -> None:
    rule = clock_rule("penalty.publish_samr", start=D(2026, 1, 1))

    assert (rule.length, rule.version) == (20, "总局令45")


def test_clock_rule_adds_the_fee_pause_when_configured() -> None:
    before = clock_rule("foi.reply", start=D(2026, 1, 1))
    assert "fee_notified" not in before.pause_events

    rule_value_set(
        key="clock.foi.reply.fee_pauses", value=True, valid_from=D(2026, 1, 1), by=None
    )
    rule = clock_rule("foi.reply", start=D(2026, 1, 1))

    assert rule.pause_events == frozenset(
        {"consultation_sent", "correction_requested", "fee_notified"}
    )
    assert rule.resume_events == frozenset({"consultation_answered", "fee_paid"})
    assert (
        "fee_notified"
        not in clock_rule("foi.reply", start=D(2025, 12, 31)).pause_events
    )


def test_clock_rule_unknown_key_raises() -> None:
    with pytest.raises(core_clocks.RuleNotFoundError):
        clock_rule("no.such.rule", start=D(2026, 1, 1))


def test_clock_status_explains_the_due_date() -> None:
    clock = ClockFactory(rule_key="foi.reply", at=at(2026, 2, 10))

    status = clock_status(clock, now=at(2026, 3, 12, 10))

    assert (status.state, status.due_date, status.provisional) == (
        State.DUE_SOON,
        D(2026, 3, 16),
        False,
    )
    assert (
        status.explanation[0]
        == "依申请公开答复期限：20个工作日（政府信息公开条例 第三十一条、第三十三条）"
    )
    assert status.explanation[-1] == "到期：2026-03-16（共计 20个工作日）"
    assert "2026-02-15 至 2026-02-23 春节放假" in status.explanation


def test_clocks_for_finds_the_clocks_of_a_subject() -> None:
    mine = ClockFactory()
    ClockFactory()  # another subject

    assert list(clocks_for(mine.department)) == [mine]


# ---------------------------------------------------------------- scoping and inbox


@pytest.fixture
def scene(department: object, other_department: object) -> dict[str, Clock]:
    """Clocks of every kind at NOW (2026-03-02 10:00, Monday)."""

    def make(
        name: str, rule: str, start: dt.datetime, dept: object = department
    ) -> Clock:
        return ClockFactory(
            title=name, rule_key=rule, at=start, department=dept, subject=department
        )

    clocks = {
        # 7 working days from 02-10: due 02-26
        "overdue_late": make("overdue_late", "penalty.publish", at(2026, 2, 10)),
        # 7 working days from 02-09: due 02-25
        "overdue_early": make("overdue_early", "penalty.publish", at(2026, 2, 9)),
        # 7 working days from 02-25: due 03-05, 3 working days after 03-02
        "due_soon": make("due_soon", "penalty.publish", at(2026, 2, 25)),
        # due 03-16: not yet due soon
        "running": make("running", "foi.reply", at(2026, 2, 10)),
        "paused": make("paused", "foi.reply", at(2026, 2, 11)),
        "stopped": make("stopped", "penalty.publish", at(2026, 2, 10, 8)),
        "other_overdue": make(
            "other_overdue", "penalty.publish", at(2026, 2, 10, 10), other_department
        ),
        "unassigned_overdue": make(
            "unassigned_overdue", "penalty.publish", at(2026, 2, 10, 11), None
        ),
    }
    # an open-ended pause (a consultation's pause ends by itself: test_services)
    clock_event_add(
        clock=clocks["paused"], kind="correction_requested", at=at(2026, 2, 20), now=NOW
    )
    clock_event_add(
        clock=clocks["stopped"], kind="published", at=at(2026, 2, 20), now=NOW
    )
    return {name: Clock.objects.get(pk=c.pk) for name, c in clocks.items()}


def _titles(clocks: list[Clock]) -> list[str]:
    return [c.title for c in clocks]


def test_inbox_buckets_for_a_department_member(
    scene: dict[str, Clock], staff: object
) -> None:
    inbox = clock_inbox(staff, now=NOW)

    assert {k: _titles(v) for k, v in inbox.items()} == {
        "overdue": ["overdue_early", "overdue_late"],
        "due_soon": ["due_soon"],
        "paused": ["paused"],
    }


@pytest.mark.parametrize("who", ["reviewer", "admin_user", "auditor"])
def test_inbox_of_the_office_admins_and_auditors_covers_every_department(
    scene: dict[str, Clock], who: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(who)

    inbox = clock_inbox(user, now=NOW)

    assert _titles(inbox["overdue"]) == [
        "overdue_early",
        "overdue_late",
        "other_overdue",
        "unassigned_overdue",
    ]
    assert _titles(inbox["due_soon"]) == ["due_soon"]
    assert _titles(inbox["paused"]) == ["paused"]


def test_inbox_of_another_department_shows_only_its_own(
    scene: dict[str, Clock], other_staff: object
) -> None:
    inbox = clock_inbox(other_staff, now=NOW)

    assert {k: _titles(v) for k, v in inbox.items()} == {
        "overdue": ["other_overdue"],
        "due_soon": [],
        "paused": [],
    }


def test_inbox_moves_a_clock_from_running_to_due_soon_to_overdue(
    scene: dict[str, Clock], staff: object
) -> None:
    def bucket(now: dt.datetime) -> str | None:
        inbox = clock_inbox(staff, now=now)
        found = [k for k, v in inbox.items() if "running" in _titles(v)]
        return found[0] if found else None

    # due 2026-03-16; due soon from 2026-03-11 00:00
    assert bucket(at(2026, 3, 10, 23, 59)) is None
    assert bucket(at(2026, 3, 11, 0, 0)) == "due_soon"
    assert bucket(at(2026, 3, 16, 23, 59)) == "due_soon"
    assert bucket(at(2026, 3, 17, 0, 0)) == "overdue"


def test_clock_visible_to_scopes_by_department(
    scene: dict[str, Clock], staff: object, other_staff: object, reviewer: object
) -> None:
    assert set(_titles(clock_visible_to(staff))) == {
        "overdue_late",
        "overdue_early",
        "due_soon",
        "running",
        "paused",
        "stopped",
    }
    assert _titles(clock_visible_to(other_staff)) == ["other_overdue"]
    assert clock_visible_to(reviewer).count() == 8


def test_staff_without_department_sees_no_clock(scene: dict[str, Clock]) -> None:
    homeless = UserFactory(username="homeless", department=None)

    assert list(clock_visible_to(homeless)) == []
    assert clock_inbox(homeless, now=NOW) == {
        "overdue": [],
        "due_soon": [],
        "paused": [],
    }


def test_anonymous_sees_no_clock(scene: dict[str, Clock]) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert list(clock_visible_to(AnonymousUser())) == []


# ---------------------------------------------------------------- due_soon_at vs core


SAMPLES = [
    ("foi.reply", at(2026, 2, 10)),
    ("foi.reply", at(2026, 9, 18, 17, 30)),  # over the National Day block
    ("penalty.publish", at(2026, 2, 12)),  # over the Spring Festival block
    ("penalty.withdraw", at(2026, 4, 30)),  # due_soon = 1, over May Day
    ("proactive.publish", at(2026, 12, 31, 23, 0)),  # into an unknown year
    ("incident.release", at(2026, 5, 1, 21, 15)),  # hours
    ("opinion.response", at(2026, 10, 1, 8, 0)),  # 48 hours, due_soon 12
]


@pytest.mark.parametrize(("rule_key", "start"), SAMPLES)
def test_due_soon_at_agrees_with_core_due_state(
    rule_key: str, start: dt.datetime
) -> None:
    clock = ClockFactory(rule_key=rule_key, at=start)
    calendar = work_calendar()
    rule = clock_rule(rule_key, start=start.astimezone(SHANGHAI).date())
    hourly = rule.unit == core_clocks.Unit.HOUR
    step = dt.timedelta(minutes=30) if hourly else dt.timedelta(hours=5)
    horizon = clock.due_at + 3 * step
    moments = []
    now = start
    while now <= horizon:
        moments.append(now)
        now += step
    # The exact edges as well.
    moments += [
        clock.due_soon_at - dt.timedelta(microseconds=1),
        clock.due_soon_at,
        clock.due_at - dt.timedelta(microseconds=1),
        clock.due_at,
    ]
    seen = set()
    for now in moments:
        if now < start:
            continue
        state = clock_status(clock, now=now, calendar=calendar).state
        if now >= clock.due_at:
            expected = State.OVERDUE
        elif now >= clock.due_soon_at:
            expected = State.DUE_SOON
        else:
            expected = State.RUNNING
        assert state == expected, (rule_key, now)
        seen.add(state)
    assert seen == {State.RUNNING, State.DUE_SOON, State.OVERDUE}


def test_due_soon_at_of_a_working_day_rule_starts_a_day() -> None:
    clock = ClockFactory(rule_key="penalty.withdraw", at=at(2026, 4, 30))

    # 3 working days from 04-30 over May Day (05-01..05-05 off): 05-06, 05-07, 05-08.
    assert clock.due_at == dt.datetime(2026, 5, 9, 0, 0, tzinfo=SHANGHAI)
    # due_soon = 1: at most one working day left after 05-07.
    assert clock.due_soon_at == dt.datetime(2026, 5, 7, 0, 0, tzinfo=SHANGHAI)
