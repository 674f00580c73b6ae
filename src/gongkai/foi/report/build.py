"""The annual report for a year, from the data (条例 第四十九条、第五十条; RULES.md §2).

T3 is counted with four grouped queries, so a year of a million requests is cheap:

* 一 new: received (条例 第三十一条) within the year;
* 二 carried in: received before the year and not closed before it;
* 三 results: closed within the year, one row per outcome (rules.OUTCOMES);
* 四 carried out: received by the year's end and not closed by then.

Because a request is closed after it is received, 一 + 二 == （七） + 四 holds by
construction; check_report still verifies it, and the cross-year rule against the
previous year's figures. Dates are Asia/Shanghai calendar years.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum

from gongkai.clocks.selectors import SHANGHAI
from gongkai.core import report_tables as rt

from ..models import AnnualReportDraft, Appeal, FoiRequest
from ..rules import OUTCOME_BY_CODE
from .sources import module_figures

COLUMN_INDEX = {key: i for i, key in enumerate(rt.COLUMN_KEYS)}


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(year, 1, 1, tzinfo=SHANGHAI)
    return start, dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)


def table_three(year: int) -> rt.T3Table:
    """T3 from the requests (RULES.md §2.3), in one grouped scan of the year's cases."""
    start, end = year_bounds(year)
    open_at = Q(closed_at__isnull=True)
    relevant = FoiRequest.objects.filter(received_at__lt=end).filter(
        open_at | Q(closed_at__gte=start)
    )
    counts = {
        "new": Count("id", filter=Q(received_at__gte=start)),
        "carried_in": Count("id", filter=Q(received_at__lt=start)),
        "carried_out": Count("id", filter=open_at | Q(closed_at__gte=end)),
        "closed": Count("id", filter=Q(closed_at__lt=end) & ~Q(outcome="")),
    }
    rows = relevant.order_by().values("applicant_type", "outcome").annotate(**counts)
    table = rt.empty_t3()
    for item in rows:
        column = COLUMN_INDEX[item["applicant_type"]]
        for key in ("new", "carried_in", "carried_out"):
            table[key][column] += item[key]
        if item["closed"]:
            table[OUTCOME_BY_CODE[item["outcome"]].row][column] += item["closed"]
    return rt.complete_t3(table)


def table_four(year: int) -> rt.T4Table:
    """T4 from the review and litigation records filed in the year (RULES.md §2.4)."""
    table: rt.T4Table = {
        group: dict.fromkeys([*(k for k, _l in rt.T4_RESULTS), "total"], 0)
        for group, _label in rt.T4_GROUPS
    }
    end = dt.date(year, 12, 31)
    appeals = Appeal.objects.filter(filed_on__year=year)
    for kind, result, decided_on in appeals.values_list("kind", "result", "decided_on"):
        # a decision after the year's end was still pending when the year closed
        if decided_on is None or decided_on > end:
            result = "pending"
        table[kind][result] += 1
        table[kind]["total"] += 1
    return table


def table_two(
    year: int, draft: AnnualReportDraft | None
) -> tuple[dict[str, Any], list[str]]:
    """T2 from the modules (report/sources.py), with the office's entries on top.

    Returns the table and the cells the office entered ("caption/row/column").
    """
    entered = draft.t2_entered if draft else {}
    counted = module_figures(year)
    out: dict[str, Any] = {}
    marks: list[str] = []
    for caption, columns, rows in rt.T2_TABLES:
        out[caption] = {}
        for row in rows:
            out[caption][row] = {}
            for column in columns:
                value = entered.get(caption, {}).get(row, {}).get(column)
                if value is not None:
                    marks.append(f"{caption}/{row}/{column}")
                else:
                    value = counted.get(caption, {}).get(row, {}).get(column, 0)
                out[caption][row][column] = value
    return out, marks


def fees_charged(year: int) -> Decimal:
    """Processing fees paid in the year (reported in section 六)."""
    start, end = year_bounds(year)
    paid = FoiRequest.objects.filter(fee_paid_at__gte=start, fee_paid_at__lt=end)
    return paid.aggregate(s=Sum("fee_amount"))["s"] or Decimal(0)


def annual_report(year: int) -> dict[str, Any]:
    """The whole report in internal form (see core.report_tables)."""
    draft = AnnualReportDraft.objects.filter(year=year).first()
    fee = fees_charged(year)
    t2, entered = table_two(year, draft)
    other = (draft.other if draft else "").strip()
    fee_line = f"本年度收取信息处理费{fee:.2f}元。"
    return {
        "year": year,
        "organ": settings.GONGKAI_ORG_NAME,
        "t2": t2,
        "t3": table_three(year),
        "t4": table_four(year),
        "prose": {
            "overview": draft.overview if draft else "",
            "problems": draft.problems if draft else "",
            "other": f"{other}\n{fee_line}".strip() if fee_line not in other else other,
        },
        "t2_entered": entered,
    }


def report_problems(report: dict[str, Any]) -> list[rt.Problem]:
    """The report's own consistency rules.

    The cross-year rule (四 of last year == 二 of this year) holds by construction for
    reports generated from the data: both count the cases received before 1 January
    and still open on it. It is checked for reports in JSON (``report check
    --previous``), e.g. imported or published elsewhere.
    """
    return rt.check_report(report)
