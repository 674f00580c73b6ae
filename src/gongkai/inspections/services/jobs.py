"""Queuing and running the draw steps that read the whole registry (freeze, run).

``draw_job_enqueue`` checks what can be checked at once (permission, no job of the
same task already waiting), records the job and queues it after the commit;
``draw_job_execute`` is what the worker runs: it calls the very services a request
would (``draw_freeze``, ``draw_run``), so the audit chain and every rule are the same.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django_tasks import task

from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import ConflictError, GongkaiError, PermissionDeniedError
from gongkai.inspections.audit_actions import InspectionsAudit

from ..choices import JobKind, JobState
from ..models import Draw, DrawJob, Task
from ..permissions import can_manage_task, can_run_draw
from . import draw_freeze, draw_run

log = logging.getLogger(__name__)

WAITING = (JobState.QUEUED, JobState.RUNNING)
# A job still "running" this long after it started lost its worker (killed, machine
# restarted): it no longer blocks the task and is shown as not completed.
STALE_AFTER = dt.timedelta(hours=1)


@transaction.atomic
def draw_job_enqueue(
    *,
    task: Task,
    kind: str,
    by: Staff,
    draw: Draw | None = None,
    options: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> DrawJob:
    """Queue a freeze, restart, follow-up or run of ``task`` for the worker."""
    allowed = can_run_draw(by) if kind == JobKind.RUN else can_manage_task(by, task)
    if not allowed:
        raise PermissionDeniedError()
    now = now or timezone.now()
    task = Task.objects.select_for_update().get(pk=task.pk)
    task.jobs.filter(state=JobState.RUNNING, started_at__lt=now - STALE_AFTER).update(
        state=JobState.FAILED,
        finished_at=now,
        step="",
        message=_("后台作业超时未完成（工作进程可能已中断），请重新提交。"),
    )
    if task.jobs.filter(state__in=WAITING).exists():
        raise ConflictError(
            _("本任务已有排队或进行中的后台作业，请等待其完成。"),
            code="inspections.job.waiting",
        )
    job = DrawJob.objects.create(
        task=task,
        kind=JobKind(kind),
        draw=draw,
        options=options or {},
        requested_by=by,
        queued_at=now,
        step=_("等待后台处理"),
    )
    audit_record(
        actor=by,
        action=InspectionsAudit.JOB_ENQUEUE,
        obj=task,
        changes={"job": job.pk, "kind": job.kind, "draw": draw.pk if draw else None},
        now=now,
    )

    transaction.on_commit(partial(draw_job.enqueue, job_id=job.pk))
    return job


def draw_job_execute(*, job_id: int, now: dt.datetime | None = None) -> DrawJob:
    """Run a queued job (in the worker): the service it names, then the outcome."""
    with transaction.atomic():
        job = DrawJob.objects.select_for_update().get(pk=job_id)
        if job.state != JobState.QUEUED:
            return job  # already taken or finished: a job runs once
        job.state, job.started_at = JobState.RUNNING, timezone.now()
        job.step = _("正在处理（读取名录、校验并计算）")
        job.save(update_fields=["state", "started_at", "step"])
    try:
        draw, message, result = _perform(job, now)
    except GongkaiError as exc:
        return _finish(job, JobState.FAILED, str(exc.message), {})
    except Exception:  # the job must not stay "running" whatever happened
        log.exception("draw job %s failed", job.pk)
        return _finish(job, JobState.FAILED, _("后台作业出错，请联系系统管理员。"), {})
    job.draw = draw
    return _finish(job, JobState.DONE, message, result)


def _perform(job: DrawJob, now: dt.datetime | None) -> tuple[Draw, str, dict[str, Any]]:

    by, task, opts = job.requested_by, job.task, job.options
    if job.kind == JobKind.RUN:
        assert job.draw is not None
        d = draw_run(draw=job.draw, by=by, now=now)
        assert d.output is not None
        result = d.output["result"]
        summary = {
            "selected": result["selected_count"],
            "unstaffed": len(result["unstaffed"]),
            "result_root": d.result_root,
        }
        message = _("抽取完成：抽中 %(n)s 家，未配队 %(u)s 家。") % {
            "n": summary["selected"],
            "u": summary["unstaffed"],
        }
        return d, message, summary
    beacon_time = (
        parse_datetime(opts["beacon_time"]) if opts.get("beacon_time") else None
    )
    d = draw_freeze(
        task=task,
        by=by,
        now=now,
        beacon_time=beacon_time,
        drand_round=opts.get("drand_round"),
        lottery_draws=opts.get("lottery_draws"),
        follows=job.draw if job.kind == JobKind.FOLLOW_UP else None,
    )
    roots = dict(d.roots)
    message = _("名录已冻结：检查对象 %(t)s 个，检查人员 %(i)s 名。") % {
        "t": roots.get("targets_count", 0),
        "i": roots.get("inspectors_count", 0),
    }
    return d, message, roots


def _finish(job: DrawJob, state: str, message: str, result: dict[str, Any]) -> DrawJob:
    job.state, job.message, job.result = state, message[:2000], result
    job.finished_at = timezone.now()
    job.step = ""
    job.save(
        update_fields=["state", "message", "result", "finished_at", "step", "draw"]
    )
    return job


@task()
def draw_job(job_id: int) -> str:
    """The background task (django-tasks; ``gongkai db_worker``): run one queued
    freeze or draw and return the job's final state. Thin over the service above."""
    return str(draw_job_execute(job_id=job_id).state)
