"""Parse the yearly holiday notice from CSV or JSON (the command and the workbench page).

CSV: header ``date,kind,name`` (kind: off = 放假, work = 调休上班). JSON:
``{"year": 2027, "source": "…", "days": [{"date": "2027-01-01", "kind": "off",
"name": "元旦"}, …]}`` or a list of such objects. Errors name the line or item.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict

from gongkai.core import jsondepth


def parse_calendar_text(
    text: str, *, json_format: bool
) -> tuple[dict[int, list[tuple[dt.date, str, str]]], str]:
    """Parse a CSV or JSON holiday file into rows per year; raise ValueError with the line."""
    by_year: dict[int, list[tuple[dt.date, str, str]]] = defaultdict(list)
    source = ""
    if json_format:
        try:
            data = jsondepth.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"JSON 格式错误（第 {exc.lineno} 行）：{exc.msg}") from exc
        for block in data if isinstance(data, list) else [data]:
            if not isinstance(block, dict) or not isinstance(
                block.get("days", []), list
            ):
                raise ValueError(
                    'JSON 必须是 {"year", "source", "days": [...]} 对象或其列表'
                )
            source = str(block.get("source", source))
            for i, day in enumerate(block.get("days", []), 1):
                try:
                    d = dt.date.fromisoformat(day["date"])
                except (KeyError, TypeError, ValueError) as exc:
                    raise ValueError(f"第 {i} 项日期无效：{day!r}") from exc
                by_year[d.year].append(
                    (d, str(day.get("kind", "")), str(day.get("name", "")))
                )
            if "year" in block:
                try:
                    by_year.setdefault(int(block["year"]), [])
                except (TypeError, ValueError) as exc:
                    raise ValueError(f"年份无效：{block['year']!r}") from exc
        return dict(by_year), source
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not {"date", "kind"} <= set(reader.fieldnames):
        raise ValueError("CSV 第 1 行必须是表头 date,kind,name")
    for row in reader:
        line = (
            reader.line_num
        )  # the physical line: blank lines are skipped, not counted
        try:
            d = dt.date.fromisoformat((row.get("date") or "").strip())
        except ValueError as exc:
            raise ValueError(f"第 {line} 行日期无效：{row.get('date')!r}") from exc
        by_year[d.year].append(
            (d, (row.get("kind") or "").strip(), (row.get("name") or "").strip())
        )
    return dict(by_year), source
