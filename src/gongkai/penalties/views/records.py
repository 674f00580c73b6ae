"""Workbench pages that penalties and licensing decisions share: the staff list and
the record page (create and edit). Their import pages are every module's
(``publishing.import_pages``).

Each kind says what differs in a ``RecordPages`` (its form, services, selectors,
templates, URL names and messages), which its URL patterns pass to these views as
``pages`` (as ``content_action`` takes ``content_kind``). What differs in law (the
clocks, the lifecycle actions, the fields) stays in each kind's services, forms and
templates; these views only call them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.selectors import department_chosen, departments_for
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.publishing.choices import Status

from ..forms import RecordForm


def show_errors(form: Any, exc: GongkaiError) -> None:
    """A refused record's field messages on their fields (penalties and licences)."""
    if isinstance(exc.detail, list) and exc.detail and "field" in exc.detail[0]:
        for item in exc.detail:
            form.add_error(item["field"], item["message"])
    else:
        form.add_error(None, str(exc.message))


def _no_context(obj: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class RecordPages:
    """What the record page of one kind of record needs to know."""

    name: str  # the record's name in the template: "penalty", "licence"
    form: type[RecordForm]
    list_template: str
    form_template: str
    edit_url: str  # URL name of the record page, taking ``pk``
    visible_to: Callable[[Any], QuerySet[Any]]  # the records a staff user sees
    cells_of: Callable[[Any], dict[str, str]]  # a stored record as form cells
    # The kind's services; they take a stored record as the keyword ``name``:
    # create(record=, department=, by=), update(<name>=, record=, by=),
    # personal_data_view(<name>=, by=).
    create: Callable[..., Any]
    update: Callable[..., Any]
    personal_data_view: Callable[..., Any]
    created: Callable[[Any], str]  # the messages shown after a save
    updated: Callable[[Any], str]
    edit_context: Callable[[Any], dict[str, Any]] = _no_context  # kind's forms


@staff_required
def record_list(request: HttpRequest, *, pages: RecordPages) -> HttpResponse:
    """A staff list of records (penalties, licensing decisions): by status and by
    party name or 文书号, newest change first, 50 a page."""
    qs = pages.visible_to(request.user).order_by("-updated_at", "-id")
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
    return render(request, pages.list_template, context)


@staff_required
def record_create(request: HttpRequest, *, pages: RecordPages) -> HttpResponse:
    """Record a new draft in one of the user's departments."""
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form: Any = pages.form(request.POST or None)
    departments = departments_for(user)
    if request.method == "POST" and form.is_valid():
        department = department_chosen(user, request.POST.get("department"))
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                obj = pages.create(record=form.record(), department=department, by=user)
            except GongkaiError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, pages.created(obj))
                return redirect(pages.edit_url, pk=obj.pk)
    context = {
        "form": form,
        pages.name: None,
        "departments": departments,
        "department_id": str(request.POST.get("department", user.department_id)),
    }
    return render(request, pages.form_template, context)


@staff_required
def record_edit(request: HttpRequest, pk: int, *, pages: RecordPages) -> HttpResponse:
    """A record's page: its state, clocks and actions, and its form (saved while a
    draft). Showing it to staff is an audited view of full identifiers."""
    obj = get_object_or_404(pages.visible_to(request.user), pk=pk)
    can_edit = can_edit_content(request.user, obj)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form: Any = pages.form(request.POST or None, initial=pages.cells_of(obj))
    if request.method == "POST" and form.is_valid():
        try:
            pages.update(**{pages.name: obj}, record=form.record(), by=request.user)
        except GongkaiError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, pages.updated(obj))
            return redirect(pages.edit_url, pk=obj.pk)
    if request.method == "GET":
        pages.personal_data_view(**{pages.name: obj}, by=request.user)
    context = {
        "form": form,
        pages.name: obj,
        "can_edit": can_edit,
        "can_review": can_review_content(request.user, obj),
        "clocks": clocks_for(obj).order_by("started_at"),
        **pages.edit_context(obj),
        "visible": obj.is_visible(),
    }
    return render(request, pages.form_template, context)
