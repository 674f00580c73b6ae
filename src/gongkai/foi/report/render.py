"""The annual report as JSON, .xlsx, .docx and HTML (official labels throughout)."""

from __future__ import annotations

import io
import json
from typing import Any

from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from openpyxl import Workbook

from gongkai.common.docx_layout import (
    TABLE_SIZE,
    body_paragraph,
    official_document,
    set_font,
)
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
    for n, values in enumerate(header + rows):
        cells = table.add_row().cells
        for i, value in enumerate(values):
            cells[i].text = str(value)
            for paragraph in cells[i].paragraphs:
                paragraph.paragraph_format.line_spacing = 1.0
                if n < len(header) or i:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    set_font(run, "仿宋_GB2312", TABLE_SIZE, bold=n < len(header))


def to_docx(report: dict[str, Any]) -> bytes:
    """The report as a Word document on A4 after GB/T 9704 (common.docx_layout):
    the title 小标宋, the section headings 黑体, the text 仿宋 with two-character
    indents; table 三 (seven columns of figures) on a landscape page of its own."""
    doc = official_document(Document())
    doc.add_paragraph(
        f"{report['organ']}\n{report['year']}年政府信息公开工作年度报告", style="Title"
    )
    prose = report["prose"]
    doc.add_heading(rt.SECTIONS[0], level=1)
    for line in prose.get("overview", "").splitlines() or [""]:
        body_paragraph(doc, line)
    doc.add_heading(rt.SECTIONS[1], level=1)
    for caption, columns, rows in rt.T2_TABLES:
        body_paragraph(doc, caption)
        body = [
            [row, *(report["t2"][caption][row][c] for c in columns)] for row in rows
        ]
        _table(doc, [["信息内容", *columns]], body)
    wide = doc.add_section()
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = Mm(297), Mm(210)
    wide.top_margin, wide.bottom_margin = Mm(28), Mm(26)
    wide.left_margin, wide.right_margin = Mm(37), Mm(35)
    doc.add_heading(rt.SECTIONS[2], level=1)
    header = [[rt.NOTE, *(label for _k, label in rt.COLUMNS)]]
    _table(doc, header, [[label, *values] for _g, label, values in t3_rows(report)])
    portrait = doc.add_section()
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = Mm(210), Mm(297)
    portrait.top_margin, portrait.bottom_margin = Mm(37), Mm(35)
    portrait.left_margin, portrait.right_margin = Mm(28), Mm(26)
    doc.add_heading(rt.SECTIONS[3], level=1)
    labels = [
        f"{g}{x}"
        for _k, g in rt.T4_GROUPS
        for x in [*(y for _z, y in rt.T4_RESULTS), "总计"]
    ]
    _table(doc, [labels], [t4_cells(report)])
    doc.add_heading(rt.SECTIONS[4], level=1)
    for line in prose.get("problems", "").splitlines() or [""]:
        body_paragraph(doc, line)
    doc.add_heading(rt.SECTIONS[5], level=1)
    for line in prose.get("other", "").splitlines():
        body_paragraph(doc, line)
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
