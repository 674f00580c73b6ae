"""Workbench pages of the import of historical messages and proposals (the office)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import has_role
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.common.importing import (
    import_error_file,
    import_status,
    inline_rows_limit,
)

from ..importing import import_runs_visible_to, participation_import


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("导入内容"),
        choices=[
            ("messages", gettext_lazy("历史留言")),
            ("proposals", gettext_lazy("历史建议提案")),
        ],
        widget=forms.RadioSelect,
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("默认办理处室"), queryset=Department.objects.none()
    )
    file = forms.FileField(label=gettext_lazy("Excel（.xlsx）或 CSV 文件"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        )


@staff_required
def import_page(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, "reviewer", "admin"):
        raise PermissionDeniedError(
            _("只有公开办可以导入历史留言和建议提案。"), code="import.denied"
        )
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = participation_import(
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                file_name=upload.name,
                department=form.cleaned_data["department"],
                by=request.user,  # type: ignore[arg-type]
                inline_rows=inline_rows_limit(),
            )
        except GongkaiError as exc:
            form.add_error("file", str(exc.message))
        else:
            return redirect("participation-staff:import-detail", pk=run.pk)
    return render(
        request,
        "participation/mailbox/import.html",
        {"form": form, "runs": import_runs_visible_to(request.user)[:20]},
    )


@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(import_runs_visible_to(request.user), pk=pk)
    errors = Paginator(run.errors.all(), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/mailbox/import_detail.html",
        {
            "run": run,
            "errors": errors,
            "status_url": reverse("participation-staff:import-status", args=[run.pk]),
        },
    )


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
        f'attachment; filename="participation-import-{run.pk}-errors.{fmt}"'
    )
    return response
