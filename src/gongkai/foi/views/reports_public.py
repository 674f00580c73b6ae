"""Public pages of the published annual reports (the catalogue's 年度报告)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.common.charts import bar_chart
from gongkai.core import report_tables as rt
from gongkai.publishing.pagecache import public_page

from ..models import AnnualReportDraft
from ..report.render import report_context
from ..selectors import foi_year_figures
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


def statistics(request: HttpRequest) -> HttpResponse:
    """依申请公开统计: requests by month, outcomes and the median days to reply, each
    chart beside its data table (works without JavaScript; no applicant data)."""
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdecimal() and 2008 <= int(raw) <= this_year else this_year
    figures = foi_year_figures(year)
    top = max([m.received for m in figures.months] + [1])
    outcome_top = max([n for _label, n in figures.outcomes] + [1])
    context = {
        "figures": figures,
        "years": list(range(this_year, max(2008, this_year - 9) - 1, -1)),
        "error": raw and str(year) != raw,
        "month_chart": bar_chart(
            [(_("%(m)d月") % {"m": m.month}, m.received) for m in figures.months],
            title=_("%(y)d年每月收到的申请") % {"y": year},
            top=top,
        ),
        "outcome_chart": bar_chart(
            figures.outcomes, title=_("%(y)d年办理结果") % {"y": year}, top=outcome_top
        ),
    }
    return render(request, "foi/statistics.html", context)
