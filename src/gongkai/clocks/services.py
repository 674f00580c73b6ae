"""Writes: start a clock, record its events, recompute caches, edit the holiday table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError
from gongkai.core import clocks as core_clocks
from gongkai.core.workcal import WorkCalendar

from .models import CachedState, CalendarYear, Clock, ClockEvent, DayKind, HolidayDay
from .rules import due_soon_from
from .selectors import SHANGHAI, clock_events, clock_rule, work_calendar


def _refresh(
    clock: Clock,
    *,
    now: dt.datetime,
    calendar: WorkCalendar,
    rule_of: Callable[[str, dt.date], core_clocks.ClockRule] | None = None,
) -> core_clocks.ClockRule:
    start = clock.started_at.astimezone(SHANGHAI).date()
    rule = (rule_of or (lambda k, d: clock_rule(k, start=d)))(clock.rule_key, start)
    events = clock_events(clock)
    clock.start_date = start
    clock.simple = len(events) == 1 and rule.unit != core_clocks.Unit.HOUR
    # The caches cover every recorded event, including one dated ahead of ``now``
    # (a scheduled publication): nothing recomputes them when that moment arrives.
    as_of = max([now, *(event.at for event in events)])
    status = core_clocks.due(events, rule, calendar, as_of, tz=SHANGHAI, explain=False)
    clock.rule_version = rule.version
    clock.due_at = status.due_at
    clock.provisional = status.provisional
    clock.stopped_at = status.stopped_at
    if status.state == core_clocks.State.STOPPED:
        clock.state = CachedState.STOPPED
        clock.stopped_late = status.stopped_late
    elif status.state == core_clocks.State.PAUSED:
        clock.state = CachedState.PAUSED
    else:
        clock.state = CachedState.RUNNING
    clock.due_soon_at = (
        due_soon_from(
            rule=rule,
            due_at=status.due_at,
            due_date=status.due_date,
            calendar=calendar,
            tz=SHANGHAI,
        )
        if status.due_at is not None
        else None
    )
    return rule


@transaction.atomic
def clock_start(
    *,
    subject: Any,
    rule_key: str,
    at: dt.datetime,
    title: str,
    department: Any = None,
    start_event: str | None = None,
    by: Any = None,
    now: dt.datetime | None = None,
) -> Clock:
    """Start a statutory clock on ``subject`` from the event at ``at``."""
    now = now or timezone.now()
    if at > now:
        raise InvalidInputError(
            _("起算事件不能晚于当前时间。"), code="clock.invalid_event"
        )
    try:
        rule = clock_rule(rule_key, start=at.astimezone(SHANGHAI).date())
    except core_clocks.ClockError as exc:
        raise _invalid(exc) from exc
    kind = start_event or sorted(rule.start_events)[0]
    clock = Clock.objects.create(
        rule_key=rule_key,
        rule_version=rule.version,
        title=title[:300],
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        department=department,
        started_at=at,
    )
    ClockEvent.objects.create(clock=clock, kind=kind, at=at, created_by=_user(by))
    try:
        _refresh(clock, now=now, calendar=work_calendar())
    except core_clocks.ClockError as exc:
        raise _invalid(exc) from exc  # the atomic block drops the clock again
    clock.save()
    audit_record(
        actor=by,
        action="clock.start",
        obj=clock,
        changes={"rule": rule_key, "at": at, "due_at": clock.due_at},
        now=now,
    )
    return clock


@transaction.atomic
def clock_event_add(
    *,
    clock: Clock,
    kind: str,
    at: dt.datetime,
    value: int | None = None,
    note: str = "",
    by: Any = None,
    now: dt.datetime | None = None,
) -> Clock:
    """Record an event (pause, resume, extension, restart, stop) and recompute the clock."""
    now = now or timezone.now()
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    event = ClockEvent.objects.create(
        clock=clock,
        kind=kind,
        at=at,
        value=value,
        note=note[:300],
        created_by=_user(by),
    )
    before = clock.due_at
    try:
        _refresh(clock, now=now, calendar=work_calendar())
    except core_clocks.ClockError as exc:
        event.delete()
        raise _invalid(exc) from exc
    clock.save()
    audit_record(
        actor=by,
        action="clock.event",
        obj=clock,
        changes={
            "kind": kind,
            "at": at,
            "value": value,
            "due_before": before,
            "due_after": clock.due_at,
        },
        now=now,
    )
    return clock


_CACHE_FIELDS = [
    "due_at",
    "state",
    "due_soon_at",
    "provisional",
    "rule_version",
    "stopped_late",
    "stopped_at",
    "start_date",
    "simple",
]


def clocks_recompute_all(
    *, now: dt.datetime | None = None, years: Iterable[int] | None = None
) -> int:
    """Recompute the caches of open clocks (after a holiday-table or rule change).

    With ``years`` (a holiday-table change), only clocks the change can move are read:
    a due date before 1 January of the first changed year depends on no changed day,
    and a clock started after the last changed year cannot reach it.
    """
    now = now or timezone.now()
    calendar = work_calendar()
    rules: dict[tuple[str, dt.date], core_clocks.ClockRule] = {}

    def rule_of(key: str, start: dt.date) -> core_clocks.ClockRule:
        if (key, start) not in rules:
            rules[key, start] = clock_rule(key, start=start)
        return rules[key, start]

    open_clocks = Clock.objects.exclude(state=CachedState.STOPPED)
    if years:
        first, last = min(years), max(years)
        open_clocks = open_clocks.filter(
            started_at__lt=dt.datetime(last + 1, 1, 1, tzinfo=SHANGHAI)
        ).filter(
            Q(due_at__isnull=True)
            | Q(due_at__gte=dt.datetime(first, 1, 1, tzinfo=SHANGHAI))
        )
    total = _recompute_simple(open_clocks, now=now, calendar=calendar, rule_of=rule_of)
    changed: list[Clock] = []
    complex_clocks = open_clocks.exclude(simple=True).prefetch_related("events")
    for clock in complex_clocks.iterator(chunk_size=2000):
        before = [getattr(clock, f) for f in _CACHE_FIELDS]
        _refresh(clock, now=now, calendar=calendar, rule_of=rule_of)
        if before != [getattr(clock, f) for f in _CACHE_FIELDS]:
            changed.append(clock)
        if len(changed) >= 1000:
            Clock.objects.bulk_update(changed, _CACHE_FIELDS)
            total += len(changed)
            changed = []
    Clock.objects.bulk_update(changed, _CACHE_FIELDS)
    return total + len(changed)


@transaction.atomic
def _recompute_simple(
    clocks: QuerySet[Clock],
    *,
    now: dt.datetime,
    calendar: WorkCalendar,
    rule_of: Callable[[str, dt.date], core_clocks.ClockRule],
) -> int:
    """Clocks with only their start event, a day rule and no stop: their due date
    depends on (rule, start date) alone, so each distinct pair is computed once and
    written with one UPDATE that touches only the rows whose caches differ."""
    simple = clocks.filter(simple=True, state=CachedState.RUNNING)
    pairs = simple.values_list("rule_key", "start_date").distinct().order_by()
    changed = 0
    for key, start in pairs:
        rule = rule_of(key, start)
        kind = sorted(rule.start_events)[0]
        started = dt.datetime.combine(start, dt.time(12), tzinfo=SHANGHAI)
        event = core_clocks.Event(kind=kind, at=started)
        status = core_clocks.due(
            [event], rule, calendar, max(now, started), tz=SHANGHAI, explain=False
        )
        if status.due_at is None:
            continue
        due_soon_at = due_soon_from(
            rule=rule,
            due_at=status.due_at,
            due_date=status.due_date,
            calendar=calendar,
            tz=SHANGHAI,
        )
        same = Q(
            due_at=status.due_at,
            due_soon_at=due_soon_at,
            provisional=status.provisional,
            rule_version=rule.version,
        )
        changed += (
            simple.filter(rule_key=key, start_date=start)
            .exclude(same)
            .update(
                due_at=status.due_at,
                due_soon_at=due_soon_at,
                provisional=status.provisional,
                rule_version=rule.version,
            )
        )
    return changed


@transaction.atomic
def calendar_year_set(
    *,
    year: int,
    days: Iterable[tuple[dt.date, str, str]],
    source: str,
    by: Any,
    now: dt.datetime | None = None,
) -> int:
    """Replace a year's arrangement (days off and make-up working days); recompute clocks."""
    rows = list(days)
    for day, kind, _name in rows:
        if day.year != year:
            raise InvalidInputError(
                _("%(day)s 不属于 %(year)s 年。") % {"day": day, "year": year},
                code="calendar.wrong_year",
            )
        if kind not in DayKind.values:
            raise InvalidInputError(
                _("类型必须是 off（放假）或 work（调休上班）：%(kind)s")
                % {"kind": kind},
                code="calendar.kind",
            )
        if kind == DayKind.WORK and day.weekday() < 5:
            raise InvalidInputError(
                _("%(day)s 是工作日，不能设为调休上班日。") % {"day": day},
                code="calendar.work_on_weekday",
            )
    if len({d for d, _k, _n in rows}) != len(rows):
        raise InvalidInputError(_("同一日期出现多次。"), code="calendar.duplicate")
    before = list(HolidayDay.objects.filter(day__year=year).values_list("day", "kind"))
    HolidayDay.objects.filter(day__year=year).delete()
    HolidayDay.objects.bulk_create(
        HolidayDay(day=d, kind=k, name=n[:40]) for d, k, n in rows
    )
    entry, _created = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": source[:200]}
    )
    audit_record(
        actor=by,
        action="calendar.year_set",
        obj=entry,
        changes={
            "year": year,
            "source": source,
            "days_before": len(before),
            "days_after": len(rows),
        },
        now=now,
    )
    transaction.on_commit(lambda: clocks_recompute_all(years=[year]))
    return len(rows)


def _invalid(exc: core_clocks.ClockError) -> InvalidInputError:
    return InvalidInputError(
        _("时限事件无效：%(reason)s") % {"reason": exc}, code="clock.invalid_event"
    )


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None
