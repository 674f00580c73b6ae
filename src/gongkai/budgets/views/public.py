"""Public pages: the 预决算 column (a year's sets and the charts, each with its data
table), one set table by table, and its downloads (XLSX, CSV, the original file)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.common.errors import NotFoundError
from gongkai.publishing.pagecache import public_page

from ..charts import column_charts
from ..choices import Kind
from ..models import BudgetSet
from ..presenters import shown_tables
from ..selectors import (
    budget_set_public,
    budget_sets_public,
    chart_spending,
    chart_years,
    public_years,
    set_lines,
    tableset_get,
)
from ..services import tablesets_changed_mark
from ..workbook import csv_rows, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(value: str | None, years: list[int]) -> int | None:
    if value and value.isdecimal() and int(value) in years:
        return int(value)
    return years[0] if years else None


@public_page
def column(request: HttpRequest) -> HttpResponse:
    tablesets_changed_mark()  # the files are read here: a change reaches the pages
    now = timezone.now()
    years = public_years(now=now)
    year = _year(request.GET.get("year"), years)
    asked = request.GET.get("year", "")
    sets = list(budget_sets_public(now=now).filter(year=year)) if year else []
    main = next((s for s in sets if s.kind == Kind.BUDGET), sets[0] if sets else None)
    tableset = tableset_get(main.tableset_key) if main else None
    spending = chart_spending(main, tableset) if main and tableset else None
    context: dict[str, Any] = {
        "years": years,
        "year": year,
        "unknown_year": bool(asked) and str(year) != asked,
        "sets": sets,
        "charts": column_charts(
            main=main,
            spending=spending,
            history=chart_years(now=now),
            unit=main.unit if main else "万元",
        ),
    }
    return render(request, "budgets/column.html", context)


def _public_set(year: int, kind: str) -> tuple[BudgetSet, Any]:
    if kind not in Kind.values:
        raise NotFoundError()
    tablesets_changed_mark()
    budget_set = budget_set_public(year=year, kind=kind, now=timezone.now())
    tableset = tableset_get(budget_set.tableset_key) if budget_set else None
    if budget_set is None or tableset is None:
        raise NotFoundError()
    return budget_set, tableset


@public_page
def set_detail(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    budget_set, tableset = _public_set(year, kind)
    context = {
        "set": budget_set,
        "tableset": tableset,
        "tables": shown_tables(budget_set, tableset),
    }
    return render(request, "budgets/set_detail.html", context)


def set_download(request: HttpRequest, year: int, kind: str, fmt: str) -> HttpResponse:
    budget_set, tableset = _public_set(year, kind)
    stem = f"budget-{year}-{kind}"
    if fmt == "xlsx":
        data = workbook_bytes(tableset, year=year, rows=set_lines(budget_set),
                              organisation=budget_set.organisation)  # fmt: skip
        response = HttpResponse(data, content_type=XLSX)
        name = f"{stem}.xlsx"
    elif fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(csv_rows(tableset, set_lines(budget_set)))
        response = HttpResponse(
            "\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8"
        )
        name = f"{stem}.csv"
    elif fmt == "original" and budget_set.source_data:
        response = HttpResponse(bytes(budget_set.source_data), content_type=XLSX)
        name = f"{stem}-original.xlsx"
    else:
        raise NotFoundError()
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
