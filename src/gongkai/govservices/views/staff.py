"""Workbench pages: guides (with their completeness report and materials), the power
list and its adjustments, intermediary services, imports and templates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.selectors import department_chosen, departments_for
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.publishing.choices import Status
from gongkai.publishing.import_pages import ImportPages

from .. import services
from ..forms import (
    AdjustForm,
    ImportForm,
    IntermediaryForm,
    MaterialForm,
    PowerForm,
    ServiceForm,
)
from ..importing import govservices_import
from ..models import Adjustment, Material
from ..rules import guide_problems
from ..selectors import (
    import_runs_visible_to,
    intermediary_visible_to_staff,
    power_visible_to_staff,
    service_visible_to_staff,
)
from ..sheets import (
    KINDS,
    adjustment_cells,
    export_xlsx,
    power_cells,
    service_cells,
    template_xlsx,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _department(request: HttpRequest, form: Any) -> Any:
    department = department_chosen(request.user, request.POST.get("department"))
    if department is None:
        form.add_error(None, _("请选择处室。"))
    return department


def _show(form: Any, exc: GongkaiError) -> None:
    form.add_error(None, str(exc.message))


@staff_required
def service_list(request: HttpRequest) -> HttpResponse:
    qs = service_visible_to_staff(request.user).order_by("-updated_at", "-id")
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": Status.choices}
    return render(request, "govservices/staff_list.html", context)


@staff_required
def service_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        department = _department(request, form)
        if department is not None:
            try:
                item = services.service_create(
                    values=form.values(), department=department, by=user
                )
            except GongkaiError as exc:
                _show(form, exc)
            else:
                messages.success(request, _("办事指南草稿已保存，请添加申请材料。"))
                return redirect("govservices-staff:service-edit", pk=item.pk)
    context = {
        "form": form,
        "item": None,
        "departments": departments_for(user),
        "department_id": str(request.POST.get("department", user.department_id)),
    }
    return render(request, "govservices/staff_form.html", context)


@staff_required
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(service_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, item)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form = ServiceForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(item=item, values=form.values(), by=request.user)
        except GongkaiError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("修改已保存，形成新版本。"))
            return redirect("govservices-staff:service-edit", pk=item.pk)
    item.refresh_from_db()
    context = {
        "form": form,
        "item": item,
        "can_edit": can_edit,
        "can_review": can_review_content(request.user, item),
        "problems": guide_problems(item.facts()),
        "materials": item.materials.all(),
        "material_form": MaterialForm(),
        "visible": item.is_visible(),
    }
    return render(request, "govservices/staff_form.html", context)


@staff_required
@require_POST
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(service_visible_to_staff(request.user), pk=pk)
    if not can_edit_content(request.user, item):
        raise PermissionDeniedError()
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{errors[0]}")
    else:
        try:
            services.material_add(item=item, by=request.user, **form.cleaned_data)
        except GongkaiError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("已添加申请材料。"))
    return redirect("govservices-staff:service-edit", pk=item.pk)


@staff_required
@require_POST
def material_delete(request: HttpRequest, pk: int, material_pk: int) -> HttpResponse:
    item = get_object_or_404(service_visible_to_staff(request.user), pk=pk)
    material = get_object_or_404(Material, pk=material_pk, service=item)
    try:
        services.material_delete(material=material, by=request.user)
    except PermissionDeniedError:
        raise
    except GongkaiError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已删除申请材料。"))
    return redirect("govservices-staff:service-edit", pk=item.pk)


# ---------------------------------------------------------------- power list


@staff_required
def power_list(request: HttpRequest) -> HttpResponse:
    items = power_visible_to_staff(request.user).prefetch_related("adjustments")
    rows = [(i, list(i.adjustments.all())[-1:]) for i in items]
    context = {"rows": rows, "can_edit": can_edit_content(request.user, None)}
    return render(request, "govservices/staff_power_list.html", context)


@staff_required
def power_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = PowerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        department = _department(request, form)
        if department is not None:
            d = form.cleaned_data
            try:
                item = services.power_item_create(
                    code=d["code"],
                    values=form.values(),
                    department=department,
                    kind=d["kind"],
                    effective_on=d["effective_on"],
                    doc_number=d["doc_number"],
                    reason=d["reason"],
                    by=user,
                )
            except PermissionDeniedError:
                raise
            except GongkaiError as exc:
                _show(form, exc)
            else:
                flag = services.doc_number_flag(d["doc_number"])
                messages.success(
                    request, _("已列入权责清单。") + (f"（{flag}）" if flag else "")
                )
                return redirect("govservices-staff:power-edit", pk=item.pk)
    context = {
        "form": form,
        "departments": departments_for(user),
        "department_id": str(request.POST.get("department", user.department_id)),
    }
    return render(request, "govservices/staff_power_form.html", context)


@staff_required
def power_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(power_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, item)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form = AdjustForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.power_adjust(
                item=item,
                kind=d["kind"],
                effective_on=d["effective_on"],
                doc_number=d["doc_number"],
                reason=d["reason"],
                delegated_to=d["delegated_to"],
                values=form.changes(),
                by=request.user,
            )
        except GongkaiError as exc:
            _show(form, exc)
        else:
            flag = services.doc_number_flag(d["doc_number"])
            messages.success(
                request, _("调整已记录。") + (f"（{flag}）" if flag else "")
            )
            return redirect("govservices-staff:power-edit", pk=item.pk)
    context = {
        "item": item,
        "form": form,
        "can_edit": can_edit,
        "adjustments": item.adjustments.all(),
    }
    return render(request, "govservices/staff_power_edit.html", context)


# ---------------------------------------------------------------- intermediaries


@staff_required
def intermediary_list(request: HttpRequest) -> HttpResponse:
    rows = intermediary_visible_to_staff(request.user).order_by("name")
    return render(request, "govservices/staff_intermediary_list.html", {"rows": rows})


@staff_required
def intermediary_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = IntermediaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        department = _department(request, form)
        if department is not None:
            try:
                obj = services.intermediary_create(
                    values=form.cleaned_data, department=department, by=user
                )
            except GongkaiError as exc:
                _show(form, exc)
            else:
                messages.success(request, _("中介服务事项草稿已保存。"))
                return redirect("govservices-staff:intermediary-edit", pk=obj.pk)
    context = {
        "form": form,
        "obj": None,
        "departments": departments_for(user),
        "department_id": str(request.POST.get("department", user.department_id)),
    }
    return render(request, "govservices/staff_intermediary_form.html", context)


@staff_required
def intermediary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(intermediary_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, obj)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form = IntermediaryForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.intermediary_update(
                obj=obj, values=form.cleaned_data, by=request.user
            )
        except GongkaiError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("修改已保存，形成新版本。"))
            return redirect("govservices-staff:intermediary-edit", pk=obj.pk)
    obj.refresh_from_db()
    context = {
        "form": form,
        "obj": obj,
        "can_edit": can_edit,
        "can_review": can_review_content(request.user, obj),
    }
    return render(request, "govservices/staff_intermediary_form.html", context)


# ---------------------------------------------------------------- import

# The import pages every module shares (publishing.import_pages), told about
# guides and the power list: the kind of rows is chosen on the page, and a run's
# page shows its counts without polling.
IMPORT_PAGES = ImportPages(
    run_import=govservices_import,
    runs_visible_to=import_runs_visible_to,
    form=ImportForm,
    template="govservices/import.html",
    detail_template="govservices/import_detail.html",
    url_name="govservices-staff:import",
    error_file="govservices-import",
    context={"kinds": [(k, v[0]) for k, v in KINDS.items()]},
)


@staff_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    response = HttpResponse(template_xlsx(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.xlsx"'
    return response


@staff_required
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """The guides, power items or adjustments the user sees, in the template's
    columns (the file can be edited and imported again)."""
    user: Any = request.user
    if kind == "services":
        qs = service_visible_to_staff(user).prefetch_related("materials")
        rows: Any = (service_cells(i) for i in qs.order_by("name", "id"))
    elif kind == "powers":
        items = power_visible_to_staff(user).prefetch_related("adjustments")
        rows = (
            power_cells(i, first[0])
            for i in items
            if (first := list(i.adjustments.all()[:1]))
        )
    elif kind == "adjustments":
        adjustments = Adjustment.objects.select_related("item").order_by(
            "effective_on", "id"
        )
        rows = (adjustment_cells(a) for a in adjustments)
    else:
        raise Http404
    response = HttpResponse(export_xlsx(kind, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}.xlsx"'
    return response
