"""Scoring of the site self-check (RULES.md §5.1, 国办秘函〔2019〕19号).

Part 1 单项否决: any veto hit makes the site 不合格 and scoring stops.
Part 2 扣分: 100 points, each indicator deducts per finding up to its cap; below 60
is 不合格. The per-finding deductions, caps and veto thresholds are [UNVERIFIED]
(RULES.md §13 item 7): the values here are defaults, replaced item by item by the
setting ``GONGKAI_OVERSIGHT_WEIGHTS``. Pure: findings and weights come in as data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # Chinese name in the inspection table
    per: float  # points deducted per finding
    cap: float  # at most this many points for the indicator
    # Findings of this indicator from which it becomes 单项否决 (0: never; 1: any).
    veto_at: int = 0
    site: bool = True  # False: scored for the new-media accounts, not the website


# fmt: off
INDICATORS: tuple[Indicator, ...] = (
    # 单项否决 "互动回应差": a valid message unanswered for more than 3 months
    Indicator("interaction.unanswered", "互动回应差：留言超过3个月未答复", 0, 0, veto_at=1),
    # 单项否决 "服务不实用": 办事指南 key elements missing (threshold [UNVERIFIED])
    Indicator("services.guide_incomplete", "服务不实用：办事指南要素缺失", 2, 10, veto_at=5),
    # 单项否决 "栏目不更新": ≥ 5 columns not updated in their period, or ≥ 5 blank columns
    Indicator("freshness.stale_column", "栏目不更新", 2, 10, veto_at=5),
    Indicator("freshness.blank_column", "空白栏目", 2, 10, veto_at=5),
    # 扣分 "链接可用性"
    Indicator("links.dead", "链接不可用", 1, 5),
    # 扣分: 网站标识码 / ICP备案 / 公安备案 shown at the foot of the page
    Indicator("footer.missing", "网站标识缺失", 2, 6),
    Indicator("interaction.late", "互动回应不及时", 1, 10),
    Indicator("content.interpretation_late", "政策解读不及时", 2, 10),
    Indicator("content.penalty_late", "行政处罚信息公示不及时", 1, 10),
    Indicator("content.licence_late", "行政许可信息公示不及时", 1, 10),
    Indicator("content.inspection_late", "抽查结果公示不及时", 1, 10),
    Indicator("content.budget_late", "预决算公开不及时", 5, 10),
    # 扣分: the guide must say where the public reads (条例 第十二条 / 第二十五条)
    Indicator("guide.reading_room", "未公布政府信息查阅场所", 2, 2),
    # 政务新媒体 单项否决 "内容不更新": no post in the 2 weeks before the check point
    Indicator("newmedia.silent", "政务新媒体2周内无更新", 0, 0, veto_at=1, site=False),
)
# fmt: on
PASS_MARK = 60  # Part 2 below 60: 不合格


def indicators(
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Indicator]:
    """The indicators by key, with configured values replacing the defaults."""
    out = {i.key: i for i in INDICATORS}
    for key, values in (overrides or {}).items():
        base = out.get(key, Indicator(key, key, 1, 10))
        fields = {
            k: v
            for k, v in values.items()
            if k in ("label", "per", "cap", "veto_at", "site")
        }
        out[key] = replace(base, **fields)
    return out


@dataclass(frozen=True)
class IndicatorScore:
    key: str
    label: str
    count: int
    deducted: float
    vetoed: bool
    site: bool


@dataclass(frozen=True)
class Score:
    score: float  # Part 2, 0–100
    passed: bool
    vetoed: tuple[str, ...]  # indicator keys of the website that hit 单项否决
    newmedia_vetoed: bool
    rows: tuple[IndicatorScore, ...]


def score(keys: Iterable[str], table: Mapping[str, Indicator]) -> Score:
    """Score the indicator keys of the findings (one key per finding)."""
    counts = Counter(keys)
    rows = []
    for key, ind in table.items():
        n = counts.get(key, 0)
        hit = bool(ind.veto_at) and n >= ind.veto_at
        deducted = 0.0 if hit and not ind.per else min(ind.cap, ind.per * n)
        rows.append(IndicatorScore(key, ind.label, n, deducted, hit, ind.site))
    for key in counts.keys() - table.keys():  # an indicator nobody weighted
        rows.append(IndicatorScore(key, key, counts[key], 0.0, False, True))
    total = max(0.0, 100.0 - sum(r.deducted for r in rows if r.site))
    vetoed = tuple(r.key for r in rows if r.vetoed and r.site)
    return Score(
        score=round(total, 1),
        passed=not vetoed and total >= PASS_MARK,
        vetoed=vetoed,
        newmedia_vetoed=any(r.vetoed and not r.site for r in rows),
        rows=tuple(rows),
    )


def severity(key: str, count: int, table: Mapping[str, Indicator]) -> str:
    """单项否决 ("veto") when the indicator's count reaches its veto threshold."""
    ind = table.get(key)
    return (
        "veto"
        if ind is not None and ind.veto_at and count >= ind.veto_at
        else "deduction"
    )
