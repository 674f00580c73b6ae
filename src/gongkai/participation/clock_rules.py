"""Clock rules of incidents and public concern (plan task 12): round-the-clock hours;
of the public mailbox (the site's reply rule and the national 3-month red line); and
of deputies' and members' proposals (months, 民法典 第二百零二条).

Pure data (no Django); ``module.py`` declares ``CLOCK_RULES``. Each version starts on
the day its source took effect; configuration adds values through dated rule values
(``clocks.selectors.clock_rule``).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from gongkai.core.clock_rules import rule
from gongkai.core.clock_types import ClockRule, Unit

_H, _WD, _M = Unit.HOUR, Unit.WORKING_DAY, Unit.MONTH

EVENT_LABELS: dict[str, str] = {
    "occurred": "事件发生",
    "released": "发布权威信息",
    "press_conference_held": "召开新闻发布会",
    "detected": "发现政务舆情",
    "responded": "回应",
    "received": "收到留言",
    "answered": "答复留言",
    "assigned": "交办建议提案",
    "replied": "答复代表委员",
}

# The rule keys the services start (module.py declares the whole table).
MESSAGE_REPLY = "message.reply"
MESSAGE_RED_LINE = "message.red_line"
DEPUTY_REPLY = "proposal.deputy_reply"
MEMBER_REPLY = "proposal.member_reply"
RELEASE = "incident.release"
PRESS_CONFERENCE = "incident.press_conference"
OPINION_RESPONSE = "opinion.response"


_rule = partial(rule, labels=EVENT_LABELS)


# fmt: off
CLOCK_RULES: tuple[ClockRule, ...] = (
    # 国办发〔2016〕80号 实施细则 (number [UNVERIFIED]; date of the news reports), and
    # 闽质监〔2017〕126号 task 12: release within 5 hours, press conference within 24
    _rule(RELEASE, "国办发2016-80", date(2016, 11, 15), "权威信息发布时限",
          "《关于全面推进政务公开工作的意见》实施细则；闽质监〔2017〕126号", _H, 5,
          "occurred", "released", due_soon=2),
    _rule(PRESS_CONFERENCE, "国办发2016-80", date(2016, 11, 15),
          "新闻发布会时限",
          "《关于全面推进政务公开工作的意见》实施细则；闽质监〔2017〕126号", _H, 24,
          "occurred", "press_conference_held", due_soon=6),
    # 国办发〔2016〕61号 (number [UNVERIFIED]; date of the news reports): respond
    # to 政务舆情 within 48 hours
    _rule(OPINION_RESPONSE, "国办发2016-61", date(2016, 8, 12), "政务舆情回应时限",
          "关于在政务公开工作中进一步做好政务舆情回应的通知", _H, 48,
          "detected", "responded", due_soon=12),
    # The site's own reply rule for messages: 10 working days by default, a local
    # rule [UNVERIFIED] (rule value clock.message.reply.length)
    _rule(MESSAGE_REPLY, "site", date(2000, 1, 1), "留言答复时限（本站规则）",
          "本站留言办理规则 [UNVERIFIED 本省规定]", _WD, 10, "received", "answered"),
    # 国办秘函〔2019〕19号 单项否决 互动回应差: a valid message unanswered for more
    # than 3 months fails the site; the threshold is a fixed date (no moving)
    _rule(MESSAGE_RED_LINE, "国办秘函2019-19", date(2019, 4, 18),
          "留言答复红线（超过3个月未答复单项否决）",
          "国办秘函〔2019〕19号 政府网站检查指标 互动回应差", _M, 3,
          "received", "answered", due_soon=15, rest_day_moves=False),
    # 国办发〔2014〕46号 and the province's 办法 (RULES §12): 3 months from
    # assignment; CPPCC proposals 5 months where the local rule says so
    # (rule value clock.proposal.member_reply.length)
    _rule(DEPUTY_REPLY, "办理办法", date(2014, 10, 2), "人大代表建议答复时限",
          "人大代表建议办理办法（RULES §12，以本省办法为准）", _M, 3,
          "assigned", "replied", due_soon=15),
    _rule(MEMBER_REPLY, "办理办法", date(2014, 10, 2), "政协委员提案答复时限",
          "政协提案办理办法（RULES §12，以本省办法为准，如四川为5个月）", _M, 3,
          "assigned", "replied", due_soon=15),
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
