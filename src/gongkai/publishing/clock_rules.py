"""Clock rule of proactive disclosure: every published content type (条例 第二十六条).

Pure data (no Django); ``module.py`` declares ``CLOCK_RULES``. Each version starts on
the day its source took effect; configuration adds values through dated rule values
(``clocks.selectors.clock_rule``).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from gongkai.core.clock_rules import rule
from gongkai.core.clock_types import ClockRule, Unit

_FOI = date(2019, 5, 15)  # 政府信息公开条例 (国务院令第711号) in force
_WD = Unit.WORKING_DAY

EVENT_LABELS: dict[str, str] = {
    "formed": "信息形成或变更",
    "published": "公开",
}


_rule = partial(rule, labels=EVENT_LABELS)


# fmt: off
CLOCK_RULES: tuple[ClockRule, ...] = (
    # 条例 第二十六条: publish within 20 working days of being formed or changed
    _rule("proactive.publish", "条例2019", _FOI, "主动公开期限",
          "政府信息公开条例 第二十六条", _WD, 20, "formed", "published"),
)
# fmt: on
