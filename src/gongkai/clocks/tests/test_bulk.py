"""clocks_start_bulk: the same clocks as clock_start one by one, one audit event."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.clocks.models import CachedState, Clock
from gongkai.clocks.selectors import clock_status
from gongkai.clocks.services import (
    ClockStartItem,
    clock_event_add,
    clock_start,
    clocks_start_bulk,
)
from gongkai.clocks.tests.support import at, end_of
from gongkai.common.errors import InvalidInputError
from gongkai.common.models import AuditEvent

pytestmark = pytest.mark.django_db

NOW = at(2027, 1, 4, 10)
_COMPARED = [
    "rule_key",
    "rule_version",
    "title",
    "department_id",
    "started_at",
    "start_date",
    "group_key",
    "state",
    "due_at",
    "due_soon_at",
    "provisional",
    "stopped_at",
    "stopped_late",
]

STARTS = [
    # the last working day before the Spring Festival block (02-15..02-23 off)
    at(2026, 2, 13, 0),
    # a make-up working day (Saturday 2026-02-14 is worked)
    at(2026, 2, 14, 9),
    # inside the block
    at(2026, 2, 18, 0),
    # year end: the count runs into 2027
    at(2026, 12, 31, 0),
    at(2026, 12, 31, 23, 59),
    # just before now: still running at ``now``
    at(2027, 1, 4, 0),
]


def _one_by_one(rule_key, start_event, subject, when, stop, by):
    clock = clock_start(
        subject=subject,
        rule_key=rule_key,
        at=when,
        title=f"事项 {subject.pk}",
        department=subject,
        start_event=start_event,
        by=by,
        now=NOW,
    )
    if stop:
        clock = clock_event_add(clock=clock, kind=stop, at=NOW, by=by, now=NOW)
    return clock


@pytest.mark.parametrize(
    ("rule_key", "start_event", "stop"),
    [
        ("penalty.publish", "decided", None),
        ("penalty.publish", "decided", "not_published"),
        ("foi.reply", None, None),
        ("incident.release", None, None),  # hours: computed per clock
    ],
)
def test_bulk_equals_clock_start_per_subject(rule_key, start_event, stop):
    clerk = UserFactory()
    singles = [
        _one_by_one(rule_key, start_event, DepartmentFactory(), when, stop, clerk)
        for when in STARTS
    ]
    subjects = [DepartmentFactory() for _ in STARTS]
    bulk = clocks_start_bulk(
        rule_key=rule_key,
        start_event=start_event,
        items=[
            ClockStartItem(
                subject=s,
                at=when,
                title=f"事项 {s.pk}",
                department_id=s.pk,
                stop=stop,
            )
            for s, when in zip(subjects, STARTS, strict=True)
        ],
        by=clerk,
        now=NOW,
    )

    assert len(bulk) == len(STARTS)
    for single, made, subject in zip(singles, bulk, subjects, strict=True):
        stored = Clock.objects.get(pk=made.pk)
        assert stored.subject == subject
        single.refresh_from_db()
        for name in _COMPARED:
            if name in ("title", "department_id"):
                continue
            assert getattr(stored, name) == getattr(single, name), name
        assert [(e.kind, e.at, e.created_by_id) for e in stored.events.all()] == [
            (e.kind, e.at, e.created_by_id) for e in single.events.all()
        ]
        for moment in (NOW, NOW + dt.timedelta(days=40)):
            live, expected = (
                clock_status(stored, now=moment),
                clock_status(single, now=moment),
            )
            assert (live.state, live.due_at, live.explanation) == (
                expected.state,
                expected.due_at,
                expected.explanation,
            )
    if stop:
        assert {c.state for c in bulk} == {CachedState.STOPPED}


def test_due_dates_over_the_spring_festival_and_the_year_end():
    subjects = [DepartmentFactory() for _ in STARTS]
    clocks = clocks_start_bulk(
        rule_key="penalty.publish",
        start_event="decided",
        items=[
            ClockStartItem(subject=s, at=when, title="x")
            for s, when in zip(subjects, STARTS, strict=True)
        ],
        now=NOW,
    )
    # 7 working days, the start day not counted, due at 24:00 of the last one
    assert [(c.due_at, c.provisional) for c in clocks] == [
        # 02-14 and 02-28 worked, 02-15..02-23 off
        (end_of(2026, 3, 2), False),
        (end_of(2026, 3, 3), False),
        (end_of(2026, 3, 3), False),
        # 2027 not declared yet: 元旦 off by law, 调休 unknown, provisional
        (end_of(2027, 1, 12), True),
        (end_of(2027, 1, 12), True),
        (end_of(2027, 1, 13), True),
    ]


def test_one_audit_event_names_the_batch():
    clerk = UserFactory()
    subjects = [DepartmentFactory() for _ in range(3)]
    clocks = clocks_start_bulk(
        rule_key="foi.reply",
        items=[ClockStartItem(subject=s, at=STARTS[0], title="x") for s in subjects],
        by=clerk,
        now=NOW,
    )

    assert not AuditEvent.objects.filter(action="clock.start").exists()
    event = AuditEvent.objects.get(action="clock.start_bulk")
    assert event.actor_id == clerk.pk
    ids = sorted(s.pk for s in subjects)
    assert event.changes["rule"] == "foi.reply"
    assert event.changes["count"] == 3
    assert event.changes["subject_ids"] == [str(ids[0]), str(ids[-1])]
    assert event.changes["clock_ids"] == [clocks[0].pk, clocks[-1].pk]
    assert len(event.changes["subjects_sha256"]) == 64


def test_nothing_to_start_writes_nothing():
    assert clocks_start_bulk(rule_key="foi.reply", items=[], now=NOW) == []
    assert not AuditEvent.objects.exists()


def test_a_start_after_now_is_refused_and_nothing_is_written():
    with pytest.raises(InvalidInputError):
        clocks_start_bulk(
            rule_key="foi.reply",
            items=[
                ClockStartItem(subject=DepartmentFactory(), at=STARTS[0], title="x"),
                ClockStartItem(
                    subject=DepartmentFactory(), at=NOW + dt.timedelta(1), title="x"
                ),
            ],
            now=NOW,
        )
    assert not Clock.objects.exists()
