"""The workbench import pages every module shares: upload a spreadsheet, follow a
run (its progress as JSON for the detail page's polling) and download its rejected
rows as a file to fix and import again.

Each module says what differs in an ``ImportPages`` (its import service, who may
import, its form, its templates and URL name), and its URL module routes these views
with ``import_urls``, which passes them the description as ``pages`` (as
``content_action`` takes ``content_kind``). What a row must hold stays in each
module's import service; these views only call it.

The form has a ``file``; every other field but ``department`` is an option of the
import service, passed by its name (``publish``, ``kind``). The department is the
form's own field where it has one, otherwise one of the user's departments chosen
on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_edit_content
from gongkai.accounts.selectors import department_chosen, departments_for
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.common.importing import (
    import_error_file,
    import_status,
    inline_rows_limit,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def check_may_edit(user: Any) -> None:
    """Staff who may write content import it (the service checks the department)."""
    if not can_edit_content(user, None):
        raise PermissionDeniedError()


def _no_scope(**route: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ImportPages:
    """What the import pages of one kind of run need to know."""

    # The module's import service: (data=, file_name=, department=, by=,
    # inline_rows=, the form's options, the scope) -> the run.
    run_import: Callable[..., Any]
    runs_visible_to: Callable[[Any], QuerySet[Any]]
    form: type[forms.Form]
    # The module's pages, extending publishing/import_page.html and
    # publishing/import_detail.html.
    template: str
    detail_template: str
    # The import page's URL name; a run's pages are <url_name>-detail, -errors and
    # -status (``pk``).
    url_name: str
    error_file: str  # the error file's name: <error_file>-<pk>-errors.<fmt>
    check: Callable[[Any], None] = check_may_edit  # raises PermissionDeniedError
    # The import page's URL arguments -> what the runs are of (a register): passed
    # to the import service, narrowing the recent runs, and in the page's context.
    scope: Callable[..., dict[str, Any]] = _no_scope
    context: Mapping[str, Any] = field(default_factory=dict)  # for the import page
    # The pages' frame; "base.html": the public frame, the module's template adding
    # its navigation in the block nav (govservices, participation).
    base_template: str = "workbench/base.html"

    @property
    def import_url(self) -> str:
        return self.url_name

    @property
    def detail_url(self) -> str:
        return f"{self.url_name}-detail"

    @property
    def errors_url(self) -> str:
        return f"{self.url_name}-errors"

    @property
    def status_url(self) -> str:
        return f"{self.url_name}-status"


@staff_required
def import_page(
    request: HttpRequest, *, pages: ImportPages, **route: Any
) -> HttpResponse:
    """Upload a spreadsheet into a department; the recent runs."""
    scope = pages.scope(**route)
    user: Any = request.user
    pages.check(user)
    form = pages.form(request.POST or None, request.FILES or None)
    departments = departments_for(user)
    if request.method == "POST" and form.is_valid():
        options = dict(form.cleaned_data)
        upload = options.pop("file")
        if "department" in form.fields:
            department = options.pop("department")
        else:
            department = department_chosen(user, request.POST.get("department"))
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                run = pages.run_import(
                    **scope,
                    **options,
                    data=upload.read(),
                    file_name=upload.name,
                    department=department,
                    by=user,
                    inline_rows=inline_rows_limit(),
                )
            except PermissionDeniedError as exc:
                # Only reviewers publish on import: the refusal goes by that box.
                where = "publish" if "publish" in form.fields else "file"
                form.add_error(where, str(exc.message))
            except GongkaiError as exc:
                form.add_error("file", str(exc.message))
            else:
                return redirect(pages.detail_url, pk=run.pk)
    context = {
        **pages.context,
        **scope,
        "pages": pages,
        "form": form,
        "runs": pages.runs_visible_to(user).filter(**scope)[:20],
        "departments": departments,
        "department_id": str(user.department_id),
    }
    return render(request, pages.template, context)


@staff_required
def import_detail(request: HttpRequest, pk: int, *, pages: ImportPages) -> HttpResponse:
    """One run: its progress and its rejected rows, 100 a page."""
    run = get_object_or_404(pages.runs_visible_to(request.user), pk=pk)
    errors = Paginator(run.errors.all(), 100).get_page(request.GET.get("page"))
    status_url = reverse(pages.status_url, args=[run.pk])
    context = {
        "pages": pages,
        "run": run,
        "errors": errors,
        "status_url": status_url,
        "errors_url": reverse(pages.errors_url, args=[run.pk]),
    }
    return render(request, pages.detail_template, context)


@staff_required
def import_status_json(
    request: HttpRequest, pk: int, *, pages: ImportPages
) -> HttpResponse:
    """One run's progress, for the detail page's polling."""
    run = get_object_or_404(pages.runs_visible_to(request.user), pk=pk)
    return JsonResponse(import_status(run))


@staff_required
def import_errors(request: HttpRequest, pk: int, *, pages: ImportPages) -> HttpResponse:
    """One run's rejected rows as a file to fix and import again (XLSX or CSV)."""
    run = get_object_or_404(pages.runs_visible_to(request.user), pk=pk)
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else XLSX
    response = HttpResponse(import_error_file(run, fmt=fmt), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{pages.error_file}-{run.pk}-errors.{fmt}"'
    )
    return response


def import_urls(
    pages: ImportPages, route: str = "import/", runs: str | None = None
) -> list[URLPattern]:
    """The URL patterns of ``pages``: the import page at ``route``, a run's pages at
    ``<runs><pk>/`` (``runs`` is ``route`` unless given), named after ``url_name``."""
    runs = route if runs is None else runs
    name = pages.url_name.rpartition(":")[2]
    given = {"pages": pages}
    patterns = [
        path(route, import_page, given, name=name),
        path(f"{runs}<int:pk>/", import_detail, given, name=f"{name}-detail"),
        path(f"{runs}<int:pk>/errors/", import_errors, given, name=f"{name}-errors"),
        path(
            f"{runs}<int:pk>/status/", import_status_json, given, name=f"{name}-status"
        ),
    ]
    return patterns
