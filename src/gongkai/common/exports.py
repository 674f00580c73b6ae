"""Whole-list downloads for people: every row, streamed, as CSV or XLSX.

A public list page offers "下载" links; they return every row the page's filters
select (not one API page), with Chinese column headers, Chinese values, absolute URLs
and a dated file name. The API keeps its paged JSON.

Both formats are produced while the rows are read, so memory stays flat however many
rows there are:

- CSV: one ``csv.writer`` line per row, UTF-8 with a byte-order mark so Excel opens it.
- XLSX: the workbook's few XML parts are written into a ZIP stream that is handed on
  as it grows (``zipfile`` writes data descriptors to an unseekable stream); the sheet
  uses inline strings, so there is no shared-string table to hold in memory. At most
  1,048,575 data rows fit on an Excel sheet; beyond that a second sheet is started.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone, translation

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
SHEET_ROWS = 1_048_575  # Excel's 1,048,576 rows, less the header


@dataclass(frozen=True)
class Column:
    """One column of a download: its Chinese header and how to read a row's value."""

    header: str
    value: Callable[[Any], Any]


def safe_cell(value: Any) -> Any:
    """A cell as written: ``None`` as empty; text that a spreadsheet would read as a
    formula (= + - @, CSV injection) kept as text with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_chunks(columns: list[Column], rows: Iterable[Any]) -> Iterator[bytes]:
    """The CSV file in pieces of about 64 KB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # Excel reads UTF-8 only with a byte-order mark
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([_text(safe_cell(c.value(row))) for c in columns])
        if buffer.tell() > 65536:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


class _Pipe(io.RawIOBase):
    """An unseekable file that keeps what is written until it is taken."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def _col(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(ref: str, value: Any, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = escape(_text(value)).replace("\r", "&#13;")
        # XML 1.0 forbids most control characters; a stray one would break the file.
        text = "".join(ch for ch in text if ch >= " " or ch in "\t\n")
        return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{value}</v></c>'


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/></font>'
    '<font><b/><sz val="11"/><name val="等线"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf xfId="0"/><xf xfId="0" fontId="1" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
)


def _workbook(n: int) -> tuple[str, str]:
    sheets = "".join(
        f'<sheet name="{"数据" if i == 1 else f"数据{i}"}" sheetId="{i}" r:id="rId{i}"/>'
        for i in range(1, n + 1)
    )
    book = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{sheets}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{rels}<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    return book, rels


def xlsx_chunks(columns: list[Column], rows: Iterable[Any]) -> Iterator[bytes]:
    """The XLSX file in pieces, written while the rows are read."""
    pipe = _Pipe()
    archive = zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED)
    refs = [_col(i) for i in range(len(columns))]
    header = "".join(
        _cell(f"{r}1", c.header, style=1) for r, c in zip(refs, columns, strict=True)
    )
    sheets = 0
    iterator = iter(rows)
    more = True
    while more or sheets == 0:
        sheets += 1
        with archive.open(f"xl/worksheets/sheet{sheets}.xml", "w") as part:
            part.write(_SHEET_HEAD.encode())
            part.write(f'<row r="1">{header}</row>'.encode())
            lines: list[str] = []
            n = 1
            more = False
            for row in iterator:
                n += 1
                cells = "".join(
                    _cell(f"{r}{n}", safe_cell(c.value(row)))
                    for r, c in zip(refs, columns, strict=True)
                )
                lines.append(f'<row r="{n}">{cells}</row>')
                if len(lines) >= 500:
                    part.write("".join(lines).encode())
                    lines.clear()
                    yield pipe.take()
                if n > SHEET_ROWS:
                    more = True
                    break
            part.write("".join(lines).encode())
            part.write(b"</sheetData></worksheet>")
        yield pipe.take()
    book, book_rels = _workbook(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheets + 1)
    )
    archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=overrides))
    archive.writestr("_rels/.rels", _ROOT_RELS)
    archive.writestr("xl/workbook.xml", book)
    archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
    archive.writestr("xl/styles.xml", _STYLES)
    archive.close()
    yield pipe.take()


def _in_chinese(chunks: Iterator[bytes]) -> Iterator[bytes]:
    # The rows are read after the view has returned, outside the request's language;
    # choice labels and dates are written in Chinese whatever the page language was.
    with translation.override("zh-hans"):
        yield from chunks


def download_response(
    *,
    fmt: str,
    columns: list[Column],
    rows: Iterable[Any],
    name: str,
    ascii_name: str,
    on: dt.date,
) -> StreamingHttpResponse:
    """A streamed download of ``rows``: ``name-YYYY-MM-DD.csv`` (or ``.xlsx``).
    ``ascii_name`` is the fallback for clients that do not read ``filename*``."""
    suffix = "xlsx" if fmt == "xlsx" else "csv"
    chunks = _in_chinese(
        (xlsx_chunks if suffix == "xlsx" else csv_chunks)(columns, rows)
    )
    response = StreamingHttpResponse(
        chunks, content_type=XLSX_TYPE if suffix == "xlsx" else CSV_TYPE
    )
    stamp = on.isoformat()
    filename = f"{name}-{stamp}.{suffix}"
    fallback = f"{ascii_name}-{stamp}.{suffix}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def field_columns(model: Any, names: list[str]) -> list[Column]:
    """Columns of ``model``'s fields headed by their verbose names in Chinese, with
    choice fields written as their labels and related objects as their names."""
    columns = []
    with translation.override("zh-hans"):
        for name in names:
            field = model._meta.get_field(name)
            header = str(field.verbose_name)
            if field.choices:
                display = f"get_{name}_display"
                columns.append(Column(header, lambda o, d=display: getattr(o, d)()))
            elif field.is_relation:
                columns.append(
                    Column(header, lambda o, n=name: str(getattr(o, n) or ""))
                )
            else:
                columns.append(Column(header, lambda o, n=name: getattr(o, n)))
    return columns


def absolute(request: HttpRequest) -> Callable[[str], str]:
    """A function making a site path absolute for ``request``'s host and scheme."""
    base = request.build_absolute_uri("/").rstrip("/")
    return lambda path: base + path if path else ""
