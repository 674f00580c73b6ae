"""Figures for the oversight module (``common.figures``): what a site inspection
would mark down (``FINDINGS``: a set not published within 20 days of its 批复,
预算法 第十四条) and the clocks that fell due (``TIMELINESS``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import SHANGHAI
from gongkai.common.figures import ClockTally, Finding

from .clock_rules import RULE_KEY
from .models import BudgetSet

INDICATOR = "content.budget_late"
LABEL = "部门预决算公开期限"


def _clocks() -> list[Clock]:
    kind = ContentType.objects.get_for_model(BudgetSet)
    return list(Clock.objects.filter(rule_key=RULE_KEY, subject_type=kind))


def _last_day(clock: Clock) -> dt.date:
    """The last day of the period (``due_at`` is the first moment after it)."""
    assert clock.due_at is not None
    return (clock.due_at - dt.timedelta(microseconds=1)).astimezone(SHANGHAI).date()


def budget_findings(*, on: dt.datetime) -> list[Finding]:
    """Sets still unpublished past their 20-day due date, and sets published late."""
    sets = {str(s.pk): s for s in BudgetSet.objects.all()}
    out = []
    for clock in _clocks():
        budget_set = sets.get(clock.subject_id)
        if budget_set is None or clock.due_at is None:
            continue
        late_open = clock.stopped_at is None and clock.due_at < on
        late_done = (
            clock.stopped_at is not None
            and clock.stopped_late
            and clock.stopped_at <= on
        )
        if not (late_open or late_done):
            continue
        due = _last_day(clock)
        what = "逾期未公开" if late_open else "逾期公开"
        out.append(Finding(
            indicator=INDICATOR,
            severity="deduction",
            object=f"《{budget_set.title}》批复 {budget_set.approved_on}，公开期限至 {due}，{what}",
            url=budget_set.get_absolute_url() if not late_open else "",
            fix_url=reverse("budgets-staff:set-edit", kwargs={"pk": budget_set.pk}),
            action="在批复后20日内公开部门预决算及说明（预算法第十四条）",
            department_id=budget_set.department_id,
        ))  # fmt: skip
    return out


def budget_timeliness(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """The 20-day clocks due in ``[start, end]``, met or overdue, per department."""
    tallies: dict[int | None, list[float]] = {}
    met: dict[int | None, int] = {}
    for clock in _clocks():
        if clock.due_at is None:
            continue
        due = _last_day(clock)
        if not start <= due <= end:
            continue
        dept = clock.department_id
        tallies.setdefault(dept, [])
        met.setdefault(dept, 0)
        stopped = clock.stopped_at
        end_moment = dt.datetime.combine(end, dt.time.max, tzinfo=SHANGHAI)
        if stopped is not None and not clock.stopped_late:
            met[dept] += 1
        elif stopped is not None or clock.due_at < end_moment:
            until = stopped or end_moment
            tallies[dept].append(
                max(0.0, (until - clock.due_at).total_seconds() / 86400)
            )
    return [
        ClockTally(kind=RULE_KEY, label=LABEL, department_id=dept, met=met[dept],
                   overdue=len(delays), delay_days_total=round(sum(delays), 2))
        for dept, delays in sorted(tallies.items(), key=lambda kv: kv[0] or 0)
    ]  # fmt: skip
