"""Writes of oversight: check runs, work plans and progress, and the simple records
(new-media accounts, reading rooms, training, the leading group)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Department
from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.publishing.choices import Status
from gongkai.publishing.services import revision_save

from . import crawler
from .audit_actions import OversightAudit
from .checks import site_check
from .choices import TaskStatus, Verdict
from .models import (
    CheckRun,
    MediaAccount,
    MediaPost,
    PlanTask,
    ProgressReport,
    TaskUnit,
    WorkPlan,
)
from .permissions import can_manage, can_report_progress


def _office_only(by: Staff | None) -> None:
    if by is not None and not can_manage(by):
        raise PermissionDeniedError()


@transaction.atomic
def check_run(
    *,
    by: Staff | None,
    on: dt.datetime | None = None,
    links: bool = True,
    fetch: crawler.Fetch | None = None,
    now: dt.datetime | None = None,
) -> CheckRun:
    """Run the site self-check as of ``on`` (default now) and keep the run."""
    _office_only(by)
    now = now or timezone.now()
    report = site_check(on=on or now, links=links, fetch=fetch)
    s = report.score
    run = CheckRun.objects.create(
        ran_at=now,
        on=report.on,
        score=Decimal(str(s.score)),
        verdict=Verdict.PASS if s.passed else Verdict.FAIL,
        vetoed=list(s.vetoed),
        indicators=[
            {
                "key": r.key,
                "label": r.label,
                "count": r.count,
                "deducted": r.deducted,
                "vetoed": r.vetoed,
                "site": r.site,
            }
            for r in s.rows
        ],
        findings=report.findings,
        pages_crawled=report.pages_crawled,
        by=by,
    )
    audit_record(
        actor=by,
        action=OversightAudit.CHECK_RUN,
        obj=run,
        changes={"on": report.on, "score": s.score, "findings": len(report.findings)},
        now=now,
    )
    return run


@dataclass
class TaskData:
    number: int
    title: str
    units: list[str]
    description: str = ""
    deadline: dt.date | None = None
    is_guarantee: bool = False


@dataclass
class PlanData:
    year: int
    title: str
    doc_number: str = ""
    report_due: dt.date | None = None
    tasks: list[TaskData] = field(default_factory=list)


@transaction.atomic
def plan_load(
    *, data: PlanData, by: Staff | None, now: dt.datetime | None = None
) -> WorkPlan:
    """Create (or replace) the plan of ``data.year`` with its tasks and units; a unit
    named like a department is linked to it."""
    _office_only(by)
    now = now or timezone.now()
    if not data.tasks:
        raise InvalidInputError(_("工作要点中没有任务。"), code="oversight.plan_empty")
    departments = {d.name: d for d in Department.objects.all()}
    WorkPlan.objects.filter(year=data.year).delete()
    plan = WorkPlan.objects.create(
        year=data.year,
        title=data.title,
        doc_number=data.doc_number,
        report_due=data.report_due,
    )
    for t in data.tasks:
        task = PlanTask.objects.create(
            plan=plan,
            number=t.number,
            title=t.title,
            description=t.description,
            deadline=t.deadline,
            is_guarantee=t.is_guarantee,
        )
        TaskUnit.objects.bulk_create(
            TaskUnit(
                task=task,
                name=name,
                department=departments.get(name),
                lead=i == 0,
                order=i,
            )
            for i, name in enumerate(t.units)
        )
    audit_record(
        actor=by,
        action=OversightAudit.PLAN_IMPORT,
        obj=plan,
        changes={"year": data.year, "tasks": len(data.tasks)},
        now=now,
    )
    return plan


@transaction.atomic
def progress_report(
    *,
    unit: TaskUnit,
    text: str,
    status: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> ProgressReport:
    """A responsible unit reports progress; the unit's status follows the report."""
    if not can_report_progress(by, unit):
        raise PermissionDeniedError()
    if status not in TaskStatus.values:
        raise InvalidInputError(_("请选择进展状态。"), code="oversight.status")
    if not text.strip():
        raise InvalidInputError(_("请填写进展情况。"), code="oversight.progress_text")
    now = now or timezone.now()
    report = ProgressReport.objects.create(
        unit=unit, text=text.strip(), status=status, reported_at=now, by=by
    )
    unit.status = status
    unit.save(update_fields=["status"])
    audit_record(
        actor=by,
        action=OversightAudit.PROGRESS_REPORT,
        obj=unit,
        changes={"status": status},
        now=now,
    )
    return report


@transaction.atomic
def record_save(
    *,
    obj: models.Model,
    values: dict[str, Any],
    action: OversightAudit,
    by: Staff,
    now: dt.datetime | None = None,
) -> models.Model:
    """Save one of the office's simple records (account, reading room, training,
    group member) with the validated ``values``."""
    _office_only(by)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    audit_record(actor=by, action=action, obj=obj, changes=values, now=now)
    return obj


@transaction.atomic
def post_three_review_record(
    *,
    post: MediaPost,
    first: str,
    second: str,
    final: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> MediaPost:
    """Record the three reviews (三审: 初审、复审、终审) with the approval of a post."""
    names = [n.strip() for n in (first, second, final)]
    if not all(names):
        raise InvalidInputError(
            _("新媒体稿件须经初审、复审、终审，请填写三审人员。"),
            code="oversight.three_review",
        )
    post.first_review, post.second_review, post.final_review = names
    post.save(update_fields=["first_review", "second_review", "final_review"])
    audit_record(
        actor=by,
        action=OversightAudit.POST_THREE_REVIEW,
        obj=post,
        changes={"first": names[0], "second": names[1], "final": names[2]},
        now=now,
    )
    return post


@transaction.atomic
def media_post_save(
    *,
    post: MediaPost,
    account: MediaAccount,
    title: str,
    body: str,
    image: Any = None,
    by: Staff,
    now: dt.datetime | None = None,
) -> MediaPost:
    """Draft or revise a new-media post of an account the author's department runs
    (the office: any account); each save is a revision the review compares."""
    office = can_manage(by)
    if not office and account.department_id != getattr(by, "department_id", None):
        raise PermissionDeniedError(_("只能为本处室运营的账号起草稿件。"))
    if post.pk and post.status != Status.DRAFT:
        raise InvalidInputError(
            _("已提交审核或已发布的稿件不能修改，请先重新编辑。"),
            code="oversight.post_locked",
        )
    now = now or timezone.now()
    post.account, post.title, post.body = account, title.strip(), body.strip()
    if image:
        post.image = image
    if not post.pk:
        post.author, post.department_id = by, account.department_id
    post.save()
    revision_save(obj=post, by=by, now=now)
    audit_record(
        actor=by,
        action=OversightAudit.POST_SAVE,
        obj=post,
        changes={"title": post.title, "account": account.pk},
        now=now,
    )
    return post
