"""Workbench pages of a task: planning, the draw workflow, staffing and results."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.common.audit import audit_record
from gongkai.common.errors import GongkaiError, InvalidInputError, PermissionDeniedError
from gongkai.core.ids import IdentifierError, canonical_uscc
from gongkai.core.jcs import canonical_json
from gongkai.inspections.audit_actions import InspectionsAudit

from .. import services
from ..choices import InspectionState
from ..forms import (
    BeaconForm,
    ContributionForm,
    LookupForm,
    NewBeaconForm,
    ReasonForm,
    ResultForm,
    RevealForm,
    TaskForm,
)
from ..models import Contribution, Draw, DrawJob, Inspection, Task
from ..permissions import can_manage_task, can_run_draw, can_view_secrets
from ..protocol import draw_input
from ..selectors import draws_of, inspections_for_staff, result_clocks, target_proof
from ..services.draw_common import OPEN


@staff_required
def task_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_manage_task(user):
        raise PermissionDeniedError()
    form = TaskForm(request.POST or None, initial={"department": user.department})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            task = services.task_create(by=user, **data)
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("抽查任务已建立。"))
            return redirect("inspections-staff:task-detail", code=task.code)
    return render(request, "inspections/staff_task_form.html", {"form": form})


@staff_required
def task_detail(request: HttpRequest, code: str) -> HttpResponse:
    task = get_object_or_404(
        Task.objects.select_related("department", "plan"), code=code
    )
    user = request.user
    draws = draws_of(task)
    page = Paginator(inspections_for_staff(task), 200).get_page(request.GET.get("page"))
    clocks = result_clocks(list(page))
    for inspection in page:
        inspection.result_clock = clocks.get(inspection.pk)
    context = {
        "task": task,
        "draws": draws,
        "current": draws[-1] if draws else None,
        "open_draw": any(d.state in OPEN for d in draws),
        "unstaffed": Inspection.objects.filter(
            draw__task=task, state=InspectionState.UNSTAFFED
        ).count(),
        "inspections": page,
        "jobs": list(task.jobs.select_related("requested_by")[:5]),
        "can_manage": can_manage_task(user, task),
        "can_run": can_run_draw(user),
        "can_secrets": can_view_secrets(user),
        "now": timezone.now(),
        "forms": {
            "contribution": ContributionForm(),
            "beacon": BeaconForm(),
            "reveal": RevealForm(),
            "reason": ReasonForm(),
            "new_beacon": NewBeaconForm(),
            "result": ResultForm(initial={"checked_on": timezone.localdate()}),
            "lookup": LookupForm(),
        },
    }
    return render(request, "inspections/staff_task_detail.html", context)


@require_POST
@staff_required
def task_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Every workflow step is one POST here, each calling one service.

    Freezing and running read the whole registry: they are queued as background
    jobs and the browser is sent to the job's status page.
    """
    task = get_object_or_404(Task, code=code)
    user = request.user
    post = request.POST
    try:
        job = _dispatch(action, task, user, post)
    except PermissionDeniedError:
        raise
    except GongkaiError as exc:
        messages.error(request, str(exc.message))
    else:
        if isinstance(job, DrawJob):
            return redirect("inspections-staff:job", code=task.code, pk=job.pk)
        if isinstance(job, Contribution) and job.link_token:
            link = request.build_absolute_uri(
                reverse("inspections:contribute", args=[job.link_token])
            )
            messages.success(
                request,
                _("请把这个专用链接交给贡献者 %(name)s（只显示这一次）：%(link)s")
                % {"name": job.name, "link": link},
            )
        else:
            done = _DONE.get(action, _("已完成"))
            messages.success(request, f"{done}：《{task}》")
    return redirect("inspections-staff:task-detail", code=task.code)


# What each step did, for its confirmation ("已录入检查结果：《…》").
_DONE = {
    "contribution": gettext_lazy("已登记随机数贡献者"),
    "commit": gettext_lazy("已确认抽取并承诺"),
    "beacon": gettext_lazy("已录入随机信标"),
    "beacon-fetch": gettext_lazy("已获取随机信标"),
    "reveal": gettext_lazy("已记录揭示值"),
    "publish": gettext_lazy("已公布抽取结果"),
    "abandon": gettext_lazy("已作废本次抽取"),
    "substitute": gettext_lazy("已替补检查对象"),
    "result": gettext_lazy("已录入检查结果"),
    "publish-results": gettext_lazy("已公布检查结果"),
}


def _draw(task: Task, post: Any) -> Draw:
    try:
        return task.draws.get(pk=int(post.get("draw", "")))
    except (ValueError, Draw.DoesNotExist):
        raise InvalidInputError(_("没有这次抽取。")) from None


def _valid(form: Any) -> dict[str, Any]:
    if not form.is_valid():
        errors = "；".join(f"{e}" for errs in form.errors.values() for e in errs)
        raise InvalidInputError(errors or _("填写的内容不符合要求。"))
    return dict(form.cleaned_data)


def _dispatch(
    action: str, task: Task, user: Any, post: Any
) -> DrawJob | Contribution | None:
    if action == "freeze":
        return services.draw_job_enqueue(task=task, kind=action, by=user)
    if action in ("restart", "follow-up"):
        data = _valid(NewBeaconForm(post))
        when = data["beacon_time"]
        return services.draw_job_enqueue(
            task=task,
            kind=action,
            by=user,
            draw=_draw(task, post) if action == "follow-up" else None,
            options={
                "drand_round": data["drand_round"],
                "lottery_draws": data["lottery_draws"] or None,
                "beacon_time": when.isoformat() if when else None,
            },
        )
    if action == "run":
        return services.draw_job_enqueue(
            task=task, kind=action, by=user, draw=_draw(task, post)
        )
    if action == "contribution":
        return services.contribution_add(
            draw=_draw(task, post), by=user, **_valid(ContributionForm(post))
        )
    if action == "contributor-link":
        contribution = get_object_or_404(
            Contribution, pk=post.get("contribution") or 0, draw__task=task
        )
        return services.contributor_link_issue(contribution=contribution, by=user)
    elif action == "commit":
        services.draw_commit(draw=_draw(task, post), by=user)
    elif action == "beacon":
        data = _valid(BeaconForm(post))
        services.draw_beacon_enter(
            draw=_draw(task, post),
            by=user,
            signature_hex=data["signature_hex"],
            previous_signature_hex=data["previous_signature_hex"],
            randomness_hex=data["randomness_hex"],
            lottery_lines=data["lottery_numbers"].splitlines(),
        )
    elif action == "beacon-fetch":
        services.draw_beacon_fetch(draw=_draw(task, post), by=user)
    elif action == "reveal":
        contribution = get_object_or_404(
            Contribution, pk=post.get("contribution") or 0, draw__task=task
        )
        services.contribution_reveal(
            contribution=contribution, by=user, **_valid(RevealForm(post))
        )
    elif action == "publish":
        services.draw_publish(draw=_draw(task, post), by=user)
    elif action == "abandon":
        services.draw_abandon(
            draw=_draw(task, post), by=user, **_valid(ReasonForm(post))
        )
    elif action == "substitute":
        services.inspection_substitute(
            inspection=_inspection(task, post), by=user, **_valid(ReasonForm(post))
        )
    elif action == "result":
        services.inspection_result_enter(
            inspection=_inspection(task, post), by=user, **_valid(ResultForm(post))
        )
    elif action == "publish-results":
        services.results_publish(task=task, by=user)
    else:
        raise Http404
    return None


def _inspection(task: Task, post: Any) -> Inspection:
    return get_object_or_404(
        Inspection, pk=post.get("inspection") or 0, draw__task=task
    )


@staff_required
def auditor_bundle(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """The full bundle (snapshot, secret, output) for `python -m gongkai.core.draw --verify`."""
    if not can_view_secrets(request.user):
        raise PermissionDeniedError()
    d = get_object_or_404(Draw, task__code=code, number=number)
    if d.output is None:
        raise Http404
    audit_record(actor=request.user, action=InspectionsAudit.BUNDLE_AUDITOR, obj=d)
    body = canonical_json({"input": draw_input(d), "output": d.output})
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="{d.params["task_id"]}-{d.number}-auditor.json"'
    )
    return response


@staff_required
def enterprise_proof(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """An enterprise's own leaf and inclusion proof under targets_root (§11)."""
    d = get_object_or_404(Draw, task__code=code, number=number)
    form = LookupForm(request.GET)

    try:
        uscc = canonical_uscc(form.data.get("uscc", ""))
    except IdentifierError as exc:
        messages.error(request, exc.message)
        return redirect("inspections-staff:task-detail", code=code)
    proof = target_proof(d, uscc) if d.commit else None
    if proof is None:
        messages.error(request, _("该企业不在本次抽取的名录快照中。"))
        return redirect("inspections-staff:task-detail", code=code)
    audit_record(
        actor=request.user, action=InspectionsAudit.PROOF, obj=d, changes={"uscc": uscc}
    )
    response = HttpResponse(
        json.dumps(proof, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{uscc}-proof.json"'
    return response
