"""Workbench pages of the annual report: tables from the data, checks, downloads."""

from __future__ import annotations

from decimal import Decimal

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.core import report_tables as rt

from ..forms import ReportProseForm
from ..models import AnnualReportDraft
from ..permissions import can_edit_report
from ..report.build import annual_report, report_problems
from ..report.render import report_context, to_docx, to_html, to_json, to_xlsx
from ..services.report import report_draft_save, report_publish

FORMATS = {
    "json": ("application/json; charset=utf-8", to_json),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        to_xlsx,
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        to_docx,
    ),
}


def _form(data: object, draft: AnnualReportDraft | None) -> ReportProseForm:
    initial = {"overview": "", "problems": "", "other": ""}
    if draft:
        initial = {
            "overview": draft.overview,
            "problems": draft.problems,
            "other": draft.other,
        }
    form = ReportProseForm(data, initial=initial)  # type: ignore[arg-type]
    entered = draft.t2_entered if draft else {}
    for i, (caption, columns, rows) in enumerate(rt.T2_TABLES):
        for j, row in enumerate(rows):
            for k, column in enumerate(columns):
                money = "万元" in column
                form.fields[f"t2_{i}_{j}_{k}"] = (
                    django_forms.DecimalField(
                        decimal_places=2, min_value=0, required=False
                    )
                    if money
                    else django_forms.IntegerField(min_value=0, required=False)
                )
                form.fields[f"t2_{i}_{j}_{k}"].label = f"{caption} {row} {column}"
                form.fields[f"t2_{i}_{j}_{k}"].initial = (
                    entered.get(caption, {}).get(row, {}).get(column)
                )
    return form


def _t2(form: ReportProseForm) -> dict[str, dict[str, dict[str, object]]]:
    out: dict[str, dict[str, dict[str, object]]] = {}
    for i, (caption, columns, rows) in enumerate(rt.T2_TABLES):
        for j, row in enumerate(rows):
            for k, column in enumerate(columns):
                value = form.cleaned_data[f"t2_{i}_{j}_{k}"]
                if value is None:  # blank: counted by the modules
                    continue
                value = float(value) if isinstance(value, Decimal) else value
                out.setdefault(caption, {}).setdefault(row, {})[column] = value
    return out


@staff_required
def report_list(request: HttpRequest) -> HttpResponse:
    if not can_edit_report(request.user):
        raise PermissionDeniedError()
    this = timezone.localdate().year
    years = list(range(this, this - 4, -1))
    return render(request, "foi/staff_report_list.html", {"years": years})


@staff_required
def report_year(request: HttpRequest, year: int) -> HttpResponse:
    if not can_edit_report(request.user):
        raise PermissionDeniedError()
    draft = AnnualReportDraft.objects.filter(year=year).first()
    if request.method == "POST" and "publish" in request.POST:
        try:
            report_publish(year=year, by=request.user)
        except GongkaiError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("年度报告已公布。"))
        return redirect("foi-staff:report-year", year=year)
    form = _form(request.POST or None, draft)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report_draft_save(
                year=year, overview=data["overview"], problems=data["problems"],
                other=data["other"], t2=_t2(form), by=request.user,
            )  # fmt: skip
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("已保存。"))
            return redirect("foi-staff:report-year", year=year)
    report = annual_report(year)
    context = report_context(report, report_problems(report))
    context.update({"form": form, "formats": [*FORMATS, "html"], "draft": draft})
    return render(request, "foi/staff_report.html", context)


@staff_required
def report_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if not can_edit_report(request.user):
        raise PermissionDeniedError()
    report = annual_report(year)
    if fmt == "html":
        body, content_type = (
            to_html(report, report_problems(report)),
            "text/html; charset=utf-8",
        )
    elif fmt in FORMATS:
        content_type, render_fn = FORMATS[fmt]
        body = render_fn(report)
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="foi-report-{year}.{fmt}"'
    return response
