"""A set as the pages and the API show it: its tables with headers and rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from .models import BudgetSet
from .rules import FIXED, TableDef, TableSet, normalize_name
from .selectors import set_lines


@dataclass
class ShownRow:
    code: str
    name: str
    level: int  # 0 合计, 1 类, 2 款, 3 项
    values: list[Decimal]
    link: str = ""


# A fixed income row → the fees register's income line it matches (工作方案 第4项:
# the fee list beside the budget): the register lists the fees paid into it.
FEE_LINES = {"fee_income": "行政事业性收费收入"}


def fee_link(table: TableDef, name: str) -> str:
    """The fees register filtered to the income line of this row, or ""."""
    key = table.fixed_key(name) if table.rows == FIXED else None
    line = FEE_LINES.get(key or "")
    if not line:
        return ""
    try:
        url = reverse("registers:register-detail", kwargs={"slug": "fees"})
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode({'income_line': line})}"


@dataclass
class ShownTable:
    key: str
    title: str
    columns: list[str]
    fixed: bool
    rows: list[ShownRow]


def _level(table: TableDef, code: str) -> int:
    if table.rows == FIXED:
        return 1
    return {0: 0, 3: 1, 5: 2, 7: 3}.get(len(code), 1)


def shown_tables(budget_set: BudgetSet, tableset: TableSet) -> list[ShownTable]:
    """Every table of the set in the table set's order."""
    lines = set_lines(budget_set)
    out = []
    for table in tableset.tables:
        rows = [
            ShownRow(line.code, line.name, _level(table, line.code),
                     [line.amounts.get(c.key, Decimal(0)) for c in table.columns],
                     fee_link(table, normalize_name(line.name)))
            for line in lines.get(table.key, [])
        ]  # fmt: skip
        out.append(ShownTable(table.key, table.title, [c.label for c in table.columns],
                              table.rows == FIXED, rows))  # fmt: skip
    return out


def set_record(
    budget_set: BudgetSet, tableset: TableSet | None, *, rows: bool
) -> dict[str, Any]:
    """The API's record of a set (with its tables and rows when ``rows``)."""
    record: dict[str, Any] = {
        "id": budget_set.pk,
        "title": budget_set.title,
        "organisation": budget_set.organisation,
        "year": budget_set.year,
        "kind": budget_set.kind,
        "tableset": budget_set.tableset_key,
        "unit": budget_set.unit,
        "approved_on": budget_set.approved_on.isoformat()
        if budget_set.approved_on
        else None,
        "published_at": budget_set.publish_at.isoformat()
        if budget_set.publish_at
        else None,
        "url": budget_set.get_absolute_url(),
    }
    if rows and tableset is not None:
        record["explanation"] = budget_set.explanation
        record["running_costs"] = (
            str(budget_set.running_costs)
            if budget_set.running_costs is not None
            else None
        )
        lines = set_lines(budget_set)
        record["tables"] = [
            {
                "key": t.key,
                "title": t.title,
                "columns": [{"key": c.key, "label": c.label} for c in t.columns],
                "rows": [
                    {
                        "code": line.code,
                        "name": line.name,
                        "amounts": {k: str(v) for k, v in line.amounts.items()},
                    }
                    for line in lines.get(t.key, [])
                ],
            }
            for t in tableset.tables
        ]
    return record
