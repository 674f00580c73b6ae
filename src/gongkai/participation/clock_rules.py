"""Clock rules of incidents and public concern (plan task 12): round-the-clock hours.

Pure data (no Django); ``module.py`` declares ``CLOCK_RULES``. Each version starts on
the day its source took effect; configuration adds values through dated rule values
(``clocks.selectors.clock_rule``).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from gongkai.core.clock_rules import rule
from gongkai.core.clock_types import ClockRule, Unit

_H = Unit.HOUR

EVENT_LABELS: dict[str, str] = {
    "occurred": "事件发生",
    "released": "发布权威信息",
    "press_conference_held": "召开新闻发布会",
    "detected": "发现政务舆情",
    "responded": "回应",
}


_rule = partial(rule, labels=EVENT_LABELS)


# fmt: off
CLOCK_RULES: tuple[ClockRule, ...] = (
    # 国办发〔2016〕80号 实施细则 (number [UNVERIFIED]; date of the news reports), and
    # 闽质监〔2017〕126号 task 12: release within 5 hours, press conference within 24
    _rule("incident.release", "国办发2016-80", date(2016, 11, 15), "权威信息发布时限",
          "《关于全面推进政务公开工作的意见》实施细则；闽质监〔2017〕126号", _H, 5,
          "occurred", "released", due_soon=2),
    _rule("incident.press_conference", "国办发2016-80", date(2016, 11, 15),
          "新闻发布会时限",
          "《关于全面推进政务公开工作的意见》实施细则；闽质监〔2017〕126号", _H, 24,
          "occurred", "press_conference_held", due_soon=6),
    # 国办发〔2016〕61号 (number [UNVERIFIED]; date of the news reports): respond
    # to 政务舆情 within 48 hours
    _rule("opinion.response", "国办发2016-61", date(2016, 8, 12), "政务舆情回应时限",
          "关于在政务公开工作中进一步做好政务舆情回应的通知", _H, 48,
          "detected", "responded", due_soon=12),
)
# fmt: on


# consultations ---------------------------------------------------------------------
# 重大行政决策程序暂行条例 第三十二条 and 优化营商环境条例 第六十二条 require the
# feedback (意见采纳情况反馈) but set no period: 30 calendar days after the
# consultation closes is a local rule [UNVERIFIED], configurable as
# ``clock.consultation.feedback.length`` (common.rulebook). A last day on a rest day
# moves to the next working day.
CONSULTATION_FEEDBACK = "consultation.feedback"
CONSULTATION_EVENT_LABELS: dict[str, str] = {
    "consultation_closed": "征求意见截止",
    "feedback_published": "发布意见采纳情况反馈",
}

CLOCK_RULES = (
    *CLOCK_RULES,
    rule(CONSULTATION_FEEDBACK, "本地规则", date(2019, 9, 1), "意见采纳情况反馈期限",
         "重大行政决策程序暂行条例 第三十二条；本地规则 [UNVERIFIED]",
         Unit.CALENDAR_DAY, 30, "consultation_closed", "feedback_published",
         labels=CONSULTATION_EVENT_LABELS),
)  # fmt: skip
