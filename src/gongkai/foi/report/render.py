"""The annual report as JSON, .xlsx, .docx and HTML (official labels throughout)."""

from __future__ import annotations

import io
import json
from typing import Any

from django.template.loader import render_to_string
from docx import Document
from docx.shared import Pt
from openpyxl import Workbook

from gongkai.core import report_tables as rt


def t3_rows(report: dict[str, Any]) -> list[tuple[str, str, list[int]]]:
    """T3 as printed: (group label, row label, seven values); group heads have no values."""
    out: list[tuple[str, str, list[int]]] = []
    seen: set[str] = set()
    for key, label, group in rt.T3_ROWS:
        if group and group != rt.RESULTS and group not in seen:
            seen.add(group)
            out.append((rt.RESULTS, group, []))
        out.append((group, label, report["t3"][key]))
    return out


def t4_cells(report: dict[str, Any]) -> list[int]:
    keys = [k for k, _l in rt.T4_RESULTS] + ["total"]
    return [report["t4"][g][k] for g, _l in rt.T4_GROUPS for k in keys]


def to_json(report: dict[str, Any]) -> bytes:
    return json.dumps(rt.report_to_json(report), ensure_ascii=False, indent=2).encode()


def to_xlsx(report: dict[str, Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "二、主动公开"
    for caption, columns, rows in rt.T2_TABLES:
        sheet.append([caption])
        sheet.append(["信息内容", *columns])
        for row in rows:
            sheet.append([row, *(report["t2"][caption][row][c] for c in columns)])
        sheet.append([])
    t3 = book.create_sheet("三、申请情况")
    t3.append([rt.NOTE, "申请人情况"])
    t3.append(["", "自然人", rt.ORG_GROUP, "", "", "", "", "总计"])
    t3.append(["", "", *(label for _k, label in rt.COLUMNS[1:6]), ""])
    for group, label, values in t3_rows(report):
        indent = "    " if group and group != rt.RESULTS else ("  " if group else "")
        t3.append([indent + label, *values])
    t4 = book.create_sheet("四、复议诉讼")
    t4.append(["行政复议", "", "", "", "", rt.LITIGATION])
    t4.append(["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉"])
    t4.append(
        [
            label
            for _g in range(3)
            for label in [*(x for _k, x in rt.T4_RESULTS), "总计"]
        ]
    )
    t4.append(t4_cells(report))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(doc: Any, header: list[list[str]], rows: list[list[Any]]) -> None:
    table = doc.add_table(rows=0, cols=max(len(r) for r in header + rows))
    table.style = "Table Grid"
    for values in header + rows:
        cells = table.add_row().cells
        for i, value in enumerate(values):
            cells[i].text = str(value)


def to_docx(report: dict[str, Any]) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(
        f"{report['organ']}{report['year']}年政府信息公开工作年度报告", level=1
    )
    prose = report["prose"]
    doc.add_heading(rt.SECTIONS[0], level=2)
    doc.add_paragraph(prose.get("overview", ""))
    doc.add_heading(rt.SECTIONS[1], level=2)
    for caption, columns, rows in rt.T2_TABLES:
        doc.add_paragraph(caption)
        body = [
            [row, *(report["t2"][caption][row][c] for c in columns)] for row in rows
        ]
        _table(doc, [["信息内容", *columns]], body)
    doc.add_heading(rt.SECTIONS[2], level=2)
    header = [[rt.NOTE, *(label for _k, label in rt.COLUMNS)]]
    _table(doc, header, [[label, *values] for _g, label, values in t3_rows(report)])
    doc.add_heading(rt.SECTIONS[3], level=2)
    labels = [
        f"{g}{x}"
        for _k, g in rt.T4_GROUPS
        for x in [*(y for _z, y in rt.T4_RESULTS), "总计"]
    ]
    _table(doc, [labels], [t4_cells(report)])
    doc.add_heading(rt.SECTIONS[4], level=2)
    doc.add_paragraph(prose.get("problems", ""))
    doc.add_heading(rt.SECTIONS[5], level=2)
    for line in prose.get("other", "").splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def report_context(
    report: dict[str, Any], problems: list[rt.Problem]
) -> dict[str, Any]:
    return {
        "report": report,
        "sections": rt.SECTIONS,
        "t2": [
            (caption, columns, [(row, [report["t2"][caption][row][c] for c in columns])
                                for row in rows])
            for caption, columns, rows in rt.T2_TABLES
        ],
        "note": rt.NOTE,
        "org_columns": [label for _k, label in rt.COLUMNS[1:6]],
        "t3_rows": t3_rows(report),
        "results_label": rt.RESULTS,
        "t4_groups": [label for _k, label in rt.T4_GROUPS],
        "t4_results": [label for _k, label in rt.T4_RESULTS],
        "t4_cells": t4_cells(report),
        "problems": problems,
    }  # fmt: skip


def to_html(report: dict[str, Any], problems: list[rt.Problem]) -> bytes:
    """A standalone HTML page of the report."""
    html = render_to_string(
        "foi/report_standalone.html", report_context(report, problems)
    )
    return html.encode()
