"""The published inspection results as a file: every result the page's search
selects, streamed as CSV or XLSX with Chinese headers and values."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from gongkai.common.exports import (
    FORMATS,
    Column,
    absolute,
    download_response,
    field_columns,
)

from ..models import Inspection, InspectionItem, InspectionPlan, Task
from ..rules import public_name
from ..selectors import (
    item_list_public,
    plan_list_public,
    results_public,
    task_list_public,
)


def results_matching(q: str) -> QuerySet[Inspection]:
    """Published results whose USCC or name contains ``q`` (names of individual
    businesses are masked, so they are not searchable either)."""
    qs = results_public()
    if q:
        qs = qs.filter(
            Q(uscc__icontains=q) | (Q(name__icontains=q) & ~Q(uscc__startswith="92"))
        )
    return qs


def results_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    q = request.GET.get("q", "").strip()[:100]
    url = absolute(request)

    def result(i: Any) -> str:
        label = str(i.get_result_display())
        return f"{label}：{i.result_note}" if i.result_note else label

    columns = [
        Column("统一社会信用代码", lambda i: i.uscc),
        Column("名称", lambda i: public_name(i.uscc, i.name)),
        Column("抽查任务编号", lambda i: i.draw.task.code),
        Column("抽查任务名称", lambda i: i.draw.task.title),
        Column("检查结果", result),
        Column("检查完成日期", lambda i: i.checked_on),
        Column("公示日期", lambda i: timezone.localdate(i.published_at)),
        Column("抽查任务网址", lambda i: url(i.draw.task.get_absolute_url())),
    ]
    return download_response(
        fmt=fmt,
        columns=columns,
        rows=results_matching(q).iterator(chunk_size=2000),
        name="抽查结果公告",
        ascii_name="inspection-results",
        on=timezone.localdate(),
    )


ITEM_FIELDS = ["code", "name", "sub_item", "legal_basis", "inspecting_body",
               "target_type", "method", "ratio", "frequency",
               "inspector_requirements", "kind", "note", "department"]  # fmt: skip
PLAN_FIELDS = ["year", "title", "department", "body"]
TASK_FIELDS = ["code", "title", "plan", "department", "target_count", "mode",
               "beacon_type", "beacon_time"]  # fmt: skip


def _listing(
    request: HttpRequest,
    fmt: str,
    *,
    rows: Any,
    columns: list[Column],
    name: str,
    ascii_name: str,
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    url = absolute(request)
    if hasattr(rows.model, "get_absolute_url"):
        columns = [*columns, Column("网址", lambda o: url(o.get_absolute_url()))]
    return download_response(
        fmt=fmt,
        columns=columns,
        rows=rows.iterator(chunk_size=2000),
        name=name,
        ascii_name=ascii_name,
        on=timezone.localdate(),
    )


def items_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The whole 随机抽查事项清单."""
    rows = item_list_public(now=timezone.now()).select_related("department")
    columns = field_columns(InspectionItem, ITEM_FIELDS)
    return _listing(request, fmt, rows=rows, columns=columns,
                    name="随机抽查事项清单", ascii_name="inspection-items")  # fmt: skip


def plans_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every published annual plan."""
    rows = plan_list_public(now=timezone.now()).select_related("department")
    columns = field_columns(InspectionPlan, PLAN_FIELDS)
    return _listing(request, fmt, rows=rows, columns=columns,
                    name="年度抽查计划", ascii_name="inspection-plans")  # fmt: skip


def tasks_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every announced task."""
    rows = task_list_public().select_related("department", "plan")
    columns = field_columns(Task, TASK_FIELDS)
    return _listing(request, fmt, rows=rows, columns=columns,
                    name="抽查任务公告", ascii_name="inspection-tasks")  # fmt: skip
