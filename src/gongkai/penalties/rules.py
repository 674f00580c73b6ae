"""Penalty disclosure rules, pure (no Django): who, whether, by when, for how long.

Sources (RULES.md §3):
* 行政处罚法(2021) 第九条: the penalty types; 第四十八条: a decision later changed,
  revoked, confirmed illegal or void is withdrawn within 3 working days with reasons.
* Two publication clocks run side by side, each with its own status:
  - the bureau's own site: 7 working days from the decision (闽质监〔2017〕126号
    task 8; the national basis for 行政处罚 and 行政许可 decisions, 国办发〔2018〕118号
    三项制度, sets the same 7 working days); clock ``penalty.publish``;
  - 国家企业信用信息公示系统: 市场监督管理行政处罚信息公示规定 (总局令第45号) 第九条
    "自作出行政处罚决定之日起二十个工作日内"; clock ``penalty.publish_samr``.
* 总局令第45号 第二条: decisions under the 普通程序 are publicised; "仅受到警告行政处罚的
  不予公示" (unless a law or 行政法规 says otherwise).
* 总局令第45号 第十三条: "仅受到通报批评或者较低数额罚款的行政处罚信息自公示之日起届满
  三个月的，停止公示。其他行政处罚信息自公示之日起届满三年的，停止公示。" — counted from
  the day of publication, whatever the sector; 较低数额罚款 is set by the provincial
  authority (configurable); a restriction of business or practice longer than three
  years is shown for the actual restriction period.
* 总局令第45号 第十四条: an early end needs the 时限要求 reached and all four
  conditions, and is never allowed for the serious types listed there. The minimum
  (时限要求) is left by 第十四条第二款 to a separate SAMR rule; the platform uses the
  minimum of 失信行为纠正后的信用信息修复管理办法 (发改委令第58号): 3 months from the
  decision, 1 year for 食品、药品、特种设备、安全生产、消防. That one-year minimum is a
  minimum before credit repair, never a publication period: a light food case is
  published for 3 months, and cannot end early.
* 民法典 第二百零一条、第二百零二条: a period in months starts the day after and ends on
  the corresponding day of the last month (the month's last day when there is none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from gongkai.core.workcal import add_months

# 行政处罚法 第九条 (codes as in choices.PenaltyType)
TYPE_LABELS: dict[str, str] = {
    "warning": "警告",
    "criticism": "通报批评",
    "fine": "罚款",
    "confiscate_income": "没收违法所得",
    "confiscate_property": "没收非法财物",
    "suspend_licence": "暂扣许可证件",
    "downgrade": "降低资质等级",
    "revoke_licence": "吊销许可证件",
    "restrict_business": "限制开展生产经营活动",
    "suspend_business": "责令停产停业",
    "close": "责令关闭",
    "restrict_practice": "限制从业",
    "detention": "行政拘留",
    "other": "其他行政处罚",
}
CATEGORY_LABELS: dict[str, str] = {
    "organisation": "法人及非法人组织",
    "natural_person": "自然人",
    "individual_business": "个体工商户",
}
SECTOR_LABELS: dict[str, str] = {
    "general": "一般领域",
    "food": "食品",
    "drug": "药品",
    "special_equipment": "特种设备",
    "work_safety": "安全生产",
    "fire": "消防",
}
ID_TYPE_LABELS: dict[str, str] = {
    "id_card": "身份证",
    "passport": "护照",
    "hk_macao": "港澳居民来往内地通行证",
    "taiwan": "台湾居民来往大陆通行证",
    "foreign_pr": "外国人永久居留身份证",
    "other": "其他",
}

# 总局令第45号 第十三条: only these (with a small fine) get the short period.
LIGHT_TYPES = frozenset({"warning", "criticism", "fine"})
# 发改委令第58号: one-year minimum in these fields.
ONE_YEAR_SECTORS = frozenset(
    {"food", "drug", "special_equipment", "work_safety", "fire"}
)
# 总局令第45号 第十四条: no early end (吊销营业执照 is recorded as revoke_licence).
NO_EARLY_END = frozenset(
    {
        "suspend_business",
        "restrict_business",
        "restrict_practice",
        "downgrade",
        "revoke_licence",
    }
)
# Both publication clocks (module docstring): the own site, and the national
# enterprise credit publicity system (总局令第45号 第九条).
SITE_RULE_KEY = "penalty.publish"
GSXT_RULE_KEY = "penalty.publish_samr"
PUBLISH_RULE_KEYS = (SITE_RULE_KEY, GSXT_RULE_KEY)
WITHDRAW_RULE_KEY = "penalty.withdraw"


def must_publish(types: Collection[str], *, publish_warnings: bool) -> bool:
    """总局令第45号: a warning-only decision is not publicised unless configured."""
    return set(types) != {"warning"} or publish_warnings


def is_light(
    types: Collection[str], fine_amount: Decimal | None, small_fine: Decimal
) -> bool:
    """总局令第45号 第十三条: only 通报批评 or a fine up to the threshold (万元); a
    warning beside them is not publicised at all (第二条), so it does not count."""
    kinds = set(types)
    if not kinds or not kinds <= LIGHT_TYPES:
        return False
    return "fine" not in kinds or (fine_amount or Decimal(0)) <= small_fine


@dataclass(frozen=True)
class Window:
    """The publication period: from ``starts`` (the day of publication) through
    ``until`` (inclusive, 公示截止期); early end by credit repair possible from
    ``earliest_end`` (None: never)."""

    starts: dt.date
    until: dt.date
    earliest_end: dt.date | None
    basis: str


def publication_window(
    *,
    decided_on: dt.date,
    types: Collection[str],
    fine_amount: Decimal | None,
    sector: str,
    small_fine: Decimal,
    restriction_until: dt.date | None = None,
    published_on: dt.date | None = None,
) -> Window:
    """The publication period of a decision published on ``published_on``
    (总局令第45号 第十三条: 自公示之日起; 第十四条 and 发改委令第58号 for the early end).

    Before publication (``published_on`` None) the decision day stands in: the
    result is then the earliest the period can end, never later than the real one.
    """
    starts = published_on or decided_on
    light = is_light(types, fine_amount, small_fine)
    if light:
        until, basis = (
            add_months(starts, 3),
            "通报批评或较低数额罚款，自公示之日起3个月",
        )
    else:
        until, basis = add_months(starts, 36), "自公示之日起3年"
    # 第十三条第三款: a restriction longer than three years: its actual length.
    if restriction_until is not None and restriction_until > until:
        until, basis = restriction_until, "按实际限制期限公示"
    earliest: dt.date | None = None
    if not light and not set(types) & NO_EARLY_END:
        # 发改委令第58号: minimum counted from the decision.
        earliest = add_months(decided_on, 12 if sector in ONE_YEAR_SECTORS else 3)
        if earliest >= until:
            earliest = None
    return Window(starts, until, earliest, basis)


@dataclass(frozen=True)
class RepairConditions:
    """总局令第45号 第十四条: every one must hold for an early end."""

    obligations_performed: bool  # 已经自觉履行行政处罚决定中规定的义务
    harm_eliminated: bool  # 已经主动消除危害后果和不良影响
    no_repeat: bool  # 未因同一类违法行为再次受到行政处罚
    not_listed: bool  # 未在经营异常名录和严重违法失信名单中


def early_end_problems(
    *,
    today: dt.date,
    types: Collection[str],
    window: Window,
    conditions: RepairConditions,
) -> list[str]:
    """Why an early end (credit repair) is not allowed today; empty when it is."""
    serious = sorted(TYPE_LABELS[t] for t in set(types) & NO_EARLY_END)
    if serious:
        return ["处罚类别含有{}，不得提前停止公示。".format("、".join(serious))]
    problems = []
    if window.earliest_end is None:
        problems.append("该处罚公示期已是最短期限，不能提前停止公示。")
    elif today < window.earliest_end:
        problems.append(
            f"最短公示期未满，{window.earliest_end.isoformat()} 起方可申请提前停止公示。"
        )
    labels = {
        "obligations_performed": "未履行行政处罚决定规定的义务",
        "harm_eliminated": "未主动消除危害后果和不良影响",
        "no_repeat": "因同一类违法行为再次受到行政处罚",
        "not_listed": "仍在经营异常名录或严重违法失信名单中",
    }
    problems.extend(
        msg for name, msg in labels.items() if not getattr(conditions, name)
    )
    return problems


def party_problems(
    *,
    category: str,
    uscc: str,
    reg_number: str,
    legal_rep: str,
    id_type: str,
    id_number: str,
) -> list[tuple[str, str]]:
    """Cross-field checks of the party (RULES §3.2): (field code, message) pairs.

    The USCC prefix must agree with the category: 92 is 个体工商户 (GB 32100 工商
    category 2); 法人及非法人组织 may be 91 (企业), 1x (机关、事业单位), 5x ... so only
    92 is excluded there; a natural person has no USCC.
    """
    out: list[tuple[str, str]] = []
    if category == "natural_person":
        if uscc:
            out.append(("CF_XDR_SHXYM", "自然人不应填写统一社会信用代码"))
        if not id_type:
            out.append(("CF_XDR_ZJLX", "自然人必须填写证件类型"))
        if not id_number:
            out.append(("CF_XDR_ZJHM", "自然人必须填写证件号码"))
    elif category == "organisation":
        if not uscc:
            out.append(("CF_XDR_SHXYM", "法人及非法人组织必须填写统一社会信用代码"))
        elif uscc.startswith("92"):
            out.append(
                ("CF_XDR_SHXYM", "统一社会信用代码以92开头，属于个体工商户，与类别不符")
            )
        if not legal_rep:
            out.append(("CF_FRDB", "法人及非法人组织必须填写法定代表人"))
    elif category == "individual_business":
        if uscc and not uscc.startswith("92"):
            out.append(
                ("CF_XDR_SHXYM", "个体工商户的统一社会信用代码应以92开头，与类别不符")
            )
        if not uscc and not reg_number:
            out.append(
                ("CF_XDR_SHXYM", "个体工商户必须填写统一社会信用代码或工商注册号")
            )
    return out


def amount_problems(
    *,
    types: Collection[str],
    fine_amount: Decimal | None,
    confiscated_amount: Decimal | None,
    licence_affected: str,
) -> list[tuple[str, str]]:
    """The amount and licence items that the penalty types require (RULES §3.2)."""
    kinds = set(types)
    out: list[tuple[str, str]] = []
    if "fine" in kinds and not fine_amount:
        out.append(("CF_NR_FK", "处罚类别含罚款，必须填写罚款金额（万元）"))
    if kinds & {"confiscate_income", "confiscate_property"} and not confiscated_amount:
        out.append(("CF_NR_WFFF", "处罚类别含没收，必须填写没收金额（万元）"))
    if kinds & {"suspend_licence", "revoke_licence"} and not licence_affected:
        out.append(("CF_NR_ZKDX", "处罚类别含暂扣或吊销，必须填写证照名称及编号"))
    return out
