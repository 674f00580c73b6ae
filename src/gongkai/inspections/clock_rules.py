"""Clock rule of random-inspection results (双随机、一公开, RULES.md §6).

Pure data (no Django); ``module.py`` declares ``CLOCK_RULES``. Each version starts on
the day its source took effect; configuration adds values through dated rule values
(``clocks.selectors.clock_rule``).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from gongkai.core.clock_rules import rule
from gongkai.core.clock_types import ClockRule, Unit

_WD = Unit.WORKING_DAY

EVENT_LABELS: dict[str, str] = {
    "checked": "检查结束",
    "published": "公开",
}


_rule = partial(rule, labels=EVENT_LABELS)


# fmt: off
CLOCK_RULES: tuple[ClockRule, ...] = (
    # 双随机、一公开 results: 企业信息公示暂行条例 第六条 (20 working days) and Fujian's
    # "检查结束之日起20日内公示" (RULES.md §6; national 20 wd [UNVERIFIED]: configurable)
    _rule("inspection.results_publish", "条例654-2014", date(2014, 10, 1),
          "抽查结果公示期限", "企业信息公示暂行条例 第六条；RULES.md §6", _WD, 20,
          "checked", "published"),
)
# fmt: on
