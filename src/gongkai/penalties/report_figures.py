"""Figures of penalty disclosure for the annual report (declared in ``module.py``):
table 2, 第二十条第（六）项 行政处罚 (RULES.md §2.2) — the final decisions of the year
that were publicised: published and not withdrawn (a withdrawn one was changed,
revoked or annulled, 行政处罚法 第四十八条), not still in review, and not warning-only
(总局令第45号 第二条: not publicised)."""

from __future__ import annotations

import datetime as dt

from gongkai.common.figures import ClockTally, Table2Cells
from gongkai.publishing.choices import Status

from . import rules
from .licences.selectors import clock_tallies, licence_timeliness
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


def timeliness(
    *, start: dt.date, end: dt.date, now: dt.datetime | None = None
) -> list[ClockTally]:
    """TIMELINESS (common.figures): the 双公示 clocks that fell due in ``[start,
    end]``: penalties on the site and in 国家企业信用信息公示系统, their withdrawal,
    and licensing decisions on the site."""
    out: list[ClockTally] = []
    for key, label in (
        (rules.SITE_RULE_KEY, "行政处罚信息网站公示"),
        (rules.GSXT_RULE_KEY, "行政处罚信息国家企业信用信息公示系统公示"),
        (rules.WITHDRAW_RULE_KEY, "处罚信息撤回"),
    ):
        out += clock_tallies(
            rule_key=key, label=label, model=Penalty, start=start, end=end, now=now
        )
    return out + licence_timeliness(start=start, end=end, now=now)
