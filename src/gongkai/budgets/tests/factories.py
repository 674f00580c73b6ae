"""Budget sets in given states, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from gongkai.budgets import services
from gongkai.budgets.choices import Kind
from gongkai.budgets.demo import demo_workbook
from gongkai.publishing import services as pub


def published_set(
    *, staff: Any, reviewer: Any, year: int, kind: str = Kind.BUDGET
) -> Any:
    """Import, explain, approve (批复) and publish the demo set of a year."""
    budget_set = services.budget_import(
        data=demo_workbook(year=year, kind=kind), file_name=f"{year}-{kind}.xlsx",
        kind=kind, year=year, by=staff,
    )  # fmt: skip
    services.budget_update(
        budget_set=budget_set, title=budget_set.title,
        explanation="说明：机关运行经费 100 万元。", running_costs=Decimal("100"),
        by=staff,
    )  # fmt: skip
    approved = dt.date(year, 2, 10) if kind == Kind.BUDGET else dt.date(year + 1, 8, 1)
    services.budget_approval_record(
        budget_set=budget_set, approved_on=approved, by=staff
    )
    services.budget_submit(budget_set=budget_set, by=staff)
    pub.publishing_approve(obj=budget_set, by=reviewer)
    return services.budget_publish(budget_set=budget_set, by=reviewer)
