"""Rules of department budgets and final accounts: the table sets as data and the
checks a set passes before it can be published (RULES.md §8).

Pure Python: the table set, the year's classification codes and the rows are
parameters. Amounts are ``Decimal`` in the table set's unit (万元 in the national
sets, two decimals as the published tables print them).

* 预算法 第十四条: department budgets and final accounts, with their tables, are
  published within 20 days of the finance department's 批复 (calendar days).
* 预算法实施条例 第六条: 功能分类 shown to 项 level, 经济分类 (基本支出) to 款 level.
* 预算法 第三十二条 and 《政府收支分类科目》: 功能分类 类/款/项 are 3/5/7 digits
  (201 → 20138 → 2013801), 经济分类 类/款 3/5 digits (301 → 30101).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

FUNCTION, ECONOMIC, FIXED = "function", "economic", "fixed"
# 预算法 第三十二条; 政府收支分类科目: the digits of each level
CODE_LENGTHS: dict[str, tuple[int, ...]] = {FUNCTION: (3, 5, 7), ECONOMIC: (3, 5)}
LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}
TOTAL = "total"  # the key of a table's 合计 row
TOTAL_NAMES = ("合计", "总计")
CENT = Decimal("0.01")

# The kinds of check, with the name a refusal gives them.
CHECKS: dict[str, str] = {
    "sheet": "缺少工作表",
    "year": "年度不符",
    "amount": "金额格式",
    "shape": "科目编码位数",
    "unknown_code": "科目编码不在当年政府收支分类科目中",
    "duplicate": "科目重复",
    "missing_row": "缺少固定行",
    "parent_sum": "上级科目等于下级科目之和",
    "total_sum": "合计等于各类之和",
    "row_sum": "合计行等于各组成行之和",
    "column_sum": "合计列等于各分列之和",
    "three_public": "“三公”经费合计等于各项之和",
    "agreement": "表间数据一致",
    "budget_match": "决算与当年预算一致",
    "name": "科目名称与当年科目表不同（提示，不拒收）",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class FixedRow:
    key: str
    name: str
    sum_of: tuple[str, ...] = ()
    part_of: str = ""


@dataclass(frozen=True)
class ColumnSum:
    total: str
    parts: tuple[str, ...]
    check: str = "column_sum"


@dataclass(frozen=True)
class TableDef:
    key: str
    title: str
    rows: str  # FUNCTION, ECONOMIC or FIXED
    columns: tuple[Column, ...]
    fixed_rows: tuple[FixedRow, ...] = ()
    column_sums: tuple[ColumnSum, ...] = ()
    three_public: bool = False

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def fixed_key(self, name: str) -> str | None:
        name = normalize_name(name)
        return next((r.key for r in self.fixed_rows if r.name == name), None)


@dataclass(frozen=True)
class Agreement:
    left: str  # "table.row.column"
    right: tuple[str, ...]  # summed
    label: str


@dataclass(frozen=True)
class BudgetLink:
    """A final-account row that repeats a row of the year's budget."""

    table: str
    row: str
    budget_table: str
    budget_row: str
    label: str


@dataclass(frozen=True)
class TableSet:
    key: str
    kind: str  # "budget" or "final"
    province: str
    since: int
    title: str
    unit: str
    source: str
    tables: tuple[TableDef, ...]
    agreements: tuple[Agreement, ...] = ()
    budget_links: tuple[BudgetLink, ...] = ()
    charts: Mapping[str, Any] = field(default_factory=dict)

    def table(self, key: str) -> TableDef:
        return next(t for t in self.tables if t.key == key)


def tableset_choose(
    sets: Sequence[TableSet], *, kind: str, year: int, province: str
) -> TableSet | None:
    """The set in force for ``year``: the province's own if it has one, else the
    national one; of those, the one with the latest ``since`` not after ``year``."""
    fitting = [s for s in sets if s.kind == kind and s.since <= year]
    own = [s for s in fitting if province and s.province == province]
    pool = own or [s for s in fitting if not s.province]
    return max(pool, key=lambda s: s.since) if pool else None


def normalize_name(name: str) -> str:
    """Names as written in the tables, without the indentation and spaces."""
    return "".join(str(name).split())


@dataclass(frozen=True)
class Line:
    """One row of one table as read: its sheet row number, code, name, amounts."""

    table: str
    line: int
    code: str
    name: str
    amounts: Mapping[str, Decimal]


@dataclass(frozen=True)
class Problem:
    """Why a set is refused: where (sheet, row, column) and which check."""

    sheet: str
    row: int | None
    column: str
    check: str
    message: str

    def text(self) -> str:
        where = self.sheet + (f" 第{self.row}行" if self.row else "")
        where += f"“{self.column}”列" if self.column else ""
        return f"{where}：{CHECKS.get(self.check, self.check)}——{self.message}"


def parse_amount(value: Any) -> Decimal | None:
    """A cell as an amount: blank is zero; thousands separators are allowed;
    None when it is not a number."""
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).quantize(CENT)
    text = str(value).strip().replace(",", "").replace("，", "")
    if text in ("", "-", "—"):
        return Decimal(0)
    try:
        amount = Decimal(text)
    except ArithmeticError:
        return None
    if not amount.is_finite():
        return None
    return amount.quantize(CENT)


def code_shape_ok(rows: str, code: str) -> bool:
    """Whether ``code`` has the digits of a level of its classification."""
    return code.isdigit() and len(code) in CODE_LENGTHS[rows]


def parent_code(rows: str, code: str) -> str | None:
    """The code of the level above (2013801 → 20138 → 201), or None at 类 level."""
    lengths = CODE_LENGTHS[rows]
    index = lengths.index(len(code))
    return code[: lengths[index - 1]] if index else None


def row_key(table: TableDef, line: Line) -> str | None:
    """How checks refer to a row: its code, ``total`` or its fixed row's key."""
    if table.rows == FIXED:
        return table.fixed_key(line.name)
    if not line.code and normalize_name(line.name) in TOTAL_NAMES:
        return TOTAL
    return line.code or None


def _value(line: Line, column: str) -> Decimal:
    return line.amounts.get(column, Decimal(0))


def _table_problems(
    table: TableDef,
    lines: Sequence[Line],
    codes: Mapping[str, Mapping[str, str]],
) -> list[Problem]:
    """Shapes, codes, duplicates and sums inside one table."""
    out: list[Problem] = []
    sheet = table.title
    keyed: dict[str, Line] = {}
    first_column = table.columns[0].label
    for line in lines:
        key = row_key(table, line)
        if table.rows == FIXED and key is None:
            out.append(Problem(sheet, line.line, "项目", "missing_row",
                               f"“{line.name}”不是本表的固定行"))  # fmt: skip
            continue
        if key is None:
            out.append(Problem(sheet, line.line, "科目编码", "shape",
                               "缺少科目编码"))  # fmt: skip
            continue
        if table.rows != FIXED and key != TOTAL:
            if not code_shape_ok(table.rows, key):
                digits = "/".join(str(n) for n in CODE_LENGTHS[table.rows])
                out.append(Problem(sheet, line.line, "科目编码", "shape",
                                   f"“{key}”应为{digits}位数字"))  # fmt: skip
                continue
            if key not in codes.get(table.rows, {}):
                out.append(Problem(sheet, line.line, "科目编码", "unknown_code",
                                   f"“{key}”不在当年科目表中"))  # fmt: skip
                continue
        if key in keyed:
            out.append(Problem(sheet, line.line, "科目编码", "duplicate",
                               f"“{line.code or line.name}”与第{keyed[key].line}行重复"))  # fmt: skip
            continue
        keyed[key] = line
    for fixed in table.fixed_rows:
        if fixed.key not in keyed:
            out.append(Problem(sheet, None, "项目", "missing_row",
                               f"缺少“{fixed.name}”行"))  # fmt: skip
    if out:
        return out
    for line in lines:
        for rule in table.column_sums:
            parts = sum((_value(line, p) for p in rule.parts), Decimal(0))
            if _value(line, rule.total) != parts:
                labels = "+".join(table.column(p).label for p in rule.parts)
                out.append(Problem(sheet, line.line, table.column(rule.total).label,
                                   rule.check, f"{_value(line, rule.total)} ≠ {labels} = {parts}"))  # fmt: skip
    if table.rows == FIXED:
        for fixed in table.fixed_rows:
            if not fixed.sum_of:
                continue
            for column in table.columns:
                parts = sum(
                    (_value(keyed[k], column.key) for k in fixed.sum_of), Decimal(0)
                )
                if _value(keyed[fixed.key], column.key) != parts:
                    out.append(Problem(sheet, keyed[fixed.key].line, column.label, "row_sum",
                                       f"“{fixed.name}” {_value(keyed[fixed.key], column.key)} ≠ 各组成行之和 {parts}"))  # fmt: skip
            # a "其中" row is not more than the row it is part of
        for fixed in table.fixed_rows:
            if fixed.part_of:
                for column in table.columns:
                    part, whole = (
                        _value(keyed[fixed.key], column.key),
                        _value(keyed[fixed.part_of], column.key),
                    )
                    if part > whole:
                        out.append(Problem(sheet, keyed[fixed.key].line, column.label, "row_sum",
                                           f"“{fixed.name}” {part} 大于所属合计 {whole}"))  # fmt: skip
        return out
    # 功能/经济分类: a parent equals the sum of its children; 合计 the sum of the 类.
    children: dict[str, list[Line]] = {}
    for key, line in keyed.items():
        if key == TOTAL:
            continue
        parent = parent_code(table.rows, key) or TOTAL
        children.setdefault(parent, []).append(line)
    for parent, kids in children.items():
        if parent not in keyed:
            if parent == TOTAL:
                out.append(
                    Problem(sheet, None, first_column, "total_sum", "缺少“合计”行")
                )
            continue
        check = "total_sum" if parent == TOTAL else "parent_sum"
        for column in table.columns:
            parts = sum((_value(k, column.key) for k in kids), Decimal(0))
            if _value(keyed[parent], column.key) != parts:
                what = "合计" if parent == TOTAL else f"科目 {parent}"
                out.append(Problem(sheet, keyed[parent].line, column.label, check,
                                   f"{what} {_value(keyed[parent], column.key)} ≠ 下级之和 {parts}"))  # fmt: skip
    if TOTAL in keyed and TOTAL not in children:
        for column in table.columns:
            if _value(keyed[TOTAL], column.key):
                out.append(Problem(sheet, keyed[TOTAL].line, column.label, "total_sum",
                                   "有合计数但没有分类科目"))  # fmt: skip
    return out


def _lookup(
    ref: str, tableset: TableSet, keyed: Mapping[str, Mapping[str, Line]]
) -> tuple[TableDef, Line | None, str]:
    table_key, row, column = ref.split(".")
    return tableset.table(table_key), keyed.get(table_key, {}).get(row), column


def check_set(
    tableset: TableSet,
    lines: Sequence[Line],
    *,
    codes: Mapping[str, Mapping[str, str]],
    budget: Mapping[str, Mapping[str, Mapping[str, Decimal]]] | None = None,
) -> list[Problem]:
    """Every problem of a set (empty: it passes). ``codes`` is the year's
    classification table ``{"function": {code: name}, "economic": {...}}``;
    ``budget`` the amounts of the year's budget ``{table: {row key: {column:
    amount}}}``, for a final account."""
    by_table: dict[str, list[Line]] = {t.key: [] for t in tableset.tables}
    for line in lines:
        by_table.setdefault(line.table, []).append(line)
    out: list[Problem] = []
    for table in tableset.tables:
        out += _table_problems(table, by_table[table.key], codes)
    if out:
        return out
    keyed = {
        t.key: {row_key(t, line) or "": line for line in by_table[t.key]}
        for t in tableset.tables
    }
    for agreement in tableset.agreements:
        table, left, column = _lookup(agreement.left, tableset, keyed)
        left_value = _value(left, column) if left else Decimal(0)
        right_value = Decimal(0)
        for ref in agreement.right:
            _t, other, col = _lookup(ref, tableset, keyed)
            right_value += _value(other, col) if other else Decimal(0)
        if left_value != right_value:
            row = left.line if left else None
            out.append(Problem(table.title, row, table.column(column).label, "agreement",
                               f"{agreement.label}：{left_value} ≠ {right_value}"))  # fmt: skip
    if budget is not None:
        out += _budget_problems(tableset, keyed, budget)
    return out


def _budget_problems(
    tableset: TableSet,
    keyed: Mapping[str, Mapping[str, Line]],
    budget: Mapping[str, Mapping[str, Mapping[str, Decimal]]],
) -> list[Problem]:
    """A final account repeats its year's budget where the tables say so."""
    out: list[Problem] = []
    for link in tableset.budget_links:
        table = tableset.table(link.table)
        line = keyed[link.table].get(link.row)
        source = budget.get(link.budget_table, {}).get(link.budget_row)
        if line is None or source is None:
            continue
        for column in table.columns:
            planned = source.get(column.key, Decimal(0))
            if _value(line, column.key) != planned:
                out.append(Problem(table.title, line.line, column.label, "budget_match",
                                   f"{link.label}：决算表 {_value(line, column.key)} ≠ 预算 {planned}"))  # fmt: skip
    return out


def check_years(sheet_years: Mapping[str, Any], *, year: int) -> list[Problem]:
    """Each sheet states the year of the set (a final account is of its budget's
    year): the stated year must be the year being imported."""
    out = []
    for sheet, stated in sheet_years.items():
        if str(stated).strip().removesuffix("年") != str(year):
            out.append(Problem(sheet, 2, "年度", "year",
                               f"表中年度“{stated}”与导入的年度 {year} 不符"))  # fmt: skip
    return out


def name_differences(
    tableset: TableSet,
    lines: Sequence[Line],
    *,
    codes: Mapping[str, Mapping[str, str]],
) -> list[Problem]:
    """Rows whose name differs from the year's classification table: flagged for the
    office to look at, never refused (a table keeps the name as the unit wrote it)."""
    out = []
    for line in lines:
        table = tableset.table(line.table)
        if table.rows == FIXED or not line.code:
            continue
        official = codes.get(table.rows, {}).get(line.code)
        if official and normalize_name(official) != normalize_name(line.name):
            out.append(Problem(table.title, line.line, "科目名称", "name",
                               f"“{line.code}”表中为“{line.name}”，科目表为“{official}”"))  # fmt: skip
    return out
