"""The built-in clock rules: every statutory period the platform watches, as data.

Each version starts on the day its source took effect; configuration may add later
versions (``rule_for`` picks the one in force when the case started) and adjust values
through dated rule values (``clocks.selectors.clock_rule``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .clocks import ClockRule, Unit

# -- built-in rules ----------------------------------------------------------------
# Each version starts on the day its source took effect; configuration may add later
# versions (rule_for picks the one in force when the case started).

_FOI = date(2019, 5, 15)  # 政府信息公开条例 (国务院令第711号) in force
_SAMR45 = date(2021, 9, 1)  # 市场监督管理总局令第45号 in force
_WD, _H, _CD = Unit.WORKING_DAY, Unit.HOUR, Unit.CALENDAR_DAY


# fmt: off
def _rule(key: str, version: str, since: date, title: str, basis: str, unit: Unit,
          length: int, start: str, stop: str, **extra: Any) -> ClockRule:
    """Compact constructor for the table below; events are space-separated."""
    return ClockRule(key, version, since, title, basis, unit, length,
                     start_events=frozenset(start.split()),
                     stop_events=frozenset(stop.split()), **extra)


BUILTIN_RULES: tuple[ClockRule, ...] = (
    # 条例 第三十一条 (day 0 = receipt), 第三十三条: 20 working days, one extension of
    # at most 20; 第三十条: restart on the corrected application; 第三十三条第三款:
    # consultation time (第三十二条 third party, 第三十四条 co-producer) not counted.
    # The fee-notice pause (RULES §13 item 2, unverified) is configuration:
    # rule.with_pause("fee_notified", "fee_paid").
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
    # 条例 第二十六条: publish within 20 working days of being formed or changed
    _rule("proactive.publish", "条例2019", _FOI, "主动公开期限",
          "政府信息公开条例 第二十六条", _WD, 20, "formed", "published"),
    # 2017 work plan, 闽质监〔2017〕126号 task 8 (national basis 国办发〔2015〕51号,
    # 国发〔2016〕33号, numbers [UNVERIFIED]): public within 7 working days of the
    # decision; 行政处罚法 第八十五条: "七日" means working days (RULES §3.1)
    _rule("penalty.publish", "工作方案2017", date(2017, 5, 27), "行政处罚信息公示期限",
          "闽质监〔2017〕126号 第8项；行政处罚法 第八十五条", _WD, 7,
          "decided", "published not_published"),
    # 总局令第45号 第九条: same province, within 20 working days of the decision
    _rule("penalty.publish_samr", "总局令45", _SAMR45, "行政处罚信息公示期限（总局令）",
          "市场监督管理行政处罚信息公示规定 第九条", _WD, 20,
          "decided", "published not_published"),
    # 行政处罚法 第四十八条 / 总局令第45号 第十一条: withdraw within 3 working days
    _rule("penalty.withdraw", "总局令45", _SAMR45, "处罚信息撤回期限",
          "行政处罚法 第四十八条；市场监督管理行政处罚信息公示规定 第十一条", _WD, 3,
          "decision_changed", "withdrawn", due_soon=1),
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
    # 双随机、一公开 results: 企业信息公示暂行条例 第六条 (20 working days) and Fujian's
    # "检查结束之日起20日内公示" (RULES.md §6; national 20 wd [UNVERIFIED]: configurable)
    _rule("inspection.results_publish", "条例654-2014", date(2014, 10, 1),
          "抽查结果公示期限", "企业信息公示暂行条例 第六条；RULES.md §6", _WD, 20,
          "checked", "published"),
)
# fmt: on
