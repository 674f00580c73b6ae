"""Recomputing clocks after rule and holiday-table changes, and the holiday table."""

from __future__ import annotations

import pytest

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.clocks.models import CalendarYear, Clock, HolidayDay
from gongkai.clocks.recompute import calendar_year_set, clocks_recompute_all
from gongkai.clocks.selectors import work_calendar
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.clocks.tests.factories import ClockFactory
from gongkai.clocks.tests.support import D, at, end_of
from gongkai.common.errors import InvalidInputError
from gongkai.common.models import AuditEvent

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------- recompute


def test_recompute_all_touches_only_changed_open_clocks() -> None:
    provisional = ClockFactory(rule_key="foi.reply", at=at(2026, 12, 10))
    unaffected = ClockFactory(rule_key="foi.reply", at=at(2026, 2, 10))
    stopped = ClockFactory(rule_key="foi.reply", at=at(2026, 12, 11))
    clock_event_add(
        clock=stopped, kind="replied", at=at(2026, 12, 14), now=at(2026, 12, 14)
    )
    # 元旦 was already off by law (provisional); 01-04 is a new day off
    assert Clock.objects.get(pk=provisional.pk).due_at == end_of(2027, 1, 8)
    HolidayDay.objects.create(day=D(2027, 1, 1), kind="off", name="元旦")
    HolidayDay.objects.create(day=D(2027, 1, 4), kind="off", name="测试")

    changed = clocks_recompute_all(now=at(2026, 12, 15))

    assert changed == 1
    assert Clock.objects.get(pk=provisional.pk).due_at == end_of(2027, 1, 11)
    assert Clock.objects.get(pk=unaffected.pk).due_at == end_of(2026, 3, 16)
    # A stopped clock keeps its due moment (it would move to 2027-01-12 otherwise).
    assert Clock.objects.get(pk=stopped.pk).due_at == end_of(2027, 1, 11)


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
    assert work_calendar().is_working_day(D(2027, 1, 1)) is False  # 元旦, by law
    assert work_calendar().is_working_day(D(2027, 2, 6)) is False  # 初一, by law

    calendar_year_set(year=2027, days=GOOD_2027, source="通知", by=None)

    calendar = work_calendar()
    assert calendar.is_known(D(2027, 6, 1)) is True
    assert calendar.is_working_day(D(2027, 1, 1)) is False
    assert calendar.is_working_day(D(2027, 2, 6)) is True  # a Saturday worked
    assert calendar.day_name(D(2027, 2, 6)) == "春节"


def test_importing_2027_makes_a_crossing_clock_final(
    django_capture_on_commit_callbacks: object,
) -> None:
    clock = ClockFactory(rule_key="foi.reply", at=at(2026, 12, 10, 9))
    # 2027-01-01 (Friday) is off by law before the notice: provisional
    assert (clock.provisional, clock.due_at) == (True, end_of(2027, 1, 8))

    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_set(year=2027, days=GOOD_2027, source="通知", by=None)

    clock.refresh_from_db()
    assert (clock.provisional, clock.due_at) == (False, end_of(2027, 1, 8))


def test_importing_2027_moves_a_clock_the_notice_changes(
    django_capture_on_commit_callbacks: object,
) -> None:
    clock = ClockFactory(rule_key="foi.reply", at=at(2027, 1, 20, 9))
    # 除夕 2-5 to 初三 2-8 off by law: 1-21..2-4 is 11, 2-9..2-19 is 20
    assert (clock.provisional, clock.due_at) == (True, end_of(2027, 2, 19))

    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_set(year=2027, days=GOOD_2027, source="通知", by=None)

    clock.refresh_from_db()
    # this table has only 2-8 off and Saturday 2-6 worked: 2-5 counts, 2-6 too
    assert (clock.provisional, clock.due_at) == (False, end_of(2027, 2, 17))


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


def _caches() -> dict[int, tuple[object, ...]]:
    fields = ("due_at", "due_soon_at", "provisional", "state", "rule_version")
    return {c.pk: tuple(getattr(c, f) for f in fields) for c in Clock.objects.all()}


def test_grouped_recompute_equals_one_by_one() -> None:
    """Clocks are recomputed once per (rule, start date, group key) and written with
    one UPDATE; the caches must equal what recomputing each clock alone gives —
    also for clocks that share a start date but not their pauses or extensions."""
    dept = DepartmentFactory()
    now = at(2026, 12, 15, 9)
    starts = [
        ("foi.reply", at(2026, 2, 10)),
        ("foi.reply", at(2026, 2, 10, 16)),  # same day, same group as the first
        ("foi.reply", at(2026, 2, 10, 11)),  # + consultation over Spring Festival
        ("foi.reply", at(2026, 2, 10, 12)),  # + a later consultation
        ("foi.reply", at(2026, 2, 10, 13)),  # + pause and extension
        ("foi.reply", at(2026, 9, 30)),  # + extension of 10
        ("foi.reply", at(2026, 9, 30, 15)),  # + correction asked, received (restart)
        ("foi.reply", at(2026, 11, 30)),  # consultation not answered yet
        ("penalty.publish", at(2026, 9, 18)),
        ("proactive.publish", at(2025, 12, 31)),
        ("incident.release", at(2026, 5, 1)),  # hour rule: alone
        ("foi.reply", at(2026, 12, 10)),  # provisional: reaches 2027
    ]
    clocks = [
        clock_start(
            subject=dept, rule_key=k, at=t, title=f"c{i}", department=dept, now=now
        )
        for i, (k, t) in enumerate(starts)
    ]
    events = [
        (2, "consultation_sent", at(2026, 2, 12), None),
        (2, "consultation_answered", at(2026, 3, 5), None),
        (3, "consultation_sent", at(2026, 2, 26), None),
        (3, "consultation_answered", at(2026, 3, 5), None),
        (4, "consultation_sent", at(2026, 2, 12), None),
        (4, "consultation_answered", at(2026, 3, 5), None),
        (4, "extended", at(2026, 3, 20), 20),
        (5, "extended", at(2026, 10, 9), 10),
        (6, "correction_requested", at(2026, 10, 9), None),
        (6, "correction_received", at(2026, 10, 20), None),
        (7, "consultation_sent", at(2026, 12, 2), None),
    ]
    for index, kind, when, value in events:
        clock_event_add(clock=clocks[index], kind=kind, at=when, value=value, now=now)
    keys = list(Clock.objects.order_by("id").values_list("group_key", flat=True))
    assert keys[0] == keys[1] == "received+0"
    assert keys[2] == "received+0,consultation_sent+2,consultation_answered+23"
    assert keys[4].endswith(",extended+38=20")
    assert keys[10] == ""  # hours: the times matter; recomputed alone
    assert len(set(keys[:5])) == 4
    expected = _caches()
    # a consultation's pause ends by itself (条例 第三十二条): cached as running
    # with its latest due date, grouped or alone alike
    assert expected[clocks[7].pk][3] == "running"
    Clock.objects.update(due_at=None, due_soon_at=None, provisional=True)
    assert clocks_recompute_all(now=now) == len(clocks)
    assert _caches() == expected
    due = {c.pk: c.due_at for c in Clock.objects.all()}
    assert due[clocks[0].pk] == due[clocks[1].pk] == end_of(2026, 3, 16)
    # 11 working days not counted (2-12 … 3-05): 2026-03-16 + 11 wd
    assert due[clocks[2].pk] == end_of(2026, 3, 31)
    # paused (2-26, 3-05]: 6 wd, the make-up Saturday 2-28 among them
    assert due[clocks[3].pk] == end_of(2026, 3, 24)
    assert due[clocks[4].pk] == end_of(2026, 4, 29)  # + 20 wd extension
    assert Clock.objects.get(pk=clocks[11].pk).provisional
    assert clocks_recompute_all(now=now) == 0  # nothing differs any more


def test_grouped_recompute_follows_a_holiday_change_for_paused_clocks() -> None:
    dept = DepartmentFactory()
    now = at(2026, 11, 2)
    plain = clock_start(
        subject=dept, rule_key="foi.reply", at=at(2026, 10, 12), title="a", now=now
    )
    paused = clock_start(
        subject=dept, rule_key="foi.reply", at=at(2026, 10, 12), title="b", now=now
    )
    clock_event_add(
        clock=paused, kind="consultation_sent", at=at(2026, 10, 14), now=now
    )
    clock_event_add(
        clock=paused, kind="consultation_answered", at=at(2026, 10, 21), now=now
    )
    assert Clock.objects.get(pk=plain.pk).due_at == end_of(2026, 11, 9)
    # (10-14, 10-21] not counted: 5 working days
    assert Clock.objects.get(pk=paused.pk).due_at == end_of(2026, 11, 16)
    HolidayDay.objects.create(day=D(2026, 11, 5), kind="off", name="测试")
    assert clocks_recompute_all(now=now, years=[2026]) == 2
    assert Clock.objects.get(pk=plain.pk).due_at == end_of(2026, 11, 10)
    assert Clock.objects.get(pk=paused.pk).due_at == end_of(2026, 11, 17)


def test_unkeyed_clocks_are_recomputed_alone_and_keyed() -> None:
    clock = ClockFactory(rule_key="foi.reply", at=at(2026, 2, 10))
    Clock.objects.filter(pk=clock.pk).update(group_key="", due_at=None)
    assert clocks_recompute_all(now=at(2026, 2, 11)) == 1
    clock.refresh_from_db()
    assert (clock.group_key, clock.due_at) == ("received+0", end_of(2026, 3, 16))


def test_a_changed_day_recomputes_only_clocks_due_from_that_day(
    django_capture_on_commit_callbacks,
) -> None:
    dept = DepartmentFactory()
    GOOD = [(D(2027, 1, 1), "off", "元旦"), (D(2027, 2, 8), "off", "春节")]
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_set(year=2027, days=GOOD, source="通知", by=None)
    before = clock_start(subject=dept, rule_key="foi.reply", at=at(2027, 1, 4),
                         title="早", department=dept, now=at(2027, 1, 5))  # fmt: skip
    after = clock_start(subject=dept, rule_key="foi.reply", at=at(2027, 2, 15),
                        title="晚", department=dept, now=at(2027, 2, 16))  # fmt: skip
    assert before.due_at == end_of(2027, 2, 1)
    assert after.due_at == end_of(2027, 3, 15)
    wrong = end_of(2027, 2, 26)
    Clock.objects.filter(pk=before.pk).update(due_at=wrong)  # a stale cache
    # the same notice again: nothing changed, nothing recomputed
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_set(year=2027, days=GOOD, source="通知", by=None)
    assert Clock.objects.get(pk=before.pk).due_at == wrong
    # a correction adds 2027-03-01 off: only clocks due from that day are read
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_set(year=2027, days=[*GOOD, (D(2027, 3, 1), "off", "测试")],
                          source="更正", by=None)  # fmt: skip
    assert Clock.objects.get(pk=before.pk).due_at == wrong  # due 2-26: not read
    assert Clock.objects.get(pk=after.pk).due_at == end_of(2027, 3, 16)
