"""Workbench pages: inspection items and plans (shared lifecycle), registries, imports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.common.context import request_id_var
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.core.ids import IdentifierError, canonical_uscc
from gongkai.publishing.selectors import revisions_of

from .. import services
from ..forms import (
    ConflictForm,
    ImportForm,
    InspectorForm,
    ItemForm,
    PlanForm,
    TargetForm,
)
from ..models import (
    Conflict,
    ImportBatch,
    InspectionItem,
    InspectionPlan,
    Inspector,
    Target,
)
from ..permissions import can_manage_registry, can_manage_task
from ..selectors import staff_tasks

KINDS: dict[str, Any] = {"item": InspectionItem, "plan": InspectionPlan}


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    tasks = staff_tasks()[:50]
    context = {
        "tasks": tasks,
        "counts": {
            "targets": Target.objects.count(),
            "inspectors": Inspector.objects.count(),
            "conflicts": Conflict.objects.count(),
            "items": InspectionItem.objects.count(),
        },
        "can_plan": can_manage_task(request.user),
    }
    return render(request, "inspections/staff_home.html", context)


@staff_required
def content_list(request: HttpRequest, kind: str) -> HttpResponse:
    model = _model(kind)
    rows = model.objects.select_related("department").order_by("-updated_at")
    return render(
        request,
        "inspections/staff_content_list.html",
        {"kind": kind, "rows": rows, "title": model._meta.verbose_name},
    )


@staff_required
def content_edit(
    request: HttpRequest, kind: str, pk: int | None = None
) -> HttpResponse:
    """Create or edit an item or a plan; both go through the shared review lifecycle."""
    model = _model(kind)
    obj = get_object_or_404(model, pk=pk) if pk else None
    user: Any = request.user
    if not can_edit_content(user, obj):
        raise PermissionDeniedError()
    form_class = ItemForm if kind == "item" else PlanForm
    form = form_class(request.POST or None, instance=obj)
    if obj is not None:
        form.fields["department"].disabled = True
        if "code" in form.fields:
            form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("department", "code")
        }
        try:
            if obj is None and kind == "item":
                obj = services.item_create(
                    code=form.cleaned_data["code"],
                    department=form.cleaned_data["department"],
                    by=user,
                    **data,
                )
            elif obj is None:
                obj = services.plan_create(
                    department=form.cleaned_data["department"], by=user, **data
                )
            elif kind == "item":
                services.item_update(item=obj, by=user, **data)
            else:
                services.plan_update(plan=obj, by=user, **data)
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("已保存，形成新版本。"))
            return redirect("inspections-staff:content-edit", kind=kind, pk=obj.pk)
    context = {
        "kind": kind,
        "form": form,
        "obj": obj,
        "title": model._meta.verbose_name,
        "revisions": list(revisions_of(obj)[:10]) if obj else [],
        "can_review": can_review_content(user, obj),
        "can_edit": obj is not None and can_edit_content(user, obj),
    }
    return render(request, "inspections/staff_content_form.html", context)


def _model(kind: str) -> Any:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@staff_required
def registry_list(request: HttpRequest, kind: str) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    if kind == "targets":
        rows: Any = Target.objects.all()
        if q:
            rows = rows.filter(Q(uscc__icontains=q) | Q(name__icontains=q))
    elif kind == "inspectors":
        rows = Inspector.objects.select_related("department")
        if q:
            rows = rows.filter(Q(code__icontains=q) | Q(name__icontains=q))
    elif kind == "conflicts":
        rows = Conflict.objects.select_related("inspector")
        if q:
            rows = rows.filter(Q(uscc__icontains=q) | Q(inspector__code__icontains=q))
    else:
        raise Http404
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    batches = ImportBatch.objects.filter(kind=kind)[:5]
    return render(
        request,
        "inspections/staff_registry.html",
        {"kind": kind, "rows": page, "q": q, "batches": batches},
    )


@staff_required
def record_edit(
    request: HttpRequest, kind: str, key: str | None = None
) -> HttpResponse:
    """Add or correct one target or inspector (files are imported in bulk)."""
    if not can_manage_registry(request.user):
        raise PermissionDeniedError()
    if kind == "targets":
        obj: Any = get_object_or_404(Target, uscc=key) if key else None
        form: Any = TargetForm(request.POST or None, initial=_initial(obj))
    elif kind == "inspectors":
        obj = get_object_or_404(Inspector, code=key) if key else None
        initial = _initial(obj)
        if obj is not None:
            initial["quals"] = ", ".join(obj.quals)
        form = InspectorForm(request.POST or None, initial=initial)
    else:
        raise Http404
    if obj is not None:
        form.fields["uscc" if kind == "targets" else "code"].disabled = True
    if request.method == "POST" and form.is_valid():
        save = services.target_save if kind == "targets" else services.inspector_save
        save(by=request.user, **form.cleaned_data)
        messages.success(request, _("已保存。"))
        return redirect("inspections-staff:registry", kind=kind)
    return render(
        request,
        "inspections/staff_record_form.html",
        {"form": form, "kind": kind, "obj": obj},
    )


def _initial(obj: Any) -> dict[str, Any]:
    if obj is None:
        return {}
    return {f.name: getattr(obj, f.name) for f in obj._meta.concrete_fields}


@require_POST
@staff_required
def conflict_declare(request: HttpRequest) -> HttpResponse:
    """Declare one conflict of interest (回避) between an inspector and an enterprise."""
    form = ConflictForm(request.POST)
    if not can_manage_registry(request.user):
        raise PermissionDeniedError()
    if not form.is_valid():
        messages.error(request, _("请填写执法证号和统一社会信用代码。"))
        return redirect("inspections-staff:registry", kind="conflicts")
    inspector = Inspector.objects.filter(
        code=form.cleaned_data["inspector"].strip()
    ).first()
    try:
        uscc = canonical_uscc(form.cleaned_data["uscc"])
    except IdentifierError as exc:
        messages.error(request, exc.message)
        return redirect("inspections-staff:registry", kind="conflicts")
    if inspector is None:
        messages.error(request, _("检查人员名录中没有这个执法证号。"))
    else:
        services.conflict_add(
            inspector=inspector,
            uscc=uscc,
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, _("回避关系已登记。"))
    return redirect("inspections-staff:registry", kind="conflicts")


@staff_required
def registry_import(request: HttpRequest) -> HttpResponse:
    """Upload a registry file; the page then streams the import's progress (no script
    needed) and ends with a link to the result. A dropped connection rolls it back."""
    if not can_manage_registry(request.user):
        raise PermissionDeniedError()
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"kind": request.GET.get("kind")},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        steps = services.registry_import_steps(
            kind=form.cleaned_data["kind"],
            filename=upload.name,
            content=upload.read(),
            by=request.user,
        )
        page = render_to_string(
            "inspections/staff_import_progress.html", {"name": upload.name}, request
        )
        head, tail = page.split(PROGRESS_MARK)
        return StreamingHttpResponse(_progress(steps, head, tail, request_id_var.get()))
    return render(request, "inspections/staff_import.html", {"form": form})


PROGRESS_MARK = "<!--progress-->"


def _progress(steps: Any, head: str, tail: str, request_id: str) -> Iterator[str]:
    token = request_id_var.set(request_id)  # audit rows keep the request id
    try:
        yield head
        while True:
            try:
                stage, count = next(steps)
            except StopIteration as done:
                batch = done.value
                break
            label = _("已校验") if stage == "read" else _("已写入")
            yield f"<li>{escape(label)} {count}</li>\n"
        url = reverse("inspections-staff:import-detail", args=[batch.pk])
        verdict = _("导入完成。") if batch.ok else _("文件有错误，没有导入任何一行。")
        yield f'</ol><p role="status">{escape(verdict)} <a href="{url}">{escape(_("查看导入结果"))}</a></p>'
        yield tail
    finally:
        request_id_var.reset(token)


@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    return render(request, "inspections/staff_import_detail.html", {"batch": batch})
