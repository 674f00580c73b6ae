"""Public pages of the published annual reports (the catalogue's 年度报告)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core import report_tables as rt
from gongkai.publishing.pagecache import public_page

from ..models import AnnualReportDraft
from ..report.render import report_context
from .report import FORMATS


def _published(year: int) -> dict[str, object]:
    draft = AnnualReportDraft.objects.filter(year=year, published__isnull=False).first()
    if draft is None or not draft.published:
        raise Http404
    return rt.report_from_json(draft.published)


@public_page
def report_index(request: HttpRequest) -> HttpResponse:
    drafts = AnnualReportDraft.objects.filter(published__isnull=False).order_by("-year")
    return render(request, "foi/reports_index.html", {"drafts": drafts})


@public_page
def report_page(request: HttpRequest, year: int) -> HttpResponse:
    report = _published(year)
    context = report_context(report, [])
    context["formats"] = list(FORMATS)
    return render(request, "foi/report_public.html", context)


def report_file(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, render_fn = FORMATS[fmt]
    response = HttpResponse(render_fn(_published(year)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="foi-report-{year}.{fmt}"'
    return response
