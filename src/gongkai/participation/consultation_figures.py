"""Figures of consultations for other modules (``common.figures``).

TIMELINESS: feedback-report clocks (``consultation.feedback``) that fell due in a
period, met or overdue, per department.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from gongkai.clocks.models import CachedState, Clock
from gongkai.common.figures import ClockTally
from gongkai.core.clocks import SHANGHAI

from .clock_rules import CONSULTATION_FEEDBACK


def consultation_timeliness(
    *, start: dt.date, end: dt.date, now: dt.datetime | None = None
) -> list[ClockTally]:
    """Feedback clocks due in ``[start, end]`` (Beijing dates): met, or overdue with
    their lateness in days (to the report's publication, or to ``now``)."""
    now = now or timezone.now()
    lo = dt.datetime.combine(start, dt.time.min, SHANGHAI)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, SHANGHAI)
    counts: dict[int | None, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    clocks = Clock.objects.filter(
        rule_key=CONSULTATION_FEEDBACK, due_at__gte=lo, due_at__lt=hi
    )
    for clock in clocks:
        assert clock.due_at is not None
        row = counts[clock.department_id]
        if clock.state == CachedState.STOPPED and not clock.stopped_late:
            row[0] += 1
            continue
        ended = clock.stopped_at if clock.state == CachedState.STOPPED else now
        if ended is None or ended <= clock.due_at:
            row[0] += 1  # still running and not yet due: not late (yet)
            continue
        row[1] += 1
        row[2] += (ended - clock.due_at).total_seconds() / 86400
    return [
        ClockTally(
            kind=CONSULTATION_FEEDBACK,
            label="意见采纳情况反馈期限",
            department_id=department,
            met=int(row[0]),
            overdue=int(row[1]),
            delay_days_total=round(row[2], 2),
        )
        for department, row in sorted(counts.items(), key=lambda kv: kv[0] or 0)
    ]
