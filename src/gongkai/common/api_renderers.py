"""CSV and XLSX renderings of list endpoints (``?format=csv`` / ``?format=xlsx``).

Rows are the serialized objects; nested values are written as JSON text. A paginated
response is unwrapped to its ``results``; an error body is written as one row.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from openpyxl import Workbook
from rest_framework.renderers import BaseRenderer
from rest_framework.settings import api_settings


def _rows(
    data: Any, renderer_context: dict[str, Any] | None = None
) -> tuple[list[str], list[list[Any]]]:
    if isinstance(data, dict) and "results" in data:
        data = data["results"]
    if isinstance(data, dict):
        data = [data]
    # An empty list still gets its header row, taken from the view's serializer.
    header: list[str] = [] if data else _serializer_fields(renderer_context)
    for item in data:
        for key in item:
            if key not in header:
                header.append(key)
    rows = []
    for item in data:
        row = []
        for key in header:
            value = item.get(key, "")
            if isinstance(value, dict | list):
                value = json.dumps(value, ensure_ascii=False)
            row.append("" if value is None else value)
        rows.append(row)
    return header, rows


def _serializer_fields(renderer_context: dict[str, Any] | None) -> list[str]:
    view = (renderer_context or {}).get("view")
    response = (renderer_context or {}).get("response")
    if response is not None and response.status_code >= 400:
        return []
    get_serializer = getattr(view, "get_serializer", None)
    if get_serializer is None:
        return []
    return list(get_serializer().fields)


def _safe_cell(value: Any) -> Any:
    # CSV/formula injection: a cell starting with = + - @ is shown as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> bytes:
        header, rows = _rows(data or [], renderer_context)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header)
        writer.writerows([[_safe_cell(v) for v in row] for row in rows])
        return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8


class XLSXRenderer(BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> bytes:
        header, rows = _rows(data or [], renderer_context)
        book = Workbook(write_only=True)
        sheet = book.create_sheet("data")
        sheet.append(header)
        for row in rows:
            sheet.append([_safe_cell(v) if isinstance(v, str) else v for v in row])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


# JSON (and whatever else is configured), CSV and XLSX: every list endpoint.
LIST_RENDERERS = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, XLSXRenderer]
