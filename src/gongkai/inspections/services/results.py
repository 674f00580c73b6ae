"""Substitutions from reserves (DRAW.md §12.3), results and their publication clock."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI, clocks_for
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.inspections.audit_actions import InspectionsAudit

from .. import rules
from ..choices import DrawState, InspectionState, ResultCode
from ..models import Draw, Inspection, Target, Task
from ..permissions import can_enter_result, can_run_draw
from ..selectors import team_members
from .draw_complete import draw_publish

RESULTS_CLOCK = "inspection.results_publish"


@transaction.atomic
def inspection_substitute(
    *, inspection: Inspection, reason: str, by: Staff, now: dt.datetime | None = None
) -> Inspection:
    """Replace a deregistered or unreachable target by the first unused reserve (§12.3)."""
    if not can_run_draw(by):
        raise PermissionDeniedError()
    reason = reason.strip()
    if not reason:
        raise InvalidInputError(
            _("必须说明替补原因。"), code="inspections.reason_required"
        )
    old = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("draw", "staffing_draw")
        .get(pk=inspection.pk)
    )
    d = old.draw
    if d.state not in (DrawState.DRAWN, DrawState.PUBLISHED):
        raise ConflictError(_("抽取尚未完成。"), code="inspections.draw.state")
    if (
        old.state not in (InspectionState.ASSIGNED, InspectionState.UNSTAFFED)
        or old.result
    ):
        raise ConflictError(
            _("该对象已检查或已被替补，不能替补。"), code="inspections.substitute_state"
        )
    assert d.output is not None
    used = set(d.inspections.values_list("uscc", flat=True))
    reserve = rules.next_reserve(d.output["result"]["reserves"], old.stratum, used)
    if reserve is None:
        raise ConflictError(
            _("本层没有可用的备选对象。"), code="inspections.no_reserve"
        )
    team = None
    source = old.staffing_draw or d
    if old.team is not None and source.output is not None:
        team_row = next(
            t for t in source.output["result"]["teams"] if t["team"] == old.team
        )
        snapshot = d.snapshot
        inspectors = {i["id"]: i for i in source.snapshot["inspectors"]}
        target = next(t for t in snapshot["targets"] if t["uscc"] == reserve["uscc"])
        coi = {(a, b) for a, b in source.snapshot["coi"]}
        if rules.team_may_take(team_row, inspectors, target, coi):
            team = old.team
    name = (
        Target.objects.filter(uscc=reserve["uscc"])
        .values_list("name", flat=True)
        .first()
        or ""
    )
    new = Inspection.objects.create(
        draw=d,
        uscc=reserve["uscc"],
        name=name,
        stratum=reserve["stratum"],
        rank=reserve["rank"],
        ticket=reserve["ticket"],
        team=team,
        staffing_draw=old.staffing_draw if team is not None else None,
        state=InspectionState.ASSIGNED
        if team is not None
        else InspectionState.UNSTAFFED,
        replaces=old,
    )
    old.state, old.replace_reason = InspectionState.REPLACED, reason[:300]
    old.save(update_fields=["state", "replace_reason"])
    audit_record(
        actor=by,
        action=InspectionsAudit.SUBSTITUTE,
        obj=new,
        changes={
            "replaced": old.uscc,
            "by": new.uscc,
            "rank": new.rank,
            "team": team,
            "reason": reason,
        },
        now=now,
    )
    return new


@transaction.atomic
def inspection_result_enter(
    *,
    inspection: Inspection,
    result: str,
    note: str,
    checked_on: dt.date,
    by: Staff,
    now: dt.datetime | None = None,
) -> Inspection:
    """Record the result of a check (once); start the publication clock from its date."""
    now = now or timezone.now()
    i = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("draw__task", "staffing_draw")
        .get(pk=inspection.pk)
    )
    if not can_enter_result(by, i, team_members(i)):
        raise PermissionDeniedError(
            _("只有分配的检查组、任务处室或公开办可以录入结果。")
        )
    if i.state != InspectionState.ASSIGNED:
        raise ConflictError(
            _("只有已分配检查组且尚未录入结果的对象可以录入结果。"),
            code="inspections.result_state",
        )
    if result not in ResultCode.values:
        raise InvalidInputError(_("请选择检查结果。"), code="inspections.result_code")
    if checked_on > now.astimezone(SHANGHAI).date() or (
        i.draw.drawn_at and checked_on < i.draw.drawn_at.astimezone(SHANGHAI).date()
    ):
        raise InvalidInputError(
            _("检查完成日期不能早于抽取日期，也不能晚于今天。"),
            code="inspections.checked_on",
        )
    i.result, i.result_note, i.checked_on = result, note.strip(), checked_on
    i.result_by, i.result_at, i.state = by, now, InspectionState.DONE
    i.save()
    clock_start(
        subject=i,
        rule_key=RESULTS_CLOCK,
        at=dt.datetime.combine(checked_on, dt.time.min, tzinfo=SHANGHAI),
        title=_("抽查结果公示：%s") % i.name,
        department=i.draw.task.department,
        start_event="checked",
        by=by,
        now=now,
    )
    audit_record(
        actor=by,
        action=InspectionsAudit.RESULT,
        obj=i,
        changes={"result": result, "checked_on": checked_on},
        now=now,
    )
    return i


@transaction.atomic
def results_publish(*, task: Task, by: Staff, now: dt.datetime | None = None) -> int:
    """Publish every entered, unpublished result of a task; stop their clocks.

    A confidential draw is published first: results never appear before the draw
    that chose them (DRAW.md §12.1, no later than the results' deadline)."""
    if not can_run_draw(by):
        raise PermissionDeniedError()
    now = now or timezone.now()
    for d in Draw.objects.filter(task=task, state=DrawState.DRAWN).only("id"):
        draw_publish(draw=d, by=by, now=now)
    pending = list(
        Inspection.objects.select_for_update().filter(
            draw__task=task, state=InspectionState.DONE, published_at__isnull=True
        )
    )
    if not pending:
        raise ConflictError(
            _("没有待公示的检查结果。"), code="inspections.nothing_to_publish"
        )
    for i in pending:
        i.published_at = now
        i.save(update_fields=["published_at"])
        for clock in clocks_for(i).filter(rule_key=RESULTS_CLOCK):
            clock_event_add(clock=clock, kind="published", at=now, by=by, now=now)
    audit_record(
        actor=by,
        action=InspectionsAudit.RESULTS_PUBLISH,
        obj=task,
        changes={"count": len(pending)},
        now=now,
    )
    return len(pending)
