"""The configurable rule values, their defaults and sources (RULES.md, §13 items).

Every value that RULES.md marks [UNVERIFIED] or that varies by province or year is
listed here with its default; administrators add dated values through the admin or
``rule_value_set``. Clock lengths are read by ``clocks.selectors.clock_rule``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
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


@dataclass(frozen=True)
class RuleSpec:
    key: str
    title: str
    default: Any
    since: date
    source: str
    validate: Callable[[Any], None]


RULES: dict[str, RuleSpec] = {
    spec.key: spec
    for spec in [
        RuleSpec("clock.foi.reply.length", "依申请公开答复期限（工作日）", 20,
                 date(2019, 5, 15), "条例 第三十三条", _positive_int),
        RuleSpec("clock.foi.reply.fee_pauses", "等待缴费期间不计入答复期限", False,
                 date(2020, 11, 17), "RULES.md §13 第2项 [UNVERIFIED]", _boolean),
        RuleSpec("clock.foi.correction_period.length", "补正期限（工作日）", 15,
                 date(2019, 5, 15), "条例 第三十条 “合理的补正期限” [UNVERIFIED 天数]",
                 _positive_int),
        RuleSpec("clock.proactive.publish.length", "主动公开期限（工作日）", 20,
                 date(2019, 5, 15), "条例 第二十六条", _positive_int),
        RuleSpec("clock.penalty.publish.length", "行政处罚公示期限（工作日）", 7,
                 date(2017, 5, 27), "闽质监〔2017〕126号 第8项", _positive_int),
        RuleSpec("index_number.pattern", "索引号格式", "{org_code}/{year}-{seq:05d}",
                 date(2000, 1, 1), "RULES.md §9 [UNVERIFIED 无国家标准]", _pattern),
    ]
}


def rule_spec(key: str) -> RuleSpec:
    """Return the spec of a configurable rule, or raise KeyError."""
    return RULES[key]
