"""Plans and tasks: what is drawn, how, and with which beacon."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.core.draw import DrawInputError
from gongkai.core.draw.inputs import parse_params
from gongkai.inspections.audit_actions import InspectionsAudit
from gongkai.publishing.choices import Status
from gongkai.publishing.services import revision_save

from .. import rules
from ..models import InspectionPlan, Task
from ..permissions import can_manage_task
from ..protocol import beacon_object, task_params


@transaction.atomic
def plan_create(
    *,
    year: int,
    title: str,
    body: str,
    department: Any,
    by: Staff,
    now: dt.datetime | None = None,
) -> InspectionPlan:
    """Draft an annual plan (published through the shared review lifecycle)."""
    if not can_manage_task(by):
        raise PermissionDeniedError()
    plan = InspectionPlan.objects.create(
        year=year, title=title, body=body, department=department, author=by
    )
    revision_save(obj=plan, by=by, now=now)
    audit_record(
        actor=by,
        action=InspectionsAudit.PLAN_CREATE,
        obj=plan,
        changes={"year": year},
        now=now,
    )
    return plan


@transaction.atomic
def plan_update(
    *, plan: InspectionPlan, by: Staff, now: dt.datetime | None = None, **fields: Any
) -> InspectionPlan:
    """Change a draft plan; each change is a new revision."""
    if not can_manage_task(by):
        raise PermissionDeniedError()
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Status.DRAFT:
        raise InvalidInputError(
            _("只有草稿状态的计划可以修改，请先重新编辑。"),
            code="inspections.plan_not_draft",
        )
    for key in ("year", "title", "body"):
        if key in fields:
            setattr(plan, key, fields[key])
    plan.save()
    revision_save(obj=plan, by=by, now=now)
    audit_record(actor=by, action=InspectionsAudit.PLAN_UPDATE, obj=plan, now=now)
    return plan


def draw_error(exc: DrawInputError) -> InvalidInputError:
    """A protocol rejection as a business error with the protocol's Chinese message."""
    return InvalidInputError(
        _("抽取参数无效：%(msg)s") % {"msg": exc.message_zh},
        code=f"inspections.draw.{exc.code}",
        detail={"path": exc.path},
    )


@transaction.atomic
def task_create(
    *,
    code: str,
    title: str,
    department: Any,
    items: list[Any],
    target_count: int,
    risk_weights: dict[str, int],
    beacon_type: str,
    beacon_time: dt.datetime,
    by: Staff,
    stratify_by: list[str] | None = None,
    cutoff: dt.date | None = None,
    reserve_per_stratum: int = 1,
    team_size: int = 2,
    capacity_slack: int = 0,
    max_probes: int = 64,
    mode: str = "confidential",
    hash_alg: str = "sha256",
    drand_chain_hash: str = "",
    drand_round: int | None = None,
    lottery_draws: list[dict[str, str]] | None = None,
    reveal_hours: int = 24,
    publish_inspectors: bool = False,
    industries: list[str] | None = None,
    plan: InspectionPlan | None = None,
    followup_departments: list[Any] | None = None,
    now: dt.datetime | None = None,
) -> Task:
    """Plan a task; its parameters are checked against dsr-draw/1 §5 at once."""
    if not can_manage_task(by) or (
        getattr(by, "role", "") == "staff" and department.pk != by.department_id
    ):
        raise PermissionDeniedError()
    if Task.objects.filter(code=code).exists():
        raise InvalidInputError(
            _("任务编号 %(code)s 已存在。") % {"code": code},
            code="inspections.task_code",
        )
    if team_size < 2:
        # RULES.md §6: at least two inspectors are drawn for each target.
        raise InvalidInputError(
            _("每组检查人员不能少于2人。"), code="inspections.team_size"
        )
    if beacon_type == "drand":
        if not rules.is_hex(drand_chain_hash, length=32) or not drand_round:
            raise InvalidInputError(
                _("drand 信标需要链哈希（64位小写十六进制）和轮次。"),
                code="inspections.beacon",
            )
        scheduled = rules.drand_round_time(drand_chain_hash, drand_round)
        if scheduled is not None:
            beacon_time = scheduled
    elif not lottery_draws:
        raise InvalidInputError(
            _("彩票信标至少需要一期开奖。"), code="inspections.beacon"
        )
    task = Task.objects.create(
        code=code,
        title=title,
        department=department,
        plan=plan,
        target_count=target_count,
        risk_weights=risk_weights,
        stratify_by=stratify_by or ["risk", "region", "industry"],
        cutoff=cutoff,
        reserve_per_stratum=reserve_per_stratum,
        team_size=team_size,
        capacity_slack=capacity_slack,
        max_probes=max_probes,
        mode=mode,
        hash_alg=hash_alg,
        beacon_type=beacon_type,
        drand_chain_hash=drand_chain_hash,
        drand_round=drand_round,
        lottery_draws=lottery_draws or [],
        beacon_time=beacon_time,
        reveal_hours=reveal_hours,
        publish_inspectors=publish_inspectors,
        industries=industries or [],
        created_by=by,
    )
    task.items.set(items)
    task.followup_departments.set(followup_departments or [])
    try:
        parse_params(task_params(task, beacon=beacon_object(task), reveal_deadline="-"))
    except DrawInputError as exc:
        raise draw_error(exc) from exc
    audit_record(
        actor=by,
        action=InspectionsAudit.TASK_CREATE,
        obj=task,
        changes={"code": code},
        now=now,
    )
    return task
