"""Pages of licensing decisions: the public list and detail, and the workbench list,
record (create, edit, lifecycle actions) and import."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import GongkaiError, NotFoundError, PermissionDeniedError
from gongkai.common.importing import import_status, inline_rows_limit
from gongkai.publishing.pagecache import public_page

from ..derive import today_in_shanghai
from ..paging import COUNT_CEILING, CappedPaginator
from ..views.staff import _departments, record_list, show_errors
from . import services
from .exchange import exchange_cell
from .fields import INPUT_FIELDS
from .forms import LicenceFilterForm, LicenceForm, LicenceImportForm
from .importing import import_error_file, licence_import
from .models import LicenceDecision
from .presenters import public_list_record, public_record
from .selectors import (
    licence_get_public,
    licence_import_runs_visible_to,
    licence_list_public,
    licence_visible_to_staff,
)

PER_PAGE = 20


@public_page
def licence_list(request: HttpRequest) -> HttpResponse:
    form = LicenceFilterForm(request.GET or None)
    qs = licence_list_public(now=timezone.now(), query=form.query())
    page = CappedPaginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "page": page,
        "rows": [public_list_record(x) for x in page.object_list],
        "params": urlencode(params),
        "filtered": bool(params),
        "ceiling": COUNT_CEILING,
    }
    return render(request, "penalties/licences/licence_list.html", context)


@public_page
def licence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    licence = licence_get_public(pk=pk, now=now)
    if licence is None:
        raise NotFoundError()
    visible = licence.is_visible(now)
    context = {
        "p": public_record(licence) if visible else None,
        "licence": licence,
        "visible": visible,
    }
    return render(request, "penalties/licences/licence_detail.html", context)


def _record_of(licence: LicenceDecision) -> dict[str, str]:
    """A stored decision as form cells (the inverse of validation)."""
    today = today_in_shanghai(timezone.now())
    out = {}
    for spec in INPUT_FIELDS:
        value = exchange_cell(licence, spec.attr, today=today)
        out[spec.code] = "" if value is None else str(value)
    return out


@staff_required
def staff_list(request: HttpRequest) -> HttpResponse:
    return record_list(
        request,
        licence_visible_to_staff(request.user),
        "penalties/licences/staff_list.html",
    )


@staff_required
def staff_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = LicenceForm(request.POST or None)
    departments = _departments(user)
    if request.method == "POST" and form.is_valid():
        department = departments.filter(pk=request.POST.get("department")).first()
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                licence = services.licence_create(
                    record=form.record(), department=department, by=user
                )
            except GongkaiError as exc:
                show_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("已登记行政许可：《%s》，网站公示时限开始计算。")
                    % licence.document_name,
                )
                return redirect("penalties-staff:licence-edit", pk=licence.pk)
    context = {
        "form": form,
        "licence": None,
        "departments": departments,
        "department_id": str(request.POST.get("department", user.department_id)),
    }
    return render(request, "penalties/licences/staff_form.html", context)


@staff_required
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    licence = get_object_or_404(licence_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, licence)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form = LicenceForm(request.POST or None, initial=_record_of(licence))
    if request.method == "POST" and form.is_valid():
        try:
            services.licence_update(
                licence=licence, record=form.record(), by=request.user
            )
        except GongkaiError as exc:
            show_errors(form, exc)
        else:
            messages.success(
                request, _("已保存修改：《%s》，形成新版本。") % licence.document_name
            )
            return redirect("penalties-staff:licence-edit", pk=licence.pk)
    if request.method == "GET":
        services.licence_personal_data_view(licence=licence, by=request.user)
    context = {
        "form": form,
        "licence": licence,
        "can_edit": can_edit,
        "can_review": can_review_content(request.user, licence),
        "clocks": clocks_for(licence).order_by("started_at"),
        "visible": licence.is_visible(),
    }
    return render(request, "penalties/licences/staff_form.html", context)


@staff_required
def import_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = LicenceImportForm(request.POST or None, request.FILES or None)
    departments = _departments(user)
    if request.method == "POST" and form.is_valid():
        department = departments.filter(pk=request.POST.get("department")).first()
        upload = form.cleaned_data["file"]
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                run = licence_import(
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
                return redirect("penalties-staff:licence-import-detail", pk=run.pk)
    context = {
        "form": form,
        "runs": licence_import_runs_visible_to(user)[:20],
        "departments": departments,
        "department_id": str(user.department_id),
        "columns": INPUT_FIELDS,
    }
    return render(request, "penalties/licences/import.html", context)


@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(licence_import_runs_visible_to(request.user), pk=pk)
    errors = Paginator(run.errors.all(), 100).get_page(request.GET.get("page"))
    context = {
        "run": run,
        "errors": errors,
        "status_url": reverse("penalties-staff:licence-import-status", args=[run.pk]),
    }
    return render(request, "penalties/licences/import_detail.html", context)


@staff_required
def import_status_json(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(licence_import_runs_visible_to(request.user), pk=pk)
    return JsonResponse(import_status(run))


@staff_required
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(licence_import_runs_visible_to(request.user), pk=pk)
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    body = import_error_file(run, fmt=fmt)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="licence-import-{run.pk}-errors.{fmt}"'
    )
    return response
