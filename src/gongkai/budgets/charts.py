"""The charts of the 预决算 column as data tables: each chart is drawn from the
table printed beside it (``static/budgets/charts.js`` reads the table), so the page
says everything without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _


@dataclass
class ChartTable:
    id: str
    title: str  # the heading above chart and table
    caption: str
    chart: str  # "pie", "bar" or "line"
    first: str  # the header of the row-label column
    heads: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)  # {"label", "values"}


def column_charts(
    *, main: Any, spending: dict[str, Any] | None, history: dict[str, Any], unit: str
) -> list[ChartTable]:
    """The four charts: by function and basic/project (the year's budget, or its
    final account), 三公 over the years, budget against final per year."""
    out = []
    if main is not None and spending is not None:
        out.append(ChartTable(
            "t-function", _("%(title)s：支出按功能分类") % {"title": main.title},
            _("支出按功能分类（类级科目，%(unit)s）") % {"unit": unit}, "pie",
            _("功能分类科目"), [_("支出合计")],
            [{"label": f"{r['code']} {r['name']}", "values": [r["value"]]}
             for r in spending["by_function"]],
        ))  # fmt: skip
        out.append(ChartTable(
            "t-basic", _("%(title)s：基本支出与项目支出") % {"title": main.title},
            _("基本支出与项目支出（%(unit)s）") % {"unit": unit}, "pie",
            _("支出类型"), [_("金额")],
            [{"label": r["name"], "values": [r["value"]]} for r in spending["basic_project"]],
        ))  # fmt: skip
    if history["three_public"]:
        out.append(ChartTable(
            "t-three", _("历年“三公”经费"),
            _("历年“三公”经费（有决算的年度为决算数，否则为预算数；%(unit)s）") % {"unit": unit},
            "bar", _("年度"),
            [_("因公出国（境）费"), _("公务用车购置及运行费"), _("公务接待费"), _("合计")],
            [{"label": f"{r['year']}（{r['kind']}）",
              "values": [r["abroad"], r["vehicles"], r["reception"], r["total"]]}
             for r in history["three_public"]],
        ))  # fmt: skip
    if history["compare"]:
        out.append(ChartTable(
            "t-compare", _("历年预算与决算支出"),
            _("历年支出预算数与决算数（%(unit)s）") % {"unit": unit}, "bar",
            _("年度"), [_("预算数"), _("决算数")],
            [{"label": str(r["year"]), "values": [r["budget"], r["final"]]}
             for r in history["compare"]],
        ))  # fmt: skip
    return out


def as_number(value: Decimal | None) -> str:
    return "" if value is None else str(value)
