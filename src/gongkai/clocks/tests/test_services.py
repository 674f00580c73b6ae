"""Clock writes: start, events, recomputation, and the holiday table."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.clocks.models import Clock, ClockEvent
from gongkai.clocks.services import (
    clock_event_add,
    clock_start,
)
from gongkai.clocks.tests.factories import ClockFactory
from gongkai.clocks.tests.support import at, end_of
from gongkai.common.errors import InvalidInputError
from gongkai.common.models import AuditEvent

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- clock_start


@pytest.mark.parametrize(
    ("rule_key", "start", "due_at", "provisional", "version", "first_event"),
    [
        # 20 working days over the Spring Festival block (02-15..02-23 off, 02-14 and
        # 02-28 make-up working days).
        (
            "foi.reply",
            at(2026, 2, 10, 9),
            end_of(2026, 3, 16),
            False,
            "条例2019",
            "received",
        ),
        (
            "penalty.publish",
            at(2026, 2, 10, 9),
            end_of(2026, 2, 26),
            False,
            "工作方案2017",
            "decided",
        ),
        # Over the National Day block (10-01..10-07 off, 09-20 and 10-10 worked).
        (
            "proactive.publish",
            at(2026, 9, 18, 9),
            end_of(2026, 10, 22),
            False,
            "条例2019",
            "formed",
        ),
        # Round the clock: 5 hours.
        (
            "incident.release",
            at(2026, 2, 14, 22, 30),
            at(2026, 2, 15, 3, 30),
            False,
            "国办发2016-80",
            "occurred",
        ),
        # 2027 is not announced yet: 元旦 is off by law, the 调休 are unknown, so
        # the date is marked provisional.
        (
            "foi.reply",
            at(2026, 12, 10, 9),
            end_of(2027, 1, 8),
            True,
            "条例2019",
            "received",
        ),
    ],
)
def test_clock_start_computes_the_due_moment(
    rule_key: str,
    start: dt.datetime,
    due_at: dt.datetime,
    provisional: bool,
    version: str,
    first_event: str,
) -> None:
    clock = ClockFactory(rule_key=rule_key, at=start)

    stored = Clock.objects.get(pk=clock.pk)
    assert (stored.due_at, stored.provisional, stored.state, stored.rule_version) == (
        due_at,
        provisional,
        "running",
        version,
    )
    assert stored.started_at == start
    assert [(e.kind, e.at) for e in stored.events.all()] == [(first_event, start)]


def test_clock_start_is_audited_and_links_the_subject() -> None:
    department = DepartmentFactory(code="quality", name="产品质量监督处")
    clerk = UserFactory(username="clerk", department=department)

    clock = clock_start(
        subject=department,
        rule_key="foi.reply",
        at=at(2026, 2, 10, 9),
        title="申请 2026-001",
        department=department,
        by=clerk,
        now=at(2026, 2, 10, 9, 5),
    )

    assert (clock.subject, clock.department, clock.title) == (
        department,
        department,
        "申请 2026-001",
    )
    assert clock.events.get().created_by == clerk
    event = AuditEvent.objects.get(action="clock.start")
    assert (event.actor_id, event.object_type, event.object_id) == (
        clerk.pk,
        "clocks.clock",
        str(clock.pk),
    )
    assert event.changes == {
        "rule": "foi.reply",
        "at": "2026-02-10T01:00:00.000000+00:00",
        "due_at": "2026-03-16T16:00:00.000000+00:00",
    }
    assert event.occurred_at == at(2026, 2, 10, 9, 5)


def test_clock_start_with_a_named_start_event() -> None:
    clock = ClockFactory(rule_key="foi.reply", at=at(2026, 3, 2))

    assert clock.events.get().kind == "received"
    other = clock_start(
        subject=clock.department,
        rule_key="penalty.publish",
        at=at(2026, 3, 2),
        title="t",
        start_event="decided",
        now=at(2026, 3, 2),
    )
    assert other.events.get().kind == "decided"


def test_clock_start_due_soon_moment_for_working_days() -> None:
    clock = ClockFactory(rule_key="foi.reply", at=at(2026, 2, 10, 9))

    # Due 2026-03-16 (Mon); at most 3 working days remain after 2026-03-11.
    assert clock.due_soon_at == at(2026, 3, 11, 0)


def test_clock_start_in_the_future_is_refused_and_not_kept() -> None:
    department = DepartmentFactory()

    with pytest.raises(InvalidInputError) as excinfo:
        clock_start(
            subject=department,
            rule_key="foi.reply",
            at=at(2026, 3, 2, 10),
            title="t",
            now=at(2026, 3, 2, 9),
        )

    assert excinfo.value.code == "clock.invalid_event"
    assert Clock.objects.count() == 0
    assert ClockEvent.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_clock_start_with_an_unknown_rule_is_refused() -> None:
    with pytest.raises(InvalidInputError) as excinfo:
        clock_start(
            subject=DepartmentFactory(),
            rule_key="no.such.rule",
            at=at(2026, 3, 2),
            title="t",
            now=at(2026, 3, 2),
        )

    assert excinfo.value.code == "clock.invalid_event"
    assert Clock.objects.count() == 0


# ---------------------------------------------------------------- clock_event_add


@pytest.fixture
def reply_clock() -> Clock:
    """An information request received 2026-02-10, due 2026-03-16."""
    return ClockFactory(rule_key="foi.reply", at=at(2026, 2, 10, 9))


def test_pause_then_resume_skips_the_paused_working_days(reply_clock: Clock) -> None:
    paused = clock_event_add(
        clock=reply_clock,
        kind="consultation_sent",
        at=at(2026, 2, 12),
        now=at(2026, 2, 12),
    )
    # 条例 第三十二条: the pause ends by itself after 15 working days, so the caches
    # hold the latest due date: 3-16 plus 15 working days (清明 4-4..4-6 off)
    assert (paused.state, paused.due_at) == ("running", end_of(2026, 4, 7))

    resumed = clock_event_add(
        clock=reply_clock,
        kind="consultation_answered",
        at=at(2026, 2, 26),
        now=at(2026, 2, 26),
    )

    # (02-12, 02-26] holds 5 working days: 02-13, 02-14 (make-up), 02-24..02-26.
    stored = Clock.objects.get(pk=reply_clock.pk)
    assert (stored.state, stored.due_at) == ("running", end_of(2026, 3, 23))
    assert resumed.due_at == stored.due_at
    assert [e.kind for e in stored.events.all()] == [
        "received",
        "consultation_sent",
        "consultation_answered",
    ]


def test_event_is_audited_with_the_due_moment_before_and_after(
    reply_clock: Clock,
) -> None:
    user = UserFactory(username="handler")

    clock_event_add(
        clock=reply_clock,
        kind="extended",
        at=at(2026, 3, 2),
        value=10,
        note="需要检索档案",
        by=user,
        now=at(2026, 3, 2, 10, 1),
    )

    event = AuditEvent.objects.get(action="clock.event")
    assert event.changes == {
        "kind": "extended",
        "at": "2026-03-02T02:00:00.000000+00:00",
        "value": 10,
        "due_before": "2026-03-16T16:00:00.000000+00:00",
        "due_after": "2026-03-30T16:00:00.000000+00:00",
    }
    assert (event.actor_id, event.object_id) == (user.pk, str(reply_clock.pk))
    stored = ClockEvent.objects.get(kind="extended")
    assert (stored.value, stored.note, stored.created_by) == (10, "需要检索档案", user)


@pytest.mark.parametrize(
    ("value", "due"),
    [(1, end_of(2026, 3, 17)), (10, end_of(2026, 3, 30)), (20, end_of(2026, 4, 14))],
)
def test_extension_adds_working_days(
    reply_clock: Clock, value: int, due: dt.datetime
) -> None:
    clock = clock_event_add(
        clock=reply_clock,
        kind="extended",
        at=at(2026, 3, 2),
        value=value,
        now=at(2026, 3, 2),
    )

    assert Clock.objects.get(pk=clock.pk).due_at == due


@pytest.mark.parametrize(
    ("kind", "value", "when"),
    [
        ("extended", 25, at(2026, 3, 2)),  # 条例 第三十三条: at most 20 working days
        ("extended", 0, at(2026, 3, 2)),
        ("consultation_answered", None, at(2026, 3, 2)),  # nothing paused
        ("consultation_sent", None, at(2026, 2, 9)),  # before the start event
    ],
)
def test_invalid_event_is_refused_and_not_kept(
    reply_clock: Clock, kind: str, value: int | None, when: dt.datetime
) -> None:
    audit_before = AuditEvent.objects.count()

    with pytest.raises(InvalidInputError) as excinfo:
        clock_event_add(
            clock=reply_clock, kind=kind, at=when, value=value, now=at(2026, 3, 2)
        )

    assert excinfo.value.code == "clock.invalid_event"
    stored = Clock.objects.get(pk=reply_clock.pk)
    assert [e.kind for e in stored.events.all()] == ["received"]
    assert (stored.state, stored.due_at) == ("running", end_of(2026, 3, 16))
    assert AuditEvent.objects.count() == audit_before


def test_second_extension_is_refused(reply_clock: Clock) -> None:
    clock_event_add(
        clock=reply_clock,
        kind="extended",
        at=at(2026, 3, 2),
        value=5,
        now=at(2026, 3, 2),
    )

    with pytest.raises(InvalidInputError) as excinfo:
        clock_event_add(
            clock=reply_clock,
            kind="extended",
            at=at(2026, 3, 3),
            value=5,
            now=at(2026, 3, 3),
        )

    assert excinfo.value.code == "clock.invalid_event"
    assert "1 次" in str(excinfo.value.message)
    assert ClockEvent.objects.filter(clock=reply_clock, kind="extended").count() == 1


def test_extension_on_a_rule_without_one_is_refused() -> None:
    clock = ClockFactory(rule_key="penalty.publish", at=at(2026, 2, 10))

    with pytest.raises(InvalidInputError) as excinfo:
        clock_event_add(clock=clock, kind="extended", at=at(2026, 2, 11), value=3)

    assert excinfo.value.code == "clock.invalid_event"
    assert clock.events.count() == 1


@pytest.mark.parametrize(
    ("stop_at", "late"),
    [
        (at(2026, 3, 10), False),
        (at(2026, 3, 16, 23, 59), False),
        (end_of(2026, 3, 16), True),  # at 24:00 of the last day it is already late
        (at(2026, 3, 20), True),
    ],
)
def test_stop_event_stops_the_clock(
    reply_clock: Clock, stop_at: dt.datetime, late: bool
) -> None:
    clock = clock_event_add(clock=reply_clock, kind="replied", at=stop_at, now=stop_at)

    stored = Clock.objects.get(pk=clock.pk)
    assert (stored.state, stored.stopped_at, stored.stopped_late) == (
        "stopped",
        stop_at,
        late,
    )
    assert stored.due_at == end_of(2026, 3, 16)


def test_an_event_after_the_stop_does_not_move_the_stop(reply_clock: Clock) -> None:
    clock_event_add(
        clock=reply_clock, kind="replied", at=at(2026, 3, 10), now=at(2026, 3, 10)
    )

    clock_event_add(
        clock=reply_clock, kind="withdrawn", at=at(2026, 3, 20), now=at(2026, 3, 20)
    )

    stored = Clock.objects.get(pk=reply_clock.pk)
    assert (stored.state, stored.stopped_at, stored.stopped_late) == (
        "stopped",
        at(2026, 3, 10),
        False,
    )


def test_a_stop_recorded_ahead_of_time_stops_the_cached_clock(
    reply_clock: Clock,
) -> None:
    # Scheduled publication: the stop event lies in the future when it is recorded.
    clock_event_add(
        clock=reply_clock, kind="replied", at=at(2026, 3, 12), now=at(2026, 3, 2)
    )

    stored = Clock.objects.get(pk=reply_clock.pk)
    assert (stored.state, stored.stopped_at, stored.stopped_late) == (
        "stopped",
        at(2026, 3, 12),
        False,
    )
