"""The workbook of a table set: one sheet per table, the national headers.

Layout of every sheet (the template, the export and what the import reads):
row 1 the table's title; row 2 ``年度 | <year> | 单位 | 万元``; row 3 the headers
``科目编码 | 科目名称 | <columns…>``; data from row 4. Fixed tables (the 总表 and the
三公 table) come with their row names filled in; function and economic tables with
their 合计 row. Written with openpyxl, read with python-calamine.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .rules import FIXED, Line, Problem, TableSet, normalize_name, parse_amount

HEADER_ROW, FIRST_ROW = 3, 4
CODE, NAME = "科目编码", "科目名称"


def sheet_name(title: str) -> str:
    """Excel allows 31 characters in a sheet name."""
    return title[:31]


def workbook_bytes(
    tableset: TableSet,
    *,
    year: int,
    rows: Mapping[str, Sequence[Line]] | None = None,
    organisation: str = "",
) -> bytes:
    """The workbook of ``tableset`` for ``year``: empty (the template) or with
    ``rows`` per table key (the export)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in tableset.tables:
        ws = book.create_sheet(sheet_name(table.title))
        ws.append([table.title])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append(["年度", year, "单位", tableset.unit, organisation])
        ws.append([CODE, NAME, *[c.label for c in table.columns]])
        for cell in ws[HEADER_ROW]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
        ws.column_dimensions["A"].width = 12
        ws.column_dimensions["B"].width = 30
        lines = list((rows or {}).get(table.key, ()))
        if lines:
            for line in lines:
                amounts = [
                    float(line.amounts.get(c.key, Decimal(0))) for c in table.columns
                ]
                ws.append([line.code or None, line.name, *amounts])
        elif table.rows == FIXED:
            for fixed in table.fixed_rows:
                ws.append([None, fixed.name])
        else:
            ws.append([None, "合计"])
        for row in ws.iter_rows(min_row=FIRST_ROW, min_col=3):
            for cell in row:
                cell.number_format = "#,##0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Parsed:
    lines: list[Line]
    years: dict[str, Any]  # sheet → the year it states
    problems: list[Problem]


def workbook_read(data: bytes, tableset: TableSet) -> Parsed:
    """Read a filled workbook: the rows of every table, the year each sheet states,
    and the problems of reading (a missing sheet, a header, an amount)."""
    from python_calamine import CalamineWorkbook

    parsed = Parsed([], {}, [])
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises several unrelated types
        parsed.problems.append(
            Problem("", None, "", "sheet", f"无法读取 Excel 文件：{exc}")
        )
        return parsed
    by_name = {normalize_name(n): n for n in names}
    for table in tableset.tables:
        name = by_name.get(normalize_name(sheet_name(table.title)))
        if name is None:
            parsed.problems.append(
                Problem(
                    sheet_name(table.title), None, "", "sheet", "工作簿中没有这张表"
                )
            )
            continue
        cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        parsed.years[name] = _text(_cell(cells, 2, 2))
        header = [
            normalize_name(str(c))
            for c in (cells[HEADER_ROW - 1] if len(cells) >= HEADER_ROW else [])
        ]
        expected = [CODE, NAME, *[normalize_name(c.label) for c in table.columns]]
        if header[: len(expected)] != expected:
            parsed.problems.append(
                Problem(
                    name, HEADER_ROW, "", "sheet", "表头应为：" + "、".join(expected)
                )
            )
            continue
        for number, row in enumerate(cells[FIRST_ROW - 1 :], start=FIRST_ROW):
            code = _text(row[0] if row else None)
            label = _text(row[1] if len(row) > 1 else None)
            values = list(row[2 : 2 + len(table.columns)])
            if not code and not label and all(v in (None, "") for v in values):
                continue
            amounts: dict[str, Decimal] = {}
            for column, value in zip(
                table.columns, values + [None] * len(table.columns), strict=False
            ):
                amount = parse_amount(value)
                if amount is None:
                    parsed.problems.append(
                        Problem(
                            name, number, column.label, "amount", f"“{value}”不是金额"
                        )
                    )
                    amount = Decimal(0)
                amounts[column.key] = amount
            parsed.lines.append(Line(table.key, number, code, label, amounts))
    return parsed


def _cell(cells: Sequence[Sequence[Any]], row: int, column: int) -> Any:
    if len(cells) < row or len(cells[row - 1]) < column:
        return ""
    return cells[row - 1][column - 1]


def _text(value: Any) -> str:
    """A code or a name cell as text (a code typed as a number stays digits)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def csv_rows(tableset: TableSet, rows: Mapping[str, Sequence[Line]]) -> list[list[str]]:
    """The set as one CSV: a row per table row, the table's title first."""
    width = max(len(t.columns) for t in tableset.tables)
    out = [["表", CODE, NAME, *[f"列{i + 1}" for i in range(width)]]]
    for table in tableset.tables:
        out.append([table.title, "", "", *[c.label for c in table.columns]])
        for line in rows.get(table.key, ()):
            out.append([table.title, line.code, line.name,
                        *[str(line.amounts.get(c.key, Decimal(0))) for c in table.columns]])  # fmt: skip
    return out
