"""Figures of penalty disclosure for the annual report (declared in ``module.py``)."""

from __future__ import annotations

from gongkai.common.figures import Table2Cells

from .models import Penalty

SIXTH = "第二十条第（六）项"


def table2_penalties(*, year: int) -> Table2Cells:
    """条例 第二十条第（六）项 (RULES.md §2.2): 行政处罚 decisions of the year."""
    count = Penalty.objects.filter(decided_on__year=year).count()
    return {SIXTH: {"行政处罚": {"本年处理决定数量": count}}}
