"""Spreadsheets as staff keep them: read XLSX/CSV rows, write XLSX/CSV tables.

* XLSX is read with calamine (Rust), row by row; CSV as UTF-8 (with or without BOM)
  or, failing that, GB18030 (what Excel on a Chinese Windows writes).
* The header row is the first row with any non-empty cell; every later row keeps
  its physical row number (1-based, as the spreadsheet shows it), so an error can
  say "第 12 行". Fully empty rows are skipped. Cells come back as ``str`` (stripped),
  ``datetime.date``/``datetime.datetime``, ``int``/``float`` or ``None``.
* Writing escapes a text cell that starts with = + - @ (formula injection) and puts
  a BOM before CSV so Excel opens it as UTF-8.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Table", "TableError", "read_table", "write_csv", "write_xlsx"]

MAX_COLUMNS = 200


class TableError(ValueError):
    """The file cannot be read as a table; the message is Chinese."""


@dataclass
class Table:
    headers: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[Any]]]  # (physical row number, cells)
    # Physical rows below the header (empty ones included): what progress counts to.
    total: int | None = None


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def _empty(cells: Sequence[Any]) -> bool:
    return all(c is None or c == "" for c in cells)


def _table(raw: Iterable[Sequence[Any]]) -> Table:
    it = iter(raw)
    for number, row in enumerate(it, start=1):
        cells = [_cell(c) for c in row[:MAX_COLUMNS]]
        if not _empty(cells):
            headers = ["" if c is None else str(c) for c in cells]
            while headers and not headers[-1]:
                headers.pop()
            return Table(headers, number, _body(it, number, len(headers)))
    raise TableError("文件中没有表头行（第一行应为列名）。")


def _body(
    it: Iterator[Sequence[Any]], number: int, width: int
) -> Iterator[tuple[int, list[Any]]]:
    for row in it:
        number += 1
        # Most cells are text: strip them inline, call _cell for the rest.
        cells = [
            (c.strip() or None) if type(c) is str else _cell(c) for c in row[:width]
        ]
        if cells.count(None) == len(cells):
            continue
        cells.extend([None] * (width - len(cells)))
        yield number, cells


def _xlsx(data: bytes) -> Table:
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        if not names:
            raise TableError("工作簿中没有工作表。")
        sheet = book.get_sheet_by_index(0)
        table = _table(sheet.iter_rows())
        table.total = max(0, sheet.height - table.header_row)
        return table
    except TableError:
        raise
    except Exception as exc:  # calamine raises several unrelated types
        raise TableError(f"无法读取 Excel 文件：{exc}") from exc


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("CSV 文件编码无法识别，请另存为 UTF-8 编码。")


def _csv(data: bytes) -> Table:
    text = _decode(data)
    if "\x00" in text:
        raise TableError("CSV 文件含有无效字符，请确认文件类型。")
    try:
        table = _table(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise TableError(f"CSV 文件格式不正确：{exc}") from exc
    # Lines, not records: a cell may hold a line break, so this is an upper bound.
    table.total = max(
        0, text.count("\n") + (not text.endswith("\n")) - table.header_row
    )
    return table


def read_table(data: bytes, filename: str) -> Table:
    """Read the first sheet of an XLSX file, or a CSV file, chosen by file name."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        return _xlsx(data)
    if name.endswith((".csv", ".txt")):
        return _csv(data)
    raise TableError("只支持 Excel（.xlsx）或 CSV（.csv）文件。")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A UTF-8 CSV (with BOM) of ``rows`` under ``headers``."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else _safe(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_xlsx(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "data"
) -> bytes:
    """An XLSX workbook (write-only, streaming) of ``rows`` under ``headers``."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append(list(headers))
    for row in rows:
        ws.append([_safe(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
