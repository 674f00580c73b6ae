"""Licensing-decision disclosure rules, pure (no Django).

Sources:
* 国办发〔2018〕118号 (全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核
  制度的指导意见, 三项制度) and the bureau's work plan (RULES.md §3.1 "7个工作日"): the
  行政许可 and 行政处罚 decisions are published on the bureau's site within 7 working
  days of the decision; clock ``licence.publish`` (``penalties.clock_rules``).
* The 信用中国 exchange format for 行政许可 (RULES.md §3.2, the "sister" format): 许可
  类别 ∈ {普通, 特许, 认可, 核准, 登记, 其他}; 当前状态 1 有效 / 2 无效. The field codes
  (XK_*) follow the penalty format's pattern as used by provincial interfaces; the
  official standard text was not read ([UNVERIFIED] version and required flags).
* 行政许可法 第十二条 names the kinds behind the 许可类别 values (一般许可, 特许, 认可,
  核准, 登记); "其他" covers the rest.
* RULES.md §3.3: a natural person's identifiers are never published in full.
"""

from __future__ import annotations

import datetime as dt

# 许可类别 (XK_XKLB)
LICENCE_CATEGORY_LABELS: dict[str, str] = {
    "general": "普通",
    "franchise": "特许",
    "recognition": "认可",
    "approval": "核准",
    "registration": "登记",
    "other": "其他",
}
# 当前状态 (XK_ZT): the exchange code and its label.
STATE_VALID, STATE_INVALID = "1", "2"
STATE_LABELS: dict[str, str] = {STATE_VALID: "有效", STATE_INVALID: "无效"}
# 有效期至 written as 长期 in the bureau's ledgers: stored as this day.
LONG_TERM = dt.date(2099, 12, 31)
LONG_TERM_WORDS = frozenset({"长期", "长期有效", "永久", "无固定期限"})
SITE_RULE_KEY = "licence.publish"


def validity_problems(
    *, decided_on: dt.date, valid_from: dt.date, valid_until: dt.date, today: dt.date
) -> list[tuple[str, str]]:
    """Cross-field checks of the dates: (field code, message) pairs."""
    out: list[tuple[str, str]] = []
    if decided_on > today:
        out.append(("XK_JDRQ", "许可决定日期不能晚于今天"))
    if valid_until < valid_from:
        out.append(("XK_YXQJZ", "有效期至不能早于有效期自"))
    return out


def current_state(*, valid_until: dt.date, withdrawn: bool, today: dt.date) -> str:
    """当前状态 for the exchange: 无效 once withdrawn or past 有效期至 (inclusive)."""
    if withdrawn or valid_until < today:
        return STATE_INVALID
    return STATE_VALID
