"""Clock writes: start, events, recomputation, and the holiday table."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.clocks.models import CalendarYear, Clock, ClockEvent, HolidayDay
from gongkai.clocks.selectors import work_calendar
from gongkai.clocks.services import (
    calendar_year_set,
    clock_event_add,
    clock_start,
    clocks_recompute_all,
)
from gongkai.clocks.tests.factories import ClockFactory
from gongkai.common.errors import InvalidInputError
from gongkai.common.models import AuditEvent

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date

pytestmark = pytest.mark.django_db


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def end_of(y: int, m: int, d: int) -> dt.datetime:
    """24:00 of a due date, i.e. 00:00 of the next day (民法典 第二百零三条)."""
    return dt.datetime.combine(D(y, m, d) + dt.timedelta(days=1), dt.time(0), SHANGHAI)


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
        # 2027 is not announced yet: counted Mon-Fri, and marked provisional.
        (
            "foi.reply",
            at(2026, 12, 10, 9),
            end_of(2027, 1, 7),
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
    assert (paused.state, paused.due_at) == ("paused", end_of(2026, 3, 16))

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


# ---------------------------------------------------------------- recompute


def test_recompute_all_touches_only_changed_open_clocks() -> None:
    provisional = ClockFactory(rule_key="foi.reply", at=at(2026, 12, 10))
    unaffected = ClockFactory(rule_key="foi.reply", at=at(2026, 2, 10))
    stopped = ClockFactory(rule_key="foi.reply", at=at(2026, 12, 11))
    clock_event_add(
        clock=stopped, kind="replied", at=at(2026, 12, 14), now=at(2026, 12, 14)
    )
    HolidayDay.objects.create(day=D(2027, 1, 4), kind="off", name="测试")

    changed = clocks_recompute_all(now=at(2026, 12, 15))

    assert changed == 1
    assert Clock.objects.get(pk=provisional.pk).due_at == end_of(2027, 1, 8)
    assert Clock.objects.get(pk=unaffected.pk).due_at == end_of(2026, 3, 16)
    # A stopped clock keeps its due moment (it would move to 2027-01-11 otherwise).
    assert Clock.objects.get(pk=stopped.pk).due_at == end_of(2027, 1, 8)


# ---------------------------------------------------------------- holiday table

GOOD_2027 = [
    (D(2027, 1, 1), "off", "元旦"),
    (D(2027, 2, 6), "work", "春节"),
    (D(2027, 2, 8), "off", "春节"),
]


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([(D(2026, 12, 31), "off", "元旦")], "calendar.wrong_year"),
        ([(D(2027, 1, 4), "work", "调休")], "calendar.work_on_weekday"),
        (
            [(D(2027, 1, 1), "off", "元旦"), (D(2027, 1, 1), "off", "元旦")],
            "calendar.duplicate",
        ),
        ([(D(2027, 1, 1), "holiday", "元旦")], "calendar.kind"),
        ([(D(2027, 1, 1), "", "元旦")], "calendar.kind"),
    ],
)
def test_calendar_year_set_refuses_bad_rows(rows: list, code: str) -> None:
    HolidayDay.objects.create(day=D(2027, 10, 1), kind="off", name="国庆节")

    with pytest.raises(InvalidInputError) as excinfo:
        calendar_year_set(year=2027, days=rows, source="通知", by=None)

    assert excinfo.value.code == code
    assert list(HolidayDay.objects.values_list("day", flat=True)) == [D(2027, 10, 1)]
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert AuditEvent.objects.count() == 0


def test_calendar_year_set_replaces_the_year_and_is_audited(
    django_capture_on_commit_callbacks: object,
) -> None:
    admin = UserFactory(username="cal-admin", role="admin")
    HolidayDay.objects.create(day=D(2027, 10, 1), kind="off", name="国庆节")
    HolidayDay.objects.create(day=D(2026, 10, 1), kind="off", name="国庆节")

    with django_capture_on_commit_callbacks() as callbacks:
        n = calendar_year_set(
            year=2027,
            days=GOOD_2027,
            source="国办发明电〔2026〕1号",
            by=admin,
            now=at(2026, 11, 5),
        )

    assert n == 3
    assert len(callbacks) == 1
    assert list(
        HolidayDay.objects.order_by("day").values_list("day", "kind", "name")
    ) == [
        (D(2026, 10, 1), "off", "国庆节"),
        *GOOD_2027,
    ]
    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕1号"
    event = AuditEvent.objects.get(action="calendar.year_set")
    assert event.actor_id == admin.pk
    assert event.changes == {
        "year": 2027,
        "source": "国办发明电〔2026〕1号",
        "days_before": 1,
        "days_after": 3,
    }


def test_calendar_year_set_feeds_the_work_calendar() -> None:
    assert work_calendar().is_known(D(2027, 1, 1)) is False
    assert work_calendar().is_working_day(D(2027, 1, 1)) is True

    calendar_year_set(year=2027, days=GOOD_2027, source="通知", by=None)

    calendar = work_calendar()
    assert calendar.is_known(D(2027, 6, 1)) is True
    assert calendar.is_working_day(D(2027, 1, 1)) is False
    assert calendar.is_working_day(D(2027, 2, 6)) is True  # a Saturday worked
    assert calendar.day_name(D(2027, 2, 6)) == "春节"


def test_importing_2027_makes_a_crossing_clock_final_and_moves_it(
    django_capture_on_commit_callbacks: object,
) -> None:
    clock = ClockFactory(rule_key="foi.reply", at=at(2026, 12, 10, 9))
    assert (clock.provisional, clock.due_at) == (True, end_of(2027, 1, 7))

    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_set(year=2027, days=GOOD_2027, source="通知", by=None)

    clock.refresh_from_db()
    # 2027-01-01 (Friday) is now a day off: one more working day is needed.
    assert (clock.provisional, clock.due_at) == (False, end_of(2027, 1, 8))


def test_a_corrected_notice_can_turn_a_packaged_day_off_back_into_a_working_day(
    django_capture_on_commit_callbacks,
) -> None:
    """The table holds a year's whole notice: days the package had off but the
    re-imported notice does not list become working days again, and clocks move."""
    dept = DepartmentFactory()
    clock = clock_start(
        subject=dept,
        rule_key="foi.reply",
        at=at(2026, 2, 10),
        title="申请",
        department=dept,
        now=at(2026, 2, 11),
    )
    assert clock.due_at == end_of(2026, 3, 16)
    corrected = [(D(2026, 1, 1), "off", "元旦"), (D(2026, 2, 16), "off", "春节")]
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_set(year=2026, days=corrected, source="更正通知", by=None)
    calendar = work_calendar()
    assert calendar.is_working_day(D(2026, 2, 17))  # the package had it off
    assert not calendar.is_working_day(D(2026, 2, 14))  # no make-up Saturday now
    clock.refresh_from_db()
    # From 2-11: 2-12, 2-13, 2-17 … — only 2-16 is off, so 20 wd end on 2026-03-11.
    assert clock.due_at == end_of(2026, 3, 11)


def test_recompute_for_changed_years_reads_only_clocks_the_change_can_move() -> None:
    dept = DepartmentFactory()
    clock = clock_start(
        subject=dept,
        rule_key="foi.reply",
        at=at(2026, 2, 10),
        title="申请",
        department=dept,
        now=at(2026, 2, 11),
    )
    wrong = end_of(2026, 3, 20)
    Clock.objects.filter(pk=clock.pk).update(due_at=wrong)
    # Due 2026-03-16: a change to 2027 cannot move it, so it is not even read.
    assert clocks_recompute_all(years=[2027], now=at(2026, 2, 11)) == 0
    assert Clock.objects.get(pk=clock.pk).due_at == wrong
    # Nor can a change to 2025: the clock started in 2026.
    assert clocks_recompute_all(years=[2025], now=at(2026, 2, 11)) == 0
    assert clocks_recompute_all(years=[2026], now=at(2026, 2, 11)) == 1
    assert Clock.objects.get(pk=clock.pk).due_at == end_of(2026, 3, 16)


def test_bulk_recompute_of_simple_clocks_equals_one_by_one() -> None:
    """Clocks with only a start event are recomputed per (rule, start date) with one
    UPDATE each; the caches must equal what recomputing each clock alone gives."""
    dept = DepartmentFactory()
    now = at(2026, 12, 15, 9)
    clocks = []
    for i, (key, start) in enumerate(
        [
            ("foi.reply", at(2026, 2, 10)),
            ("foi.reply", at(2026, 2, 10, 16)),
            ("foi.reply", at(2026, 9, 30)),
            ("penalty.publish", at(2026, 9, 18)),
            ("proactive.publish", at(2025, 12, 31)),
            ("incident.release", at(2026, 5, 1)),
            ("foi.reply", at(2026, 12, 10)),
        ]
    ):
        clocks.append(
            clock_start(
                subject=dept,
                rule_key=key,
                at=start,
                title=f"c{i}",
                department=dept,
                now=now,
            )
        )
    clock_event_add(
        clock=clocks[2], kind="extended", at=at(2026, 10, 9), value=10, now=now
    )
    assert [c.simple for c in Clock.objects.order_by("id")] == [
        True,
        True,
        False,
        True,
        True,
        False,
        True,
    ]
    expected = {
        c.pk: (c.due_at, c.due_soon_at, c.provisional, c.state)
        for c in Clock.objects.all()
    }
    Clock.objects.update(due_at=None, due_soon_at=None, provisional=True)
    assert clocks_recompute_all(now=now) == len(clocks)
    got = {
        c.pk: (c.due_at, c.due_soon_at, c.provisional, c.state)
        for c in Clock.objects.all()
    }
    assert got == expected
    assert Clock.objects.get(pk=clocks[0].pk).due_at == end_of(2026, 3, 16)
    assert Clock.objects.get(pk=clocks[6].pk).provisional  # reaches 2027
    assert clocks_recompute_all(now=now) == 0  # nothing differs any more
