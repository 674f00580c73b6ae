"""Workbench pages for registers: define (administrators), entries; what the shared
import pages need to know of registers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import (
    can_configure,
    can_edit_content,
    can_review_content,
)
from gongkai.accounts.selectors import department_chosen, departments_for
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.publishing.import_pages import ImportPages

from .. import services
from ..forms import EntryForm, FieldFormSet, ImportForm, RegisterForm
from ..importing import register_import
from ..models import Entry, Register
from ..rules import split_options
from ..selectors import entries_visible_to_staff, import_runs_visible_to


def _register(slug: str) -> Register:
    return get_object_or_404(Register.objects.prefetch_related("fields"), slug=slug)


def _show_errors(form: Any, exc: GongkaiError) -> None:
    if isinstance(exc.detail, list) and exc.detail and isinstance(exc.detail[0], dict):
        for item in exc.detail:
            if item["field"] in form.fields:
                form.add_error(item["field"], item["message"])
            else:
                form.add_error(None, f"{item['label']}：{item['message']}")
    elif isinstance(exc.detail, list) and exc.detail:
        for message in exc.detail:
            form.add_error(None, str(message))
    else:
        form.add_error(None, str(exc.message))


@staff_required
def register_index(request: HttpRequest) -> HttpResponse:
    registers = Register.objects.all()
    context = {"registers": registers, "can_configure": can_configure(request.user)}
    return render(request, "registers/staff_index.html", context)


@staff_required
def register_define(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    if not can_configure(request.user):
        raise PermissionDeniedError(_("只有管理员可以定义公开名录。"))
    register = _register(slug) if slug else None
    initial_fields = [
        {
            "old_key": f.key,
            "key": f.key,
            "label": f.label,
            "kind": f.kind,
            "options": "、".join(f.options),
            "required": f.required,
            "is_key": f.is_key,
            "is_title": f.is_title,
            "listed": f.listed,
            "filterable": f.filterable,
            "searchable": f.searchable,
            "public": f.public,
        }
        for f in (register.fields.all() if register else [])
    ]
    form = RegisterForm(
        request.POST or None,
        initial={
            "title": register.title,
            "slug": register.slug,
            "description": register.description,
            "basis": register.basis,
            "department": register.department,
        }
        if register
        else None,
    )
    formset = FieldFormSet(request.POST or None, initial=initial_fields or None)
    if register:
        form.fields["slug"].disabled = True
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = [
            services.FieldInput(
                key=row["key"].strip(),
                label=row["label"].strip(),
                kind=row["kind"],
                required=row["required"],
                options=split_options(row["options"]),
                is_key=row["is_key"],
                is_title=row["is_title"],
                listed=row["listed"],
                filterable=row["filterable"],
                searchable=row["searchable"],
                public=row["public"],
                old_key=row.get("old_key", "").strip(),
            )
            for row in formset.cleaned_data
            if row and (row.get("key") or row.get("label"))
        ]
        data = form.cleaned_data
        try:
            register = services.register_define(
                slug=data["slug"],
                title=data["title"],
                description=data["description"],
                basis=data["basis"],
                department=data["department"],
                fields=fields,
                by=request.user,
            )
        except GongkaiError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("名录定义已保存。"))
            return redirect("registers-staff:entry-list", slug=register.slug)
    context = {"form": form, "formset": formset, "register": register}
    return render(request, "registers/staff_define.html", context)


@staff_required
def entry_list(request: HttpRequest, slug: str) -> HttpResponse:
    register = _register(slug)
    qs = entries_visible_to_staff(request.user, register).order_by("-updated_at")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {"register": register, "page": page}
    return render(request, "registers/staff_entries.html", context)


@staff_required
def entry_create(request: HttpRequest, slug: str) -> HttpResponse:
    register = _register(slug)
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = EntryForm(register, request.POST or None)
    departments = departments_for(user)
    if request.method == "POST" and form.is_valid():
        department = department_chosen(user, request.POST.get("department"))
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                entry = services.entry_create(
                    register=register,
                    record=form.record(),
                    department=department,
                    by=user,
                )
            except GongkaiError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, _("草稿已保存。"))
                return redirect("registers-staff:entry-edit", slug=slug, pk=entry.pk)
    context = {
        "register": register,
        "form": form,
        "entry": None,
        "departments": departments,
        "department_id": str(user.department_id),
    }
    return render(request, "registers/staff_entry.html", context)


@staff_required
def entry_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    register = _register(slug)
    entry = get_object_or_404(entries_visible_to_staff(request.user, register), pk=pk)
    can_edit = can_edit_content(request.user, entry)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form = EntryForm(
        register, request.POST or None, request.FILES or None, initial=entry.data
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(entry=entry, record=form.record(), by=request.user)
            for key, upload in form.uploads().items():
                services.entry_attach(
                    entry=entry, field_key=key, upload=upload, by=request.user
                )
        except GongkaiError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("修改已保存，形成新版本。"))
            return redirect("registers-staff:entry-edit", slug=slug, pk=entry.pk)
    context = {
        "register": register,
        "form": form,
        "entry": entry,
        "can_edit": can_edit,
        "can_review": can_review_content(request.user, entry),
        "files": entry.files.all(),
    }
    return render(request, "registers/staff_entry.html", context)


@staff_required
def entry_goto(request: HttpRequest, pk: int) -> HttpResponse:
    """The edit page of an entry by id alone (the review queue links here)."""
    entry = get_object_or_404(Entry.objects.select_related("register"), pk=pk)
    return redirect("registers-staff:entry-edit", slug=entry.register.slug, pk=pk)


def _import_scope(slug: str) -> dict[str, Any]:
    return {"register": _register(slug)}


# The import pages every module shares (publishing.import_pages), told about
# registers: a register's page imports into it and lists its runs.
IMPORT_PAGES = ImportPages(
    run_import=register_import,
    runs_visible_to=import_runs_visible_to,
    form=ImportForm,
    template="registers/staff_import.html",
    detail_template="registers/staff_import_detail.html",
    url_name="registers-staff:import",
    error_file="register-import",
    scope=_import_scope,
)
