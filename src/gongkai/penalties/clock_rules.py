"""Clock rules of penalty disclosure (RULES.md §3).

Pure data (no Django); ``module.py`` declares ``CLOCK_RULES``. Each version starts on
the day its source took effect; configuration adds values through dated rule values
(``clocks.selectors.clock_rule``).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from gongkai.core.clock_rules import rule
from gongkai.core.clock_types import ClockRule, Unit

_SAMR45 = date(2021, 9, 1)  # 市场监督管理总局令第45号 in force
_WD = Unit.WORKING_DAY

EVENT_LABELS: dict[str, str] = {
    "decided": "作出处罚决定",
    "published": "公开",
    "not_published": "决定不予公示",
    "decision_changed": "处罚决定变更、撤销或确认违法、无效",
    "withdrawn": "撤回",
}


_rule = partial(rule, labels=EVENT_LABELS)
LICENCE_EVENT_LABELS: dict[str, str] = {
    "decided": "作出许可决定",
    "published": "公开",
    "withdrawn": "撤回",
}


# fmt: off
CLOCK_RULES: tuple[ClockRule, ...] = (
    # Both run for every decision (penalties.rules). The own site: 2017 work plan,
    # 闽质监〔2017〕126号 task 8, and 国办发〔2018〕118号 (三项制度): public within 7
    # working days of the decision; 行政处罚法 第八十五条: "七日" means working days
    _rule("penalty.publish", "工作方案2017", date(2017, 5, 27), "行政处罚信息网站公示期限",
          "闽质监〔2017〕126号 第8项；国办发〔2018〕118号；行政处罚法 第八十五条",
          _WD, 7, "decided", "published not_published"),
    # 总局令第45号 第九条: 国家企业信用信息公示系统, same province, within 20
    # working days of the decision
    _rule("penalty.publish_samr", "总局令45", _SAMR45,
          "行政处罚信息国家企业信用信息公示系统公示期限",
          "市场监督管理行政处罚信息公示规定 第九条", _WD, 20,
          "decided", "published not_published"),
    # 行政处罚法 第四十八条 / 总局令第45号 第十一条: withdraw within 3 working days
    _rule("penalty.withdraw", "总局令45", _SAMR45, "处罚信息撤回期限",
          "行政处罚法 第四十八条；市场监督管理行政处罚信息公示规定 第十一条", _WD, 3,
          "decision_changed", "withdrawn", due_soon=1),
    # 行政许可 双公示 (licences.rules): 国办发〔2018〕118号 and the work plan: on the
    # bureau's site within 7 working days of the licensing decision
    rule("licence.publish", "国办发2018-118", date(2018, 12, 5),
         "行政许可信息网站公示期限", "国办发〔2018〕118号；政务公开工作方案（7个工作日）",
         _WD, 7, "decided", "published withdrawn", labels=LICENCE_EVENT_LABELS),
)
# fmt: on
