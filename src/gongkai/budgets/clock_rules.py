"""Clock rule of budget and final-account publication (RULES.md §8).

Pure data (no Django); ``module.py`` declares ``CLOCK_RULES``.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from gongkai.core.clock_rules import rule
from gongkai.core.clock_types import ClockRule, Unit

RULE_KEY = "budget.publish"
_LAW2015 = date(2015, 1, 1)  # 预算法 (2014 amendment) in force; kept in the 2018 text

EVENT_LABELS: dict[str, str] = {
    "approved": "财政部门批复",
    "published": "公开",
}

_rule = partial(rule, labels=EVENT_LABELS)

# fmt: off
CLOCK_RULES: tuple[ClockRule, ...] = (
    # 预算法 第十四条: within 20 days of the 批复 — "二十日", calendar days (not
    # 工作日); the same for final accounts (第十四条 第二款, 第八十条)
    _rule(RULE_KEY, "预算法2014", _LAW2015, "部门预决算公开期限",
          "预算法 第十四条", Unit.CALENDAR_DAY, 20, "approved", "published",
          due_soon=5),
)
# fmt: on
