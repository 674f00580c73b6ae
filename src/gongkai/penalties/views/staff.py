"""Workbench pages for penalties: list, record, edit, lifecycle actions, import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.choices import Role
from gongkai.accounts.decorators import staff_required
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.common.importing import import_status, inline_rows_limit
from gongkai.publishing.choices import Status

from .. import services
from ..exchange import exchange_cell
from ..fields import FIELDS
from ..forms import EarlyEndForm, ImportForm, PenaltyForm, WithdrawForm
from ..importing import import_error_file, penalty_import
from ..models import Penalty
from ..selectors import import_runs_visible_to, penalty_visible_to_staff


def _departments(user: Any) -> Any:
    qs = Department.objects.filter(is_active=True)
    if user.role == Role.STAFF:
        return qs.filter(pk=user.department_id)
    return qs


def _record_of(penalty: Penalty) -> dict[str, str]:
    """A stored penalty as form cells (the inverse of validation)."""
    out = {}
    for spec in FIELDS:
        value = exchange_cell(penalty, spec.attr)
        if spec.attr == "sector":
            value = penalty.get_sector_display()
        out[spec.code] = "" if value is None else str(value)
    return out


def show_errors(form: Any, exc: GongkaiError) -> None:
    """A refused record's field messages on their fields (penalties and licences)."""
    if isinstance(exc.detail, list) and exc.detail and "field" in exc.detail[0]:
        for item in exc.detail:
            form.add_error(item["field"], item["message"])
    else:
        form.add_error(None, str(exc.message))


def record_list(request: HttpRequest, qs: Any, template: str) -> HttpResponse:
    """A staff list of records (penalties, licensing decisions): by status and by
    party name or 文书号, newest change first, 50 a page."""
    qs = qs.order_by("-updated_at", "-id")
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(party_name__contains=q) | qs.filter(decision_number__contains=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "q": q,
        "statuses": Status.choices,
        "can_review": can_review_content(request.user),
    }
    return render(request, template, context)


@staff_required
def penalty_list(request: HttpRequest) -> HttpResponse:
    return record_list(
        request, penalty_visible_to_staff(request.user), "penalties/staff_list.html"
    )


@staff_required
def penalty_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = PenaltyForm(request.POST or None)
    departments = _departments(user)
    if request.method == "POST" and form.is_valid():
        department = departments.filter(pk=request.POST.get("department")).first()
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                penalty = services.penalty_create(
                    record=form.record(), department=department, by=user
                )
            except GongkaiError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("处罚信息已登记，公示时限开始计算。"))
                return redirect("penalties-staff:penalty-edit", pk=penalty.pk)
    context = {
        "form": form,
        "penalty": None,
        "departments": departments,
        "department_id": str(request.POST.get("department", user.department_id)),
    }
    return render(request, "penalties/staff_form.html", context)


@staff_required
def penalty_edit(request: HttpRequest, pk: int) -> HttpResponse:
    penalty = get_object_or_404(penalty_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, penalty)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form = PenaltyForm(request.POST or None, initial=_record_of(penalty))
    if request.method == "POST" and form.is_valid():
        try:
            services.penalty_update(
                penalty=penalty, record=form.record(), by=request.user
            )
        except GongkaiError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("修改已保存，形成新版本。"))
            return redirect("penalties-staff:penalty-edit", pk=penalty.pk)
    if request.method == "GET":
        services.penalty_personal_data_view(penalty=penalty, by=request.user)
    context = {
        "form": form,
        "penalty": penalty,
        "can_edit": can_edit,
        "can_review": can_review_content(request.user, penalty),
        "clocks": clocks_for(penalty).order_by("started_at"),
        "withdraw_form": WithdrawForm(initial={"changed_on": timezone.localdate()}),
        "early_end_form": EarlyEndForm(),
        "visible": penalty.is_visible(),
    }
    return render(request, "penalties/staff_form.html", context)


@staff_required
def import_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = ImportForm(request.POST or None, request.FILES or None)
    departments = _departments(user)
    if request.method == "POST" and form.is_valid():
        department = departments.filter(pk=request.POST.get("department")).first()
        upload = form.cleaned_data["file"]
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                run = penalty_import(
                    data=upload.read(),
                    file_name=upload.name,
                    department=department,
                    by=user,
                    publish=form.cleaned_data["publish"],
                    inline_rows=inline_rows_limit(),
                )
            except PermissionDeniedError as exc:
                form.add_error("publish", str(exc.message))
            except GongkaiError as exc:
                form.add_error("file", str(exc.message))
            else:
                return redirect("penalties-staff:import-detail", pk=run.pk)
    runs = import_runs_visible_to(user)[:20]
    context = {
        "form": form,
        "runs": runs,
        "departments": departments,
        "department_id": str(user.department_id),
        "columns": FIELDS,
    }
    return render(request, "penalties/import.html", context)


@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(import_runs_visible_to(request.user), pk=pk)
    errors = Paginator(run.errors.all(), 100).get_page(request.GET.get("page"))
    context = {
        "run": run,
        "errors": errors,
        "status_url": reverse("penalties-staff:import-status", args=[run.pk]),
    }
    return render(request, "penalties/import_detail.html", context)


@staff_required
def import_status_json(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(import_runs_visible_to(request.user), pk=pk)
    return JsonResponse(import_status(run))


@staff_required
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(import_runs_visible_to(request.user), pk=pk)
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    body = import_error_file(run, fmt=fmt)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="penalty-import-{run.pk}-errors.{fmt}"'
    )
    return response
