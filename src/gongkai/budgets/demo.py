"""Demonstration budgets and final accounts of a provincial quality-supervision
bureau, 2024 and 2025: each set is built from its detail lines (function 项 with
basic and project spending, economic 款 of basic spending, the 三公 items), the
totals derived, written as the national workbook and imported through the service,
so every check runs on them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from gongkai.accounts.models import User
from gongkai.publishing import services as pub

from . import services
from .choices import Kind
from .models import BudgetSet
from .rules import FIXED, Line, TableSet
from .selectors import codes_for, tableset_for
from .workbook import workbook_bytes

D = Decimal

# function 项 → (basic, project), 万元
SPENDING: dict[tuple[int, str], dict[str, tuple[str, str]]] = {
    (2024, Kind.BUDGET): {
        "2013801": ("3120.50", "0"), "2013802": ("0", "860.00"), "2013810": ("0", "1450.30"),
        "2013815": ("0", "980.00"), "2013850": ("2210.40", "320.00"),
        "2080505": ("410.20", "0"), "2080506": ("164.08", "0"), "2101101": ("198.60", "0"),
        "2210201": ("372.30", "0"),
    },
    (2024, Kind.FINAL): {
        "2013801": ("3098.72", "0"), "2013802": ("0", "812.45"), "2013810": ("0", "1398.06"),
        "2013815": ("0", "1012.90"), "2013850": ("2231.15", "298.40"),
        "2080505": ("412.88", "0"), "2080506": ("165.15", "0"), "2101101": ("201.33", "0"),
        "2210201": ("370.02", "0"),
    },
    (2025, Kind.BUDGET): {
        "2013801": ("3205.00", "0"), "2013802": ("0", "790.00"), "2013810": ("0", "1520.00"),
        "2013815": ("0", "1060.00"), "2013816": ("0", "240.00"), "2013850": ("2260.00", "300.00"),
        "2080505": ("425.00", "0"), "2080506": ("170.00", "0"), "2101101": ("205.00", "0"),
        "2210201": ("380.00", "0"),
    },
    (2025, Kind.FINAL): {
        "2013801": ("3188.46", "0"), "2013802": ("0", "768.30"), "2013810": ("0", "1486.75"),
        "2013815": ("0", "1032.18"), "2013816": ("0", "231.40"), "2013850": ("2249.61", "287.55"),
        "2080505": ("426.12", "0"), "2080506": ("170.45", "0"), "2101101": ("206.90", "0"),
        "2210201": ("378.64", "0"),
    },
}  # fmt: skip

# shares of basic spending by economic 款 (the last takes the remainder)
ECONOMIC: list[tuple[str, str, Decimal]] = [
    ("30101", "personnel", D("0.22")), ("30102", "personnel", D("0.18")),
    ("30107", "personnel", D("0.12")), ("30108", "personnel", D("0.07")),
    ("30109", "personnel", D("0.03")), ("30110", "personnel", D("0.04")),
    ("30113", "personnel", D("0.05")), ("30302", "personnel", D("0.04")),
    ("30201", "public", D("0.03")), ("30205", "public", D("0.01")),
    ("30206", "public", D("0.02")), ("30211", "public", D("0.03")),
    ("30213", "public", D("0.02")), ("30217", "public", D("0.005")),
    ("30228", "public", D("0.02")), ("30231", "public", D("0.02")),
    ("31002", "public", D("0.02")), ("30299", "public", D("0")),
]  # fmt: skip

# 三公: abroad, vehicle purchase, vehicle running, reception (万元)
THREE: dict[tuple[int, str], tuple[str, str, str, str]] = {
    (2024, Kind.BUDGET): ("18.00", "0", "46.50", "12.80"),
    (2024, Kind.FINAL): ("9.62", "0", "41.27", "8.95"),
    (2025, Kind.BUDGET): ("15.00", "28.00", "44.00", "11.00"),
    (2025, Kind.FINAL): ("12.36", "27.60", "40.18", "7.42"),
}
FEE_INCOME = {2024: D("36.20"), 2025: D("33.80")}
RUNNING = {(2024, Kind.BUDGET): "1266.30", (2024, Kind.FINAL): "1241.70",
           (2025, Kind.BUDGET): "1298.00", (2025, Kind.FINAL): "1270.52"}  # fmt: skip


def _tree(
    leaves: dict[str, dict[str, Decimal]], names: dict[str, str], columns: list[str]
) -> list[tuple[str, str, dict[str, Decimal]]]:
    """合计, then every 类/款/项 in code order, each the sum of its leaves."""
    sums: dict[str, dict[str, Decimal]] = {}
    for code, amounts in leaves.items():
        for prefix in dict.fromkeys(("", code[:3], code[:5], code)):
            bucket = sums.setdefault(prefix, {c: D(0) for c in columns})
            for c in columns:
                bucket[c] += amounts.get(c, D(0))
    return [
        ("" if code == "" else code, "合计" if code == "" else names[code], sums[code])
        for code in sorted(sums, key=lambda k: (k != "", k))
    ]


def demo_lines(tableset: TableSet, *, year: int, kind: str) -> dict[str, list[Line]]:
    """The demonstration set of ``year`` as lines per table (consistent: the checks
    pass on it). Tests change one amount of it to see a check refuse."""
    names = codes_for(year)
    spending = {
        code: {"basic": D(b), "project": D(p), "total": D(b) + D(p)}
        for code, (b, p) in SPENDING[(year, kind)].items()
    }
    basic = sum((v["basic"] for v in spending.values()), D(0))
    project = sum((v["project"] for v in spending.values()), D(0))
    total = basic + project
    economic: dict[str, dict[str, Decimal]] = {}
    rest = basic
    for code, side, share in ECONOMIC:
        amount = (basic * share).quantize(D("0.01")) if share else rest
        rest -= amount
        economic[code] = {side: amount, "total": amount}
    abroad, buy, run, reception = (D(x) for x in THREE[(year, kind)])
    three = {"abroad": abroad, "vehicle_buy": buy, "vehicle_run": run,
             "vehicles": buy + run, "reception": reception,
             "total": abroad + buy + run + reception}  # fmt: skip
    fixed: dict[str, dict[str, dict[str, Decimal]]] = {}
    zero = {"total": D(0)}
    if kind == Kind.BUDGET:
        fixed["b1"] = {"in_general": {"amount": total}, "income_total": {"amount": total},
                       "fee_income": {"amount": FEE_INCOME[year]},
                       "spend_basic": {"amount": basic}, "spend_project": {"amount": project},
                       "spend_total": {"amount": total}}  # fmt: skip
        fixed["b4"] = {"in_general": {"amount": total}, "income_total": {"amount": total},
                       "spend_total": {"amount": total}}  # fmt: skip
        fixed["b7"] = {"budget": three}
        function = {
            "b2": ({c: {"total": v["total"], "general": v["total"]} for c, v in spending.items()}, ["total", "general"]),
            "b3": (spending, ["total", "basic", "project"]),
            "b5": (spending, ["total", "basic", "project"]),
            "b8": ({}, ["total"]),
        }  # fmt: skip
        eco_table = "b6"
    else:
        planned = THREE[(year, Kind.BUDGET)]
        pa, pb, pr, pc = (D(x) for x in planned)
        fixed["f1"] = {"in_general": {"amount": total}, "income_total": {"amount": total},
                       "fee_income": {"amount": FEE_INCOME[year]},
                       "spend_total": {"amount": total}}  # fmt: skip
        fixed["f4"] = {"in_general": {"amount": total}, "income_total": {"amount": total},
                       "spend_total": {"amount": total}}  # fmt: skip
        fixed["f7"] = {
            "budget": {"abroad": pa, "vehicle_buy": pb, "vehicle_run": pr, "vehicles": pb + pr,
                       "reception": pc, "total": pa + pb + pr + pc},
            "final": three,
        }  # fmt: skip
        function = {
            "f2": ({c: {"total": v["total"], "appropriation": v["total"]} for c, v in spending.items()}, ["total", "appropriation"]),
            "f3": (spending, ["total", "basic", "project"]),
            "f5": (spending, ["total", "basic", "project"]),
            "f8": ({}, ["total"]),
            "f9": ({}, ["total"]),
        }  # fmt: skip
        eco_table = "f6"
    out: dict[str, list[Line]] = {}
    for table in tableset.tables:
        if table.rows == FIXED:
            rows = fixed.get(table.key, {})
            out[table.key] = [
                Line(table.key, 0, "", r.name, rows.get(r.key, {}))
                for r in table.fixed_rows
            ]
        elif table.key == eco_table:
            tree = _tree(economic, names["economic"], ["total", "personnel", "public"])
            out[table.key] = [Line(table.key, 0, c, n, a) for c, n, a in tree]
        else:
            leaves, columns = function.get(table.key, ({}, ["total"]))
            tree = (
                _tree(leaves, names["function"], columns)
                if leaves
                else [("", "合计", zero)]
            )
            out[table.key] = [Line(table.key, 0, c, n, a) for c, n, a in tree]
    return out


def demo_workbook(*, year: int, kind: str) -> bytes:
    tableset = tableset_for(kind, year)
    assert tableset is not None
    return workbook_bytes(
        tableset, year=year, rows=demo_lines(tableset, year=year, kind=kind)
    )


EXPLANATION = (
    "一、部门职责\n负责全省产品质量、标准化、计量、认证认可、特种设备安全监督管理等工作。\n"
    "二、收支总体情况\n收支均为一般公共预算财政拨款，无政府性基金和国有资本经营预算收支。\n"
    "三、机关运行经费\n本年度机关运行经费 {running} 万元，主要用于办公、水电、差旅、维修等公用经费支出。\n"
    "四、“三公”经费\n“三公”经费按照厉行节约要求从严控制。\n"
    "五、名词解释\n基本支出指为保障机构正常运转、完成日常工作任务而发生的支出；项目支出指为完成特定行政任务和事业发展目标而发生的支出。"
)


def load(*, now: dt.datetime, out: Any) -> None:
    author = User.objects.get(username="admin")
    office = User.objects.get(username="office")
    made = 0
    for year in (2024, 2025):
        for kind in (Kind.BUDGET, Kind.FINAL):
            if BudgetSet.objects.filter(year=year, kind=kind).exists():
                continue
            approved = (
                dt.date(year, 2, 10)
                if kind == Kind.BUDGET
                else dt.date(year + 1, 8, 20)
            )
            at = min(now, dt.datetime(approved.year, approved.month, approved.day, 9,
                                      tzinfo=dt.UTC))  # fmt: skip
            budget_set = services.budget_import(
                data=demo_workbook(year=year, kind=kind),
                file_name=f"{year}-{kind}.xlsx", kind=kind, year=year, by=author, now=at,
            )  # fmt: skip
            running = RUNNING[(year, kind)]
            budget_set = services.budget_update(
                budget_set=budget_set, title=budget_set.title,
                explanation=EXPLANATION.format(running=running),
                running_costs=D(running), by=author, now=at,
            )  # fmt: skip
            budget_set = services.budget_approval_record(
                budget_set=budget_set, approved_on=approved, by=author, now=at
            )
            budget_set = services.budget_submit(
                budget_set=budget_set, by=author, now=at
            )
            pub.publishing_approve(obj=budget_set, by=office, now=at)
            services.budget_publish(
                budget_set=budget_set,
                by=office,
                now=min(now, at + dt.timedelta(days=12)),
            )
            made += 1
    out.write(
        f"Budgets: {made} sets of 2024 and 2025 (budget and final accounts) published."
    )
