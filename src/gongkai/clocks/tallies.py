"""Clocks counted for the oversight module: which fell due in a period, met or
overdue, and which are overdue on a day. A domain module's TIMELINESS and FINDINGS
providers (``common.figures``) call these with its own rule keys, so the counting
rule is the same for every module."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from gongkai.common.figures import ClockTally
from gongkai.core.clocks import SHANGHAI

from .models import CachedState, Clock
from .selectors import clock_rules


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=SHANGHAI)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=SHANGHAI)
    return lo, hi


def _labels() -> dict[str, str]:
    return {r.key: r.title for r in clock_rules()}


def clock_tallies(
    *,
    rule_keys: Sequence[str],
    start: dt.date,
    end: dt.date,
    now: dt.datetime,
    subject_model: type[Model] | None = None,
) -> list[ClockTally]:
    """Clocks of ``rule_keys`` whose due time fell in ``[start, end]`` (Shanghai
    dates), per rule and department: met (stopped in time), overdue (stopped late,
    or still running past the due time as of ``now``), and the summed lateness in
    days (a running one counts up to ``now`` or the period's end, whichever is first).
    Paused clocks and those not yet due are left out. ``subject_model`` keeps the
    clocks of one model (a shared rule such as ``proactive.publish``)."""
    lo, hi = _bounds(start, end)
    # A due time is the last day's 24:00: a clock due on ``end`` has due_at == hi.
    qs = Clock.objects.filter(rule_key__in=rule_keys, due_at__gt=lo, due_at__lte=hi)
    if subject_model is not None:
        qs = qs.filter(subject_type=ContentType.objects.get_for_model(subject_model))
    cut = min(now, hi)
    groups: dict[tuple[str, int | None], list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for key, dept, state, due_at, stopped_at, late in qs.values_list(
        "rule_key", "department_id", "state", "due_at", "stopped_at", "stopped_late"
    ):
        row = groups[(key, dept)]
        if due_at is None:  # excluded by the filter; for the type checker
            continue
        if state == CachedState.STOPPED:
            if late and stopped_at is not None:
                row[1] += 1
                row[2] += max((stopped_at - due_at).total_seconds(), 0) / 86400
            else:
                row[0] += 1
        elif state == CachedState.RUNNING and due_at < cut:
            row[1] += 1
            row[2] += (cut - due_at).total_seconds() / 86400
    labels = _labels()
    return [
        ClockTally(
            kind=key,
            label=labels.get(key, key),
            department_id=dept,
            met=int(row[0]),
            overdue=int(row[1]),
            delay_days_total=round(row[2], 2),
        )
        for (key, dept), row in sorted(
            groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)
        )
        if row[0] or row[1]
    ]


def clocks_overdue_on(*, rule_keys: Sequence[str], on: dt.datetime) -> QuerySet[Clock]:
    """Clocks of ``rule_keys`` past their due time at ``on`` and not stopped by then."""
    return (
        Clock.objects.filter(rule_key__in=rule_keys, due_at__lte=on)
        .filter(
            Q(state=CachedState.RUNNING)
            | Q(state=CachedState.STOPPED, stopped_at__gt=on)
        )
        .select_related("department", "subject_type")
        .order_by("due_at", "id")
    )


def due_day(clock: Clock) -> dt.date:
    """The last day of a clock (its due time is that day's 24:00, Shanghai)."""
    assert clock.due_at is not None
    return (clock.due_at - dt.timedelta(microseconds=1)).astimezone(SHANGHAI).date()
