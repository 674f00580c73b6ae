"""Reads of oversight: the department assessment, the work plan's status, the runs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from gongkai.accounts.models import Department
from gongkai.common.figures import (
    ACTIVITY,
    TIMELINESS,
    ActivityCount,
    ClockTally,
    providers,
)

from .choices import TaskStatus
from .models import CheckRun, MediaPost, PlanTask, ProgressReport, TaskUnit, WorkPlan
from .permissions import can_manage, can_view_oversight


@dataclass
class KindRow:
    kind: str
    label: str
    met: int = 0
    overdue: int = 0
    delay_days_total: float = 0.0

    @property
    def total(self) -> int:
        return self.met + self.overdue

    @property
    def share_met(self) -> float | None:
        return round(100 * self.met / self.total, 1) if self.total else None

    @property
    def mean_delay(self) -> float | None:
        return round(self.delay_days_total / self.overdue, 1) if self.overdue else None


@dataclass
class DepartmentRow:
    department_id: int | None
    name: str
    clocks: KindRow
    kinds: list[KindRow] = field(default_factory=list)
    activity: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _add(row: KindRow, t: ClockTally) -> None:
    row.met += t.met
    row.overdue += t.overdue
    row.delay_days_total += t.delay_days_total


def assessment(
    *, start: dt.date, end: dt.date, department_id: int | None = None
) -> list[DepartmentRow]:
    """Per department: clocks met and overdue (every module's TIMELINESS), mean delay,
    and the activity counts (publications by column, request outcomes)."""
    tallies: list[ClockTally] = [
        t for fn in providers(TIMELINESS) for t in fn(start=start, end=end)
    ]
    counts: list[ActivityCount] = [
        c for fn in providers(ACTIVITY) for c in fn(start=start, end=end)
    ]
    names = dict(Department.objects.values_list("id", "name"))
    ids = {t.department_id for t in tallies} | {c.department_id for c in counts}
    rows = []
    for dept in sorted(ids, key=lambda d: (d is None, names.get(d or 0, ""))):
        if department_id is not None and dept != department_id:
            continue
        total = KindRow("", "")
        kinds: dict[str, KindRow] = {}
        for t in tallies:
            if t.department_id == dept:
                _add(total, t)
                _add(kinds.setdefault(t.kind, KindRow(t.kind, t.label)), t)
        activity: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for c in counts:
            if c.department_id == dept:
                activity[c.group].append((c.item, c.count))
        rows.append(
            DepartmentRow(
                department_id=dept,
                name=names.get(dept, "（未指定处室）") if dept else "（未指定处室）",
                clocks=total,
                kinds=sorted(kinds.values(), key=lambda k: k.kind),
                activity=dict(activity),
            )
        )
    return rows


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def runs_recent(limit: int = 60) -> QuerySet[CheckRun]:
    return CheckRun.objects.order_by("-ran_at", "-id")[:limit]


def plan_with_tasks(plan: WorkPlan) -> QuerySet[PlanTask]:
    reports = ProgressReport.objects.select_related("by").order_by("-reported_at")
    return plan.tasks.prefetch_related(
        Prefetch(
            "units",
            queryset=TaskUnit.objects.select_related("department").prefetch_related(
                Prefetch("reports", queryset=reports)
            ),
        )
    )


def unit_is_late(unit: TaskUnit, deadline: dt.date | None, today: dt.date) -> bool:
    """Past the task's deadline and not done."""
    return deadline is not None and today > deadline and unit.status != TaskStatus.DONE


def units_visible_to(user: Any) -> QuerySet[TaskUnit]:
    """The office sees every unit; department staff their department's."""
    qs = TaskUnit.objects.select_related("task", "task__plan", "department")
    if can_view_oversight(user):
        return qs
    dept = getattr(user, "department_id", None)
    return qs.filter(department_id=dept) if dept else qs.none()


def late_units(plan: WorkPlan, today: dt.date) -> list[TaskUnit]:
    """Units of ``plan`` whose task is past its deadline and not done."""
    return [
        u
        for u in TaskUnit.objects.filter(task__plan=plan).select_related(
            "task", "department"
        )
        if unit_is_late(u, u.task.deadline, today)
    ]


def status_by_unit(plan: WorkPlan, today: dt.date) -> list[dict[str, Any]]:
    """Per responsible unit name: tasks, done, in progress, late."""
    out: dict[str, dict[str, Any]] = {}
    for u in TaskUnit.objects.filter(task__plan=plan).select_related("task"):
        row = out.setdefault(
            u.name, {"name": u.name, "tasks": 0, "done": 0, "in_progress": 0, "late": 0}
        )
        row["tasks"] += 1
        row["done"] += u.status == TaskStatus.DONE
        row["in_progress"] += u.status == TaskStatus.IN_PROGRESS
        row["late"] += unit_is_late(u, u.task.deadline, today)
    return sorted(out.values(), key=lambda r: (-r["late"], r["name"]))


def post_visible_to_staff(user: Any) -> QuerySet[MediaPost]:
    """The office sees every post; staff the posts of their department's accounts."""
    qs = MediaPost.objects.select_related("account", "department")
    if can_manage(user) or getattr(user, "role", None) == "auditor":
        return qs
    dept = getattr(user, "department_id", None)
    return qs.filter(account__department_id=dept) if dept else qs.none()
