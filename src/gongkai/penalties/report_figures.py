"""Figures of penalty disclosure for the annual report (declared in ``module.py``):
table 2, 第二十条第（六）项 行政处罚 (RULES.md §2.2) — the final decisions of the year
that were publicised: published and not withdrawn (a withdrawn one was changed,
revoked or annulled, 行政处罚法 第四十八条), not still in review, and not warning-only
(总局令第45号 第二条: not publicised)."""

from __future__ import annotations

from gongkai.common.figures import Table2Cells
from gongkai.publishing.choices import Status

from .models import Penalty

SIXTH = "第二十条第（六）项"


def table2_penalties(*, year: int) -> Table2Cells:
    """{SIXTH: {"行政处罚": {"本年处理决定数量": n}}} for ``year`` (by decision date)."""
    count = (
        Penalty.objects.filter(
            decided_on__year=year, status=Status.PUBLISHED, publish_required=True
        )
        .exclude(penalty_types=",warning,")
        .count()
    )
    return {SIXTH: {"行政处罚": {"本年处理决定数量": count}}}
