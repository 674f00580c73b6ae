"""Reading registry files (CSV or XLSX) into validated rows, with row-level errors.

Pure of the ORM: :func:`read_table` turns bytes into header + rows, and the
``parse_*`` functions turn rows into clean records or :class:`RowError` entries.
Row numbers are the physical line (CSV) or sheet row (XLSX), header included.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from gongkai.core.ids import IdentifierError, canonical_uscc

CODE = re.compile(r"[0-9A-Za-z._-]{1,32}")  # DRAW.md §3 codes
MAX_ROWS = 2_000_000
PROGRESS_EVERY = 10_000  # rows between progress reports


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class TableError(ValueError):
    """The file cannot be read as a table at all."""


def read_table(
    filename: str, content: bytes
) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Header and (row number, cells) of the first sheet of an XLSX, or of a CSV."""
    if filename.lower().endswith(".xlsx"):
        return _xlsx(content)
    if filename.lower().endswith(".csv"):
        return _csv(content)
    raise TableError("只能导入 .csv 或 .xlsx 文件。")


def _csv(content: bytes) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError("文件编码无法识别（请使用 UTF-8 或 GB18030）。")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise TableError("文件是空的。") from None
    except csv.Error as exc:
        raise TableError(f"CSV 格式错误：{exc}") from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for cells in reader:
                if any(c.strip() for c in cells):
                    yield reader.line_num, cells
        except csv.Error as exc:
            raise TableError(f"第 {reader.line_num} 行 CSV 格式错误：{exc}") from None

    return header, rows()


def _xlsx(content: bytes) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError("无法读取 XLSX 文件，文件可能已损坏。") from exc
    sheet = book.worksheets[0]
    it = sheet.iter_rows(values_only=True)
    try:
        header = [str(h or "").strip() for h in next(it)]
    except StopIteration:
        raise TableError("工作表是空的。") from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for number, cells in enumerate(it, start=2):
            if any(c not in (None, "") for c in cells):
                yield number, list(cells)

    return header, rows()


# column key -> accepted header names
TARGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "uscc": ("统一社会信用代码", "uscc"),
    "name": ("名称", "企业名称", "name"),
    "region": ("行政区划代码", "region"),
    "industry": ("行业代码", "industry"),
    "risk": ("风险等级", "risk"),
    "status": ("登记状态", "status"),
    "last_inspected": ("最近一次检查日期", "last_inspected"),
}
INSPECTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("执法证号", "code", "id"),
    "name": ("姓名", "name"),
    "department": ("处室", "department"),
    "home_region": ("所在地区代码", "home_region"),
    "quals": ("可检查行业", "quals"),
    "available": ("可参加抽取", "available"),
}
CONFLICT_COLUMNS: dict[str, tuple[str, ...]] = {
    "inspector": ("执法证号", "inspector"),
    "uscc": ("统一社会信用代码", "uscc"),
    "reason": ("回避原因", "reason"),
}
REQUIRED = {
    "targets": ("uscc", "name", "region", "industry", "risk"),
    "inspectors": ("code", "name", "home_region", "quals"),
    "conflicts": ("inspector", "uscc"),
}
STATUS_WORDS = {
    "active": "active",
    "正常": "active",
    "存续": "active",
    "在业": "active",
    "abnormal": "abnormal",
    "经营异常": "abnormal",
    "deregistered": "deregistered",
    "注销": "deregistered",
    "吊销": "deregistered",
}
YES = {"是", "1", "true", "yes", "y", "可", "√"}
NO = {"否", "0", "false", "no", "n", "不可", "×"}


def column_index(
    header: list[str], columns: dict[str, tuple[str, ...]], kind: str
) -> dict[str, int]:
    """Map column keys to positions; TableError naming a missing required column."""
    lowered = [h.lower() for h in header]
    index = {}
    for key, names in columns.items():
        for name in names:
            if name.lower() in lowered:
                index[key] = lowered.index(name.lower())
                break
    missing = [columns[k][0] for k in REQUIRED[kind] if k not in index]
    if missing:
        raise TableError("缺少必需的列：" + "、".join(missing))
    return index


def _cell(cells: list[Any], index: dict[str, int], key: str) -> Any:
    i = index.get(key)
    if i is None or i >= len(cells):
        return None
    value = cells[i]
    return value.strip() if isinstance(value, str) else value


def _code(value: Any, label: str) -> str:
    text = "" if value is None else str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not CODE.fullmatch(text):
        raise ValueError(f"{label}应为1至32位字母、数字或 . _ -")
    return text


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError("日期应为 YYYY-MM-DD 格式") from None


def parse_rows(
    kind: str,
    header: list[str],
    rows: Iterable[tuple[int, list[Any]]],
    *,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Validate every row; return (records, errors). Duplicates in the file are errors."""
    steps = parse_rows_steps(kind, header, rows)
    while True:
        try:
            count = next(steps)
        except StopIteration as done:
            result: tuple[list[dict[str, Any]], list[RowError]] = done.value
            return result
        if progress:
            progress(count)


def parse_rows_steps(
    kind: str, header: list[str], rows: Iterable[tuple[int, list[Any]]]
) -> Generator[int, None, tuple[list[dict[str, Any]], list[RowError]]]:
    """:func:`parse_rows` as a generator yielding the rows read every 10,000 rows."""
    columns: dict[str, tuple[str, ...]] = {
        "targets": TARGET_COLUMNS,
        "inspectors": INSPECTOR_COLUMNS,
    }.get(kind, CONFLICT_COLUMNS)
    index = column_index(header, columns, kind)
    parse = {"targets": _target, "inspectors": _inspector, "conflicts": _conflict}[kind]
    records: list[dict[str, Any]] = []
    errors: list[RowError] = []
    seen: dict[Any, int] = {}
    for count, (number, cells) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            errors.append(RowError(number, "", f"超过 {MAX_ROWS} 行的上限"))
            break
        try:
            record = parse(cells, index)
        except _ColumnError as exc:
            errors.append(RowError(number, exc.column, exc.message))
            continue
        key = record.get("uscc") if kind == "targets" else record.get("code")
        if kind == "conflicts":
            key = (record["inspector"], record["uscc"])
        if key in seen:
            errors.append(RowError(number, "", f"与第 {seen[key]} 行重复"))
            continue
        seen[key] = number
        record["_row"] = number
        records.append(record)
        if count % PROGRESS_EVERY == 0:
            yield count
    return records, errors


class _ColumnError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _field(label: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except IdentifierError as exc:
        raise _ColumnError(label, exc.message) from None
    except ValueError as exc:
        raise _ColumnError(label, str(exc)) from None


def _text(value: Any, label: str, max_len: int) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValueError(f"{label}不能为空")
    if len(text) > max_len:
        raise ValueError(f"{label}不能超过 {max_len} 个字符")
    return text


def _target(cells: list[Any], ix: dict[str, int]) -> dict[str, Any]:
    status_raw = str(_cell(cells, ix, "status") or "active")
    status = STATUS_WORDS.get(status_raw.lower(), STATUS_WORDS.get(status_raw))

    def _status() -> str:
        if status is None:
            raise ValueError("登记状态应为 正常、经营异常 或 注销")
        return status

    return {
        "uscc": _field(
            "统一社会信用代码",
            lambda: canonical_uscc(str(_cell(cells, ix, "uscc") or "")),
        ),
        "name": _field("名称", lambda: _text(_cell(cells, ix, "name"), "名称", 200)),
        "region": _field(
            "行政区划代码", lambda: _code(_cell(cells, ix, "region"), "行政区划代码")
        ),
        "industry": _field(
            "行业代码", lambda: _code(_cell(cells, ix, "industry"), "行业代码")
        ),
        "risk": _field("风险等级", lambda: _code(_cell(cells, ix, "risk"), "风险等级")),
        "status": _field("登记状态", _status),
        "last_inspected": _field(
            "最近一次检查日期", lambda: _date(_cell(cells, ix, "last_inspected"))
        ),
    }


def _quals(value: Any) -> list[str]:
    parts = [p for p in re.split(r"[,，;；、\s]+", str(value or "")) if p]
    if not parts:
        raise ValueError("至少填写一个行业代码")
    return sorted({_code(p, "行业代码") for p in parts})


def _available(value: Any) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError("应填写 是 或 否")


def _inspector(cells: list[Any], ix: dict[str, int]) -> dict[str, Any]:
    return {
        "code": _field(
            "执法证号", lambda: _text(_cell(cells, ix, "code"), "执法证号", 64)
        ),
        "name": _field("姓名", lambda: _text(_cell(cells, ix, "name"), "姓名", 60)),
        "department": str(_cell(cells, ix, "department") or "").strip(),
        "home_region": _field(
            "所在地区代码",
            lambda: _code(_cell(cells, ix, "home_region"), "所在地区代码"),
        ),
        "quals": _field("可检查行业", lambda: _quals(_cell(cells, ix, "quals"))),
        "available": _field(
            "可参加抽取", lambda: _available(_cell(cells, ix, "available"))
        ),
    }


def _conflict(cells: list[Any], ix: dict[str, int]) -> dict[str, Any]:
    return {
        "inspector": _field(
            "执法证号", lambda: _text(_cell(cells, ix, "inspector"), "执法证号", 64)
        ),
        "uscc": _field(
            "统一社会信用代码",
            lambda: canonical_uscc(str(_cell(cells, ix, "uscc") or "")),
        ),
        "reason": str(_cell(cells, ix, "reason") or "")[:200],
    }
