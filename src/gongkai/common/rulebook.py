"""The configurable rule values, their defaults and sources (RULES.md, §13 items).

Every value that RULES.md marks [UNVERIFIED] or that varies by province or year is
listed here with its default; administrators add dated values through the admin or
``rule_value_set``. Clock lengths are read by ``clocks.selectors.clock_rule``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.core.ids import validate_index_pattern


def _positive_int(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError("必须是正整数")


def _boolean(value: Any) -> None:
    if not isinstance(value, bool):
        raise ValueError("必须是 true 或 false")


def _pattern(value: Any) -> None:
    if not isinstance(value, str):
        raise ValueError("必须是文本")
    validate_index_pattern(value)


def _tiers(value: Any) -> None:
    """A progressive tier table: [[from_quantity, price_yuan_string], ...], ascending."""
    if not isinstance(value, list) or not value:
        raise ValueError("必须是非空列表 [[起始数量, 单价], …]")
    last = 0
    for row in value:
        if (
            not isinstance(row, list)
            or len(row) != 2
            or isinstance(row[0], bool)
            or not isinstance(row[0], int)
            or row[0] <= last
        ):
            raise ValueError("每一档必须是 [起始数量, 单价]，起始数量递增且为正整数")
        try:
            Decimal(str(row[1]))
        except InvalidOperation as exc:
            raise ValueError("单价必须是数字") from exc
        last = row[0]


def _per_item(value: Any) -> None:
    keys = {"free_up_to", "first_band_to", "first_price", "band_size", "band_step"}
    if not isinstance(value, dict) or set(value) != keys:
        raise ValueError("必须包含 " + "、".join(sorted(keys)))
    for key in ("free_up_to", "first_band_to", "band_size"):
        _positive_int(value[key])
    for key in ("first_price", "band_step"):
        try:
            Decimal(str(value[key]))
        except InvalidOperation as exc:
            raise ValueError(f"{key} 必须是数字") from exc


def _amount(value: Any) -> None:
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError("必须是数字") from exc
    if isinstance(value, bool) or not amount.is_finite() or amount < 0:
        raise ValueError("必须是非负数字")


# The day the fee pause became the built-in default (issue 18).
FEE_PAUSE_DEFAULT_FROM = date(2026, 12, 7)


@dataclass(frozen=True)
class RuleSpec:
    """A configurable rule: its default from ``since``, and later built-in defaults
    ``(from, value)`` in date order, so a case started before a change of default
    keeps the value in force when it started."""

    key: str
    title: str
    default: Any
    since: date
    source: str
    validate: Callable[[Any], None]
    later: tuple[tuple[date, Any], ...] = ()

    def default_on(self, on: date) -> tuple[date, Any]:
        """The built-in default in force on ``on`` and the day it took effect."""
        found = (self.since, self.default)
        for since, value in self.later:
            if since <= on:
                found = (since, value)
        return found


RULES: dict[str, RuleSpec] = {
    spec.key: spec
    for spec in [
        RuleSpec(
            "clock.foi.reply.length",
            "依申请公开答复期限（工作日）",
            20,
            date(2019, 5, 15),
            "条例 第三十三条",
            _positive_int,
        ),
        # 国办函〔2020〕109号 第七条: the time from the fee notice to the payment is
        # not counted in the answer period. The platform first counted it (False);
        # cases started from FEE_PAUSE_DEFAULT_FROM on pause by default, older ones
        # keep the value in force when they started.
        RuleSpec(
            "clock.foi.reply.fee_pauses",
            "等待缴费期间不计入答复期限",
            False,
            date(2020, 11, 17),
            "国办函〔2020〕109号 第七条",
            _boolean,
            later=((FEE_PAUSE_DEFAULT_FROM, True),),
        ),
        RuleSpec(
            "clock.foi.correction_period.length",
            "补正期限（工作日）",
            15,
            date(2019, 5, 15),
            "条例 第三十条 “合理的补正期限” [UNVERIFIED 天数]",
            _positive_int,
        ),
        RuleSpec(
            "clock.foi.third_party_notice.length",
            "决定公开后书面告知第三方期限（工作日）",
            5,
            date(2019, 5, 15),
            "条例 第三十二条（未规定天数）[UNVERIFIED 默认值]",
            _positive_int,
        ),
        RuleSpec(
            "clock.proactive.publish.length",
            "主动公开期限（工作日）",
            20,
            date(2019, 5, 15),
            "条例 第二十六条",
            _positive_int,
        ),
        RuleSpec(
            "clock.inspection.results_publish.length",
            "双随机抽查结果公示期限（工作日）",
            20,
            date(2014, 10, 1),
            "企业信息公示暂行条例 第六条；RULES.md §6、§13 第6项 [UNVERIFIED]",
            _positive_int,
        ),
        RuleSpec(
            "clock.penalty.publish.length",
            "行政处罚网站公示期限（工作日）",
            7,
            date(2017, 5, 27),
            "闽质监〔2017〕126号 第8项；国办发〔2018〕118号",
            _positive_int,
        ),
        # --- participation (issue 13): the mailbox and proposal reply clocks
        RuleSpec(
            "clock.message.reply.length",
            "留言答复时限（工作日，本站规则）",
            10,
            date(2000, 1, 1),
            "本站留言办理规则 [UNVERIFIED 本省规定]",
            _positive_int,
        ),
        RuleSpec(
            "clock.proposal.deputy_reply.length",
            "人大代表建议答复时限（月）",
            3,
            date(2014, 10, 2),
            "RULES §12 人大代表建议办理办法（以本省办法为准）",
            _positive_int,
        ),
        RuleSpec(
            "clock.proposal.member_reply.length",
            "政协委员提案答复时限（月）",
            3,
            date(2014, 10, 2),
            "RULES §12 政协提案办理办法（如四川为5个月）[UNVERIFIED 本省规定]",
            _positive_int,
        ),
        # --- end participation
        RuleSpec(
            "foi.reply.four_eyes",
            "依申请公开答复须经公开办审核（处室起草，公开办批准后发出）",
            True,
            date(2019, 5, 15),
            "条例 第四条（政府信息公开工作机构组织、协调、监督）；本机关内部审核制度",
            _boolean,
        ),
        # participation (consultations): feedback report after closing [UNVERIFIED]
        RuleSpec(
            "clock.consultation.feedback.length",
            "征求意见截止后发布意见采纳情况反馈期限（日）",
            30,
            date(2019, 9, 1),
            "重大行政决策程序暂行条例 第三十二条（未规定天数）；本地规则 [UNVERIFIED]",
            _positive_int,
        ),
        # Internal reminders (gongkai clocks remind): the handler and the department
        # head are e-mailed when this many working days remain, and when overdue.
        RuleSpec(
            "clock.remind.days_before",
            "时限到期前提醒（剩余工作日）",
            3,
            date(2000, 1, 1),
            "本机关工作安排（内部提醒，可调整）",
            _positive_int,
        ),
        # 总局令第45号 第十三条: 较低数额罚款 threshold set by the provincial authority.
        RuleSpec(
            "penalty.small_fine",
            "较低数额罚款标准（万元，不超过此数公示3个月）",
            "1",
            date(2021, 9, 1),
            "总局令第45号 第十三条（省级部门确定）[UNVERIFIED 默认值]",
            _amount,
        ),
        RuleSpec(
            "penalty.publish_warnings",
            "仅警告的处罚决定也公示",
            False,
            date(2021, 9, 1),
            "总局令第45号（仅警告的不予公示，法律另有规定的除外）",
            _boolean,
        ),
        # 国办函〔2020〕109号: 按件 per applicant per calendar month (1-10 free, 11-30 100元,
        # then +100元 per band of 10 — the bands from 31 on are derived, RULES.md §1.7).
        RuleSpec(
            "fee.per_item",
            "信息处理费 按件收费（每人每自然月）",
            {
                "free_up_to": 10,
                "first_band_to": 30,
                "first_price": "100",
                "band_size": 10,
                "band_step": "100",
            },
            date(2020, 11, 17),
            "国办函〔2020〕109号",
            _per_item,
        ),
        # 按量: per application, 1-30 pages free, 31-100 10元, 101-200 20元, 201+ 40元.
        RuleSpec(
            "fee.per_page_tiers",
            "信息处理费 按量收费档次（页起, 元/页）",
            [[1, "0"], [31, "10"], [101, "20"], [201, "40"]],
            date(2020, 11, 17),
            "国办函〔2020〕109号",
            _tiers,
        ),
        # RULES.md §9: 行政规范性文件 valid 5 years, 暂行/试行 2, evaluated within the
        # 6 months before they lapse (local practice, the province's rule unverified)
        RuleSpec(
            "document.normative.years",
            "行政规范性文件有效期（年）",
            5,
            date(2000, 1, 1),
            "RULES.md §9 地方实践 [UNVERIFIED 本省规定]",
            _positive_int,
        ),
        RuleSpec(
            "document.normative.trial_years",
            "暂行、试行的行政规范性文件有效期（年）",
            2,
            date(2000, 1, 1),
            "RULES.md §9 地方实践 [UNVERIFIED 本省规定]",
            _positive_int,
        ),
        RuleSpec(
            "document.normative.evaluate_months",
            "行政规范性文件有效期届满前评估（月）",
            6,
            date(2000, 1, 1),
            "RULES.md §9 地方实践 [UNVERIFIED 本省规定]",
            _positive_int,
        ),
        RuleSpec(
            "index_number.pattern",
            "索引号格式",
            "{org_code}/{year}-{seq:05d}",
            date(2000, 1, 1),
            "RULES.md §9 [UNVERIFIED 无国家标准]",
            _pattern,
        ),
    ]
}


def rule_spec(key: str) -> RuleSpec:
    """Return the spec of a configurable rule, or raise KeyError."""
    return RULES[key]
