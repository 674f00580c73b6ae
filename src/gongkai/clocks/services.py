"""Writes: start a clock (one or a batch) and record its events; the caches each
clock keeps of its status. Recomputing after a holiday-table change: recompute.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.audit_actions import ClocksAudit
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError
from gongkai.core import clocks as core_clocks
from gongkai.core.workcal import WorkCalendar

from .models import CachedState, Clock, ClockEvent
from .rules import due_soon_from, group_events, group_key
from .selectors import SHANGHAI, clock_events, clock_rule, clocks_for, work_calendar

logger = logging.getLogger(__name__)


def refresh_caches(
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
    clock.group_key = group_key(events=events, rule=rule, tz=SHANGHAI) or ""
    # The caches cover every recorded event, including one dated ahead of ``now``
    # (a scheduled publication): nothing recomputes them when that moment arrives.
    as_of = max([now, *(event.at for event in events)])
    status = cached_status(events, rule, calendar, as_of)
    _set_caches(clock, status=status, rule=rule, calendar=calendar)
    return rule


def cached_status(
    events: list[core_clocks.Event],
    rule: core_clocks.ClockRule,
    calendar: WorkCalendar,
    as_of: dt.datetime,
) -> core_clocks.ClockStatus:
    """The status the caches hold. A bounded pause (条例 第三十二条: the third party's
    15 working days) ends by itself with no event to refresh them, so they hold the
    status from that moment on: a running clock with its latest due date. The inbox
    then needs no cron; the live status (clock_status) still shows the pause."""
    status = core_clocks.due(events, rule, calendar, as_of, tz=SHANGHAI, explain=False)
    if status.resumes_at is not None:
        status = core_clocks.due(
            events, rule, calendar, status.resumes_at, tz=SHANGHAI, explain=False
        )
    return status


def _set_caches(
    clock: Clock,
    *,
    status: core_clocks.ClockStatus,
    rule: core_clocks.ClockRule,
    calendar: WorkCalendar,
) -> None:
    """Copy a computed status into the clock's cached columns."""
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


@transaction.atomic
def clock_start(
    *,
    subject: Any,
    rule_key: str,
    at: dt.datetime,
    title: str,
    department: Any = None,
    start_event: str | None = None,
    by: Staff | None = None,
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
        refresh_caches(clock, now=now, calendar=work_calendar())
    except core_clocks.ClockError as exc:
        raise _invalid(exc) from exc  # the atomic block drops the clock again
    clock.save()
    audit_record(
        actor=by,
        action=ClocksAudit.START,
        obj=clock,
        changes={"rule": rule_key, "at": at, "due_at": clock.due_at},
        now=now,
    )
    return clock


@dataclasses.dataclass(frozen=True)
class ClockStartItem:
    """One clock for ``clocks_start_bulk``: what ``clock_start`` takes per subject.

    ``stop`` records that event kind at ``now`` right after the start (a clock that
    ends at once, as ``clock_event_add`` would record it).
    """

    subject: Any
    at: dt.datetime
    title: str
    department_id: int | None = None
    stop: str | None = None


@transaction.atomic
def clocks_start_bulk(
    *,
    rule_key: str,
    items: Iterable[ClockStartItem],
    start_event: str | None = None,
    by: Staff | None = None,
    now: dt.datetime | None = None,
) -> list[Clock]:
    """Start many clocks of one rule at once, as ``clock_start`` would one by one.

    The calendar is loaded once, the rule once per start date, and the status once
    per (start date, group key), the computation the grouped recompute shares
    (``group_status``); hour rules are computed per clock. Clocks and events are
    inserted in bulk and ONE audit event names the batch (rule, count, the subjects'
    id range and a digest of their ids, the clocks' id range).
    """
    now = now or timezone.now()
    items = list(items)
    if not items:
        return []
    if any(item.at > now for item in items):
        raise InvalidInputError(
            _("起算事件不能晚于当前时间。"), code="clock.invalid_event"
        )
    calendar = work_calendar()
    rules: dict[dt.date, core_clocks.ClockRule] = {}
    statuses: dict[tuple[dt.date, str], core_clocks.ClockStatus] = {}
    user = _user(by)
    clocks: list[Clock] = []
    histories: list[list[core_clocks.Event]] = []
    try:
        for item in items:
            start = item.at.astimezone(SHANGHAI).date()
            if start not in rules:
                rules[start] = clock_rule(rule_key, start=start)
            rule = rules[start]
            events = [
                core_clocks.Event(
                    kind=start_event or sorted(rule.start_events)[0], at=item.at
                )
            ]
            if item.stop:
                events.append(core_clocks.Event(kind=item.stop, at=now))
            key = group_key(events=events, rule=rule, tz=SHANGHAI)
            if key is None:
                as_of = max([now, *(event.at for event in events)])
                status = core_clocks.due(
                    events, rule, calendar, as_of, tz=SHANGHAI, explain=False
                )
            else:
                if (start, key) not in statuses:
                    statuses[start, key] = group_status(
                        rule=rule, start=start, key=key, calendar=calendar, now=now
                    )
                status = statuses[start, key]
            clock = Clock(
                rule_key=rule_key,
                title=item.title[:300],
                subject_type=ContentType.objects.get_for_model(item.subject),
                subject_id=str(item.subject.pk),
                department_id=item.department_id,
                started_at=item.at,
                start_date=start,
                group_key=key or "",
            )
            _set_caches(clock, status=status, rule=rule, calendar=calendar)
            if clock.stopped_at is not None:
                clock.stopped_at = now  # the group's events stand at noon
            clocks.append(clock)
            histories.append(events)
    except core_clocks.ClockError as exc:
        raise _invalid(exc) from exc
    Clock.objects.bulk_create(clocks, batch_size=1000)
    ClockEvent.objects.bulk_create(
        (
            ClockEvent(
                clock=clock,
                kind=event.kind,
                at=event.at,
                value=event.value,
                created_by=user,
            )
            for clock, events in zip(clocks, histories, strict=True)
            for event in events
        ),
        batch_size=1000,
    )
    subject_ids = sorted((c.subject_id for c in clocks), key=lambda i: (len(i), i))
    due = sorted(clock.due_at for clock in clocks if clock.due_at is not None)
    audit_record(
        actor=by,
        action=ClocksAudit.START_BULK,
        changes={
            "rule": rule_key,
            "count": len(clocks),
            "stopped": sum(clock.state == CachedState.STOPPED for clock in clocks),
            "subject_types": sorted({c.subject_type.model for c in clocks}),
            "subject_ids": [subject_ids[0], subject_ids[-1]],
            "subjects_sha256": hashlib.sha256(
                "\n".join(subject_ids).encode()
            ).hexdigest(),
            "clock_ids": [clocks[0].pk, clocks[-1].pk],
            "at": [min(item.at for item in items), max(item.at for item in items)],
            "due_at": [due[0], due[-1]] if due else None,
        },
        now=now,
    )
    return clocks


@transaction.atomic
def clock_event_add(
    *,
    clock: Clock,
    kind: str,
    at: dt.datetime,
    value: int | None = None,
    note: str = "",
    by: Staff | None = None,
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
        refresh_caches(clock, now=now, calendar=work_calendar())
    except core_clocks.ClockError as exc:
        event.delete()
        raise _invalid(exc) from exc
    clock.save()
    audit_record(
        actor=by,
        action=ClocksAudit.EVENT,
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


@transaction.atomic
def clocks_delete_for(
    *, subject: Any, by: Staff, now: dt.datetime | None = None
) -> int:
    """Delete the clocks of a subject that is itself being deleted (a draft never
    published), with an audit event each; returns how many."""
    count = 0
    for clock in clocks_for(subject):
        audit_record(
            actor=by,
            action=ClocksAudit.DELETE,
            obj=clock,
            now=now,
            changes={"rule": clock.rule_key, "title": clock.title},
        )
        clock.delete()
        count += 1
    return count


def group_status(
    *,
    rule: core_clocks.ClockRule,
    start: dt.date,
    key: str,
    calendar: WorkCalendar,
    now: dt.datetime,
) -> core_clocks.ClockStatus:
    """The status every clock of a (rule, start date, group key) group shares."""
    events = group_events(start=start, key=key, tz=SHANGHAI)
    return cached_status(events, rule, calendar, max(now, events[-1].at))


def _invalid(exc: core_clocks.ClockError) -> InvalidInputError:
    return InvalidInputError(
        _("时限事件无效：%(reason)s") % {"reason": exc}, code="clock.invalid_event"
    )


def _user(by: Staff | None) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def clocks_reassign(
    *,
    subject: Any,
    department: Any,
    by: Staff | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Move the clocks of ``subject`` to ``department`` (a message transferred to
    another department); returns how many moved, with an audit event each."""
    count = 0
    for clock in clocks_for(subject).select_for_update():
        before = clock.department_id
        clock.department = department
        clock.save(update_fields=["department"])
        audit_record(
            actor=by,
            action=ClocksAudit.REASSIGN,
            obj=clock,
            changes={"department": [before, getattr(department, "pk", None)]},
            now=now,
        )
        count += 1
    return count
