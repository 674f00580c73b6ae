"""Table sets as data (``budgets/data/tablesets/*.json`` and the operator's files in
``GONGKAI_BUDGET_TABLESET_DIRS``): a file's bytes read into a ``rules.TableSet``, or
the reason it cannot be one, in words for the operator who wrote it.

Pure Python, like ``rules``. Everything a set names is checked here, once, when its
file is read: a table, row or column it refers to and does not have would
otherwise fail later, on a public page or in the middle of an import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from gongkai.core import jsondepth

from .rules import (
    ECONOMIC,
    FIXED,
    FUNCTION,
    Agreement,
    BudgetLink,
    Column,
    ColumnSum,
    FixedRow,
    TableDef,
    TableSet,
)


class TableSetError(ValueError):
    """Why a table set file cannot be used, in words for the operator who wrote it."""


_REQUIRED: Any = object()
_TYPE_NAMES: dict[type, str] = {str: "文字", int: "整数", list: "数组", dict: "对象"}
# Deeper than any table set needs (the shipped ones nest 6 levels).
TABLESET_MAX_DEPTH = 64
# choices.Kind's values (a pure module imports no Django; a test keeps them equal).
KINDS = ("budget", "final")


def _take(data: Mapping[str, Any], key: str, kind: type, where: str,
          default: Any = _REQUIRED) -> Any:  # fmt: skip
    if key not in data:
        if default is _REQUIRED:
            raise TableSetError(f"{where}缺少“{key}”")
        return default
    value = data[key]
    if kind is int and isinstance(value, str) and value.isdecimal():
        value = int(value)  # "since": "2021" was always read as a year
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TableSetError(f"{where}“{key}”应为{_TYPE_NAMES[kind]}")
    return value


def _objects(data: Mapping[str, Any], key: str, where: str,
             *, required: bool = False) -> list[Mapping[str, Any]]:  # fmt: skip
    items: list[Any] = _take(data, key, list, where, _REQUIRED if required else [])
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise TableSetError(f"{where}“{key}”的第 {number} 项应为对象")
    return items


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    items: list[Any] = _take(data, key, list, where, [])
    if not all(isinstance(item, str) for item in items):
        raise TableSetError(f"{where}“{key}”的每一项应为文字")
    return tuple(items)


def _table_from_dict(t: Mapping[str, Any], number: int) -> TableDef:
    where = f"第 {number} 张表"
    key = _take(t, "key", str, where)
    where = f"第 {number} 张表（{key}）"
    rows = _take(t, "rows", str, where)
    if rows not in (FUNCTION, ECONOMIC, FIXED):
        raise TableSetError(f"{where}“rows”应为 function、economic 或 fixed")
    columns = tuple(
        Column(_take(c, "key", str, where), _take(c, "label", str, where))
        for c in _objects(t, "columns", where, required=True)
    )
    if not columns:
        raise TableSetError(f"{where}“columns”中没有列")
    fixed_rows = tuple(
        FixedRow(_take(r, "key", str, where), _take(r, "name", str, where),
                 _strings(r, "sum_of", where), _take(r, "part_of", str, where, ""))
        for r in _objects(t, "fixed_rows", where)
    )  # fmt: skip
    column_sums = tuple(
        ColumnSum(_take(c, "total", str, where), _strings(c, "parts", where),
                  _take(c, "check", str, where, "column_sum"))
        for c in _objects(t, "column_sums", where)
    )  # fmt: skip
    table = TableDef(key, _take(t, "title", str, where), rows, columns, fixed_rows,
                     column_sums, bool(t.get("three_public", False)))  # fmt: skip
    column_keys = {c.key for c in columns}
    for rule in column_sums:
        for name in (rule.total, *rule.parts):
            if name not in column_keys:
                raise TableSetError(f"{where}列的合计用到了没有的列“{name}”")
    row_keys = {r.key for r in fixed_rows}
    for row in fixed_rows:
        for name in (*row.sum_of, *([row.part_of] if row.part_of else [])):
            if name not in row_keys:
                raise TableSetError(f"{where}“{row.key}”行用到了没有的固定行“{name}”")
    return table


def _reference(tables: Mapping[str, TableDef], ref: Any, where: str) -> None:
    """``ref`` names a column of a table of this set: "table.row.column"."""
    parts = ref.split(".") if isinstance(ref, str) else []
    if len(parts) != 3:
        raise TableSetError(f"{where}“{ref}”应写作“表.行.列”")
    table = tables.get(parts[0])
    if table is None:
        raise TableSetError(f"{where}引用的表样中没有“{parts[0]}”表")
    if parts[2] not in {c.key for c in table.columns}:
        raise TableSetError(f"{where}“{ref}”中“{parts[0]}”表没有“{parts[2]}”列")


def tableset_from_dict(data: Any) -> TableSet:
    """A table set from its JSON definition (``budgets/data/tablesets/*.json``);
    ``TableSetError`` says where a definition is not one (a missing or mistyped
    item, a table, row or column it refers to and does not have)."""
    if not isinstance(data, dict):
        raise TableSetError("顶层应为对象（{…}），即一套表样的定义")
    tables = tuple(
        _table_from_dict(t, number)
        for number, t in enumerate(_objects(data, "tables", "", required=True), 1)
    )
    if not tables:
        raise TableSetError("“tables”中没有表")
    by_key = {t.key: t for t in tables}
    agreements = []
    for a in _objects(data, "agreements", ""):
        label = _take(a, "label", str, "表间核对")
        where = f"表间核对“{label}”"
        left, right = _take(a, "left", str, where), a.get("right")
        right = [right] if isinstance(right, str) else _strings(a, "right", where)
        for ref in (left, *right):
            _reference(by_key, ref, where)
        agreements.append(Agreement(left, tuple(right), label))
    links = []
    for b in _objects(data, "budget_link", ""):
        where = "与预算的核对"
        link = BudgetLink(*(_take(b, name, str, where) for name in (
            "table", "row", "budget_table", "budget_row", "label")))  # fmt: skip
        if link.table not in by_key:
            raise TableSetError(f"{where}引用的表样中没有“{link.table}”表")
        links.append(link)
    charts: dict[str, Any] = _take(data, "charts", dict, "", {})
    if _take(charts, "spending", str, "图表", "") not in ("", *by_key):
        raise TableSetError(f"图表“spending”引用的表样中没有“{charts['spending']}”表")
    three = _take(charts, "three_public", dict, "图表", {})
    if three:
        _take(three, "row", str, "图表“three_public”")
        if _take(three, "table", str, "图表“three_public”") not in by_key:
            raise TableSetError(
                f"图表“three_public”引用的表样中没有“{three['table']}”表"
            )
    kind = _take(data, "kind", str, "")
    if kind not in KINDS:
        raise TableSetError(f"“kind”应为 {' 或 '.join(KINDS)}")
    return TableSet(
        key=_take(data, "key", str, ""),
        kind=kind,
        province=_take(data, "province", str, "", ""),
        since=_take(data, "since", int, ""),
        title=_take(data, "title", str, ""),
        unit=_take(data, "unit", str, "", "万元"),
        source=_take(data, "source", str, "", ""),
        tables=tables,
        agreements=tuple(agreements),
        budget_links=tuple(links),
        charts=charts,
    )


def tableset_parse(data: bytes) -> TableSet:
    """A table set from the bytes of its file: UTF-8 JSON (a BOM allowed), measured before it is
    parsed (core.jsondepth: an operator's file may nest past what the parser's
    stack holds); ``TableSetError`` names what is wrong and where."""
    try:
        text = data.decode("utf-8-sig")  # a BOM, as Windows Notepad saves, is no error
    except UnicodeDecodeError as exc:
        raise TableSetError(
            f"不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节）；请另存为 UTF-8"
        ) from exc
    if not text.strip():
        raise TableSetError("文件是空的")
    if jsondepth.nesting(text) > TABLESET_MAX_DEPTH:
        raise TableSetError(f"JSON 嵌套层次过深（超过 {TABLESET_MAX_DEPTH} 层）")
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TableSetError(
            f"JSON 格式错误：{exc.msg}（第 {exc.lineno} 行第 {exc.colno} 列）"
        ) from exc
    try:
        return tableset_from_dict(parsed)
    except TableSetError:
        raise
    except (LookupError, TypeError, ValueError, AttributeError) as exc:
        # A shape the checks above do not foresee: still the file's fault, still
        # named, never a failure of the page that reads the sets.
        raise TableSetError(f"不是一套表样的定义（{exc!r}）") from exc
