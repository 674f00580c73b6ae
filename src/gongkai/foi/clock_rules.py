"""Clock rules of information requests and the annual report (政府信息公开条例, 国务院令第711号).

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
_WD, _CD = Unit.WORKING_DAY, Unit.CALENDAR_DAY

EVENT_LABELS: dict[str, str] = {
    "received": "收到申请",
    "correction_requested": "发出补正通知",
    "correction_received": "收到补正申请",
    "correction_waived": "确认申请内容明确，无需补正",
    "consultation_sent": "发出征求意见",
    "consultation_answered": "收到征求意见答复",
    "disclosure_decided": "决定公开（第三方不同意）",
    "third_party_notified": "书面告知第三方",
    "extended": "延长期限",
    "reply_delayed": "延期答复（条例第三十五条）",
    "replied": "答复",
    "withdrawn": "撤回",
    "lapsed": "视为放弃申请",
    "fee_notified": "发出收费通知",
    "fee_paid": "缴纳信息处理费",
    "year_ended": "报告年度结束",
    "report_published": "公布年度报告",
}


_rule = partial(rule, labels=EVENT_LABELS)


# fmt: off
CLOCK_RULES: tuple[ClockRule, ...] = (
    # 条例 第三十一条 (day 0 = receipt), 第三十三条: 20 working days, one extension of
    # at most 20; 第三十条: restart on the corrected application; 第三十三条第三款:
    # consultation time (第三十二条 third party, 第三十四条 co-producer) not counted.
    # The fee-notice pause (国办函〔2020〕109号 第七条) is the dated rule value
    # clock.foi.reply.fee_pauses: rule.with_pause("fee_notified", "fee_paid").
    _rule("foi.reply", "条例2019", _FOI, "依申请公开答复期限",
          "政府信息公开条例 第三十一条、第三十三条", _WD, 20,
          "received", "replied withdrawn lapsed",
          restart_events=frozenset({"correction_received"}),
          # 第三十条: while the applicant corrects, the period waits; the corrected
          # application restarts it (the restart clears this pause).
          pause_events=frozenset({"consultation_sent", "correction_requested"}),
          resume_events=frozenset({"consultation_answered"}),
          extend_event="extended", extension_max=20, max_extensions=1,
          # 第三十五条: too many / too frequent, reasons accepted, but not answerable
          # within 第三十三条: a reasonable later date, notified to the applicant
          deadline_event="reply_delayed"),
    # 条例 第三十条: tell the applicant once, within 7 working days, what to correct;
    # closed by the notice, by staff finding the application clear, or by the end
    _rule("foi.correction_notice", "条例2019", _FOI, "补正告知期限",
          "政府信息公开条例 第三十条", _WD, 7,
          "received", "correction_requested correction_waived replied withdrawn"),
    # 条例 第三十条: "合理的补正期限"; 15 working days is a default [UNVERIFIED],
    # set by configuration with dataclasses.replace(rule, length=..., version=...).
    # Overdue means the application is deemed withdrawn (年报 三(六)1).
    _rule("foi.correction_period", "条例2019", _FOI, "申请人补正期限",
          "政府信息公开条例 第三十条（合理期限，默认值待核实）", _WD, 15,
          "correction_requested", "correction_received withdrawn"),
    # 条例 第三十二条 (third party) / 第三十四条 (co-producer): reply within 15 wd
    _rule("foi.third_party_reply", "条例2019", _FOI, "第三方（协作机关）答复期限",
          "政府信息公开条例 第三十二条、第三十四条", _WD, 15,
          "consultation_sent", "consultation_answered withdrawn"),
    # 条例 第三十二条: disclosing over the third party's objection, the organ tells it
    # in writing the content and the reasons, before the disclosure; the law sets
    # no number of days: 5 working days from the decision is a default [UNVERIFIED],
    # configurable (clock.foi.third_party_notice.length)
    _rule("foi.third_party_notice", "条例2019", _FOI, "决定公开书面告知第三方期限",
          "政府信息公开条例 第三十二条（期限默认值待核实）", _WD, 5,
          "disclosure_decided", "third_party_notified withdrawn"),
    # 国办函〔2020〕109号: pay within 20 working days from the day after the notice;
    # not paid in time = deemed withdrawn (年报 三(六)2)
    _rule("foi.fee_payment", "国办函2020-109", date(2020, 11, 17), "信息处理费缴纳期限",
          "政府信息公开信息处理费管理办法（国办函〔2020〕109号）", _WD, 20,
          "fee_notified", "fee_paid withdrawn"),
    # 条例 第四十九条 (RULES §1.9): a 县级以上人民政府部门 publishes last year's report
    # by 31 January. Day 0 is 1 January, so the 30th day after it is 31 January; a
    # fixed date, not moved off a weekend. Due soon 10 days before.
    _rule("foi.annual_report", "条例2019", _FOI, "政府信息公开工作年度报告公布期限",
          "政府信息公开条例 第四十九条", _CD, 30, "year_ended", "report_published",
          rest_day_moves=False, due_soon=10),
)
# fmt: on
