"""Workbench pages of oversight (mounted at /workbench/oversight/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.decorators import staff_required
from gongkai.common import charts
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.core.clocks import SHANGHAI
from gongkai.core.tabular import TableError, read_table
from gongkai.search.models import SearchEntry

from . import checks, exports, selectors, services
from .audit_actions import OversightAudit
from .forms import (
    AccountForm,
    CheckForm,
    MemberForm,
    PeriodForm,
    PlanImportForm,
    ProgressForm,
    ReadingRoomForm,
    TrainingForm,
)
from .importing import plan_from_table
from .models import (
    CheckRun,
    GroupMember,
    MediaAccount,
    ReadingRoom,
    TaskUnit,
    TrainingSession,
    WorkPlan,
)
from .permissions import can_manage, can_report_progress, can_view_oversight


def _office(request: HttpRequest) -> None:
    if not can_view_oversight(request.user):
        raise PermissionDeniedError(_("只有公开办、管理员和审计人员可以查看。"))


def _today() -> dt.date:
    return timezone.now().astimezone(SHANGHAI).date()


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    office = can_view_oversight(request.user)
    plan = WorkPlan.objects.first()
    units = selectors.units_visible_to(request.user).filter(task__plan=plan)
    today = _today()
    late = [u for u in units if selectors.unit_is_late(u, u.task.deadline, today)]
    context = {
        "office": office,
        "run": CheckRun.objects.first() if office else None,
        "silent": checks.newmedia_findings(on=timezone.now()) if office else [],
        "plan": plan,
        "late": late,
        "my_units": units if not office else [],
    }
    return render(request, "oversight/staff_home.html", context)


def _trend(runs: list[CheckRun]) -> Any:
    points = [
        (r.ran_at.astimezone(SHANGHAI).strftime("%m-%d"), float(r.score))
        for r in reversed(runs)
    ]
    return charts.line_chart(points, title=_("网站检查得分趋势"))


@staff_required
def check(request: HttpRequest) -> HttpResponse:
    _office(request)
    form = CheckForm(request.POST or None)
    if request.method == "POST":
        if not can_manage(request.user):
            raise PermissionDeniedError()
        if form.is_valid():
            day = form.cleaned_data["on"]
            on = dt.datetime.combine(day, dt.time(12), tzinfo=SHANGHAI) if day else None
            run = services.check_run(
                by=request.user, on=on, links=form.cleaned_data["links"]
            )
            messages.success(request, _("检查完成。"))
            return redirect("oversight-staff:check-detail", pk=run.pk)
    runs = list(selectors.runs_recent(30))
    context = {
        "form": form,
        "runs": runs,
        "trend": _trend(runs) if runs else None,
        "can_run": can_manage(request.user),
    }
    return render(request, "oversight/check.html", context)


@staff_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    run = get_object_or_404(CheckRun, pk=pk)
    runs = list(selectors.runs_recent(30))
    context = {
        "run": run,
        "runs": runs,
        "trend": _trend(runs),
        "form": CheckForm(),
        "can_run": can_manage(request.user),
    }
    return render(request, "oversight/check_detail.html", context)


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return _today().year
    return year if 2000 <= year <= 2100 else _today().year


@staff_required
def assessment(request: HttpRequest) -> HttpResponse:
    """Office: every department; staff: their own."""
    year = _year(request)
    start, end = selectors.year_bounds(year)
    dept = None if can_view_oversight(request.user) else request.user.department_id
    if dept is None and not can_view_oversight(request.user):
        raise PermissionDeniedError()
    rows = selectors.assessment(start=start, end=end, department_id=dept)
    bars = [(r.name, r.clocks.share_met or 0.0) for r in rows if r.clocks.total]
    chart = charts.bar_chart(bars, title=_("各处室法定时限按时率"), unit="%")
    context = {"year": year, "rows": rows, "chart": chart, "office": dept is None}
    return render(request, "oversight/assessment.html", context)


@staff_required
def assessment_file(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    _office(request)
    if not 2000 <= year <= 2100:
        raise Http404
    start, end = selectors.year_bounds(year)
    rows = selectors.assessment(start=start, end=end)
    if fmt == "xlsx":
        data = exports.assessment_xlsx(rows, year=year)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "docx":
        data = exports.assessment_docx(rows, year=year)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        return render(
            request,
            "errors/error.html",
            {
                "status": 404,
                "title": _("未找到"),
                "message": _("只提供 xlsx 和 docx 格式。"),
            },
            status=404,
        )
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="assessment-{year}.{fmt}"'
    return response


@staff_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = WorkPlan.objects.all()
    return render(
        request,
        "oversight/plan_list.html",
        {"plans": plans, "can_manage": can_manage(request.user)},
    )


@staff_required
def plan_detail(request: HttpRequest, year: int) -> HttpResponse:
    plan = get_object_or_404(WorkPlan, year=year)
    today = _today()
    visible = set(selectors.units_visible_to(request.user).values_list("pk", flat=True))
    tasks = []
    for task in selectors.plan_with_tasks(plan):
        units = [
            {
                "unit": u,
                "late": selectors.unit_is_late(u, task.deadline, today),
                "mine": u.pk in visible and can_report_progress(request.user, u),
                "visible": u.pk in visible,
            }
            for u in task.units.all()
        ]
        tasks.append({"task": task, "units": units})
    context = {
        "plan": plan,
        "tasks": tasks,
        "by_unit": selectors.status_by_unit(plan, today)
        if can_view_oversight(request.user)
        else [],
        "form": ProgressForm(),
    }
    return render(request, "oversight/plan_detail.html", context)


@staff_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(TaskUnit.objects.select_related("task__plan"), pk=pk)
    if not can_report_progress(request.user, unit):
        raise PermissionDeniedError()
    form = ProgressForm(request.POST or None, initial={"status": unit.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report(unit=unit, by=request.user, **form.cleaned_data)
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("进展已报送。"))
            return redirect("oversight-staff:plan-detail", year=unit.task.plan.year)
    return render(request, "oversight/progress_form.html", {"unit": unit, "form": form})


@staff_required
def plan_import(request: HttpRequest) -> HttpResponse:
    if not can_manage(request.user):
        raise PermissionDeniedError()
    form = PlanImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.read(), upload.name)
            data, errors = plan_from_table(
                table,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                doc_number=form.cleaned_data["doc_number"],
            )
        except TableError as exc:
            errors = [str(exc)]
        if not errors:
            try:
                plan = services.plan_load(data=data, by=request.user)
            except GongkaiError as exc:
                errors = [str(exc.message)]
            else:
                messages.success(request, _("已导入 %d 项任务。") % plan.tasks.count())
                return redirect("oversight-staff:plan-detail", year=plan.year)
    return render(
        request, "oversight/plan_import.html", {"form": form, "errors": errors}
    )


# The office's simple records: one list and one edit page each.
RECORDS: dict[str, tuple[type[models.Model], Any, Any, OversightAudit]] = {
    "accounts": (
        MediaAccount,
        AccountForm,
        gettext_lazy("政务新媒体账号"),
        OversightAudit.ACCOUNT_SAVE,
    ),
    "reading-rooms": (
        ReadingRoom,
        ReadingRoomForm,
        gettext_lazy("查阅场所"),
        OversightAudit.READING_ROOM_SAVE,
    ),
    "training": (
        TrainingSession,
        TrainingForm,
        gettext_lazy("培训"),
        OversightAudit.TRAINING_SAVE,
    ),
    "group": (
        GroupMember,
        MemberForm,
        gettext_lazy("领导小组成员"),
        OversightAudit.MEMBER_SAVE,
    ),
}


def _record(kind: str) -> tuple[type[models.Model], Any, Any, OversightAudit]:
    if kind not in RECORDS:
        raise Http404
    return RECORDS[kind]


@staff_required
def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    _office(request)
    model, form_class, label, _a = _record(kind)
    fields = list(form_class._meta.fields)
    rows = [
        (
            obj,
            [
                getattr(obj, f"get_{f}_display", lambda f=f, o=obj: getattr(o, f))()
                for f in fields
            ],
        )
        for obj in model._default_manager.all()
    ]
    headers = [model._meta.get_field(f).verbose_name for f in fields]
    context = {
        "kind": kind,
        "label": label,
        "rows": rows,
        "headers": headers,
        "can_manage": can_manage(request.user),
    }
    return render(request, "oversight/record_list.html", context)


@staff_required
def record_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    _office(request)
    model, form_class, label, action = _record(kind)
    obj = get_object_or_404(model, pk=pk) if pk else model()
    if request.method == "POST" and not can_manage(request.user):
        raise PermissionDeniedError()
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form_class._meta.fields}
        try:
            services.record_save(
                obj=model(pk=obj.pk) if obj.pk else model(),
                values=values,
                action=action,
                by=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("已保存。"))
            return redirect("oversight-staff:record-list", kind=kind)
    context = {"kind": kind, "label": label, "form": form, "obj": obj}
    return render(request, "oversight/record_form.html", context)


@staff_required
def bundle(request: HttpRequest) -> HttpResponse:
    """The reading-room bundle: what was proactively published in a period (PDF)."""
    _office(request)
    form = PeriodForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return render(request, "oversight/bundle.html", {"form": form})
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=SHANGHAI)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=SHANGHAI)
    entries = SearchEntry.objects.filter(
        visible_from__gte=lo, visible_from__lt=hi
    ).order_by("label", "visible_from", "id")
    groups: dict[str, list[SearchEntry]] = {}
    for e in entries[:5000]:
        groups.setdefault(e.label, []).append(e)
    context = {
        "start": start,
        "end": end,
        "groups": groups,
        "rooms": ReadingRoom.objects.all(),
        "base": request.build_absolute_uri("/").rstrip("/"),
    }
    if request.GET.get("format") == "html":
        return render(request, "oversight/bundle_pdf.html", context)
    response = HttpResponse(exports.bundle_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="reading-room-{start}-{end}.pdf"'
    )
    return response
