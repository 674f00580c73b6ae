"""Pure rules of service guides and the power list (RULES.md §7). No Django.

Guide completeness (``guide_problems``): a guide that fails any check is refused
publication, with every failing element named. The checks and their sources:

* 国务院令第716号 第六条: a 办事指南 states at least 受理条件、办事材料、办理流程; the
  national element set (RULES §7, ``up_task_general_basic``) adds the other elements
  checked as present here (事项名称, 实施编码, 事项类型, 设定依据, 实施主体, 时限, 到办事
  现场次数, 办件类型, 网上办理深度, 咨询方式, 监督投诉方式).
* 实施编码: an opaque string (segment semantics [UNVERIFIED]) that embeds the 18-char
  统一社会信用代码 of the 实施主体 (RULES §7, Sichuan example); that USCC is validated.
* 全程网办（Ⅳ级） ⇒ 到办事现场次数 = 0 (RULES §7, Zhejiang item data).
* Ⅲ级 and Ⅳ级 are handled online ⇒ the 网办地址 is stated (extension table 网办地址).
* 到现场 0 次且不网办 ⇒ 办理形式 includes 邮寄 (RULES §7, provincial data-quality check).
* 是否收费=是 ⇒ 收费依据、收费项目、是否支持网上支付 stated (same check).
* 咨询电话 ≠ 投诉电话, both with an area code (same check).
* 承诺办结时限 ≤ 法定办结时限 (优化营商环境条例 第三十五条: a locally shortened
  time limit is published; it can only be shorter). Across units the promise must
  hold whatever the calendar: its longest calendar span ≤ the statutory limit's
  shortest one.

The power list (``power_list_on``, ``power_diff``) is the result of its dated
adjustments (工作方案 第2项): 新增/保留/承接/调整 put an item on the list with the state
recorded then; 取消 and 下放 take it off.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.core.ids import is_valid_uscc

__all__ = [
    "AdjustmentFact",
    "DiffRow",
    "GuideFacts",
    "Problem",
    "guide_problems",
    "implementation_code_problem",
    "limit_span_days",
    "phone_key",
    "power_diff",
    "power_list_on",
]

ONLINE_LEVELS = ("3", "4")  # Ⅲ级 and Ⅳ级: accepted and decided online
FULLY_ONLINE = "4"


@dataclass(frozen=True)
class Problem:
    """One failing element of a guide: its field name, its label and why."""

    element: str
    label: str
    message: str


@dataclass(frozen=True)
class GuideFacts:
    """What the completeness checks read of a guide (plain values)."""

    name: str = ""
    implementation_code: str = ""
    item_type: str = ""
    legal_basis: str = ""
    implementing_body: str = ""
    accept_conditions: str = ""
    procedure: str = ""
    materials: int = 0
    statutory_limit: int | None = None
    statutory_unit: str = ""
    promised_limit: int | None = None
    promised_unit: str = ""
    visits: int | None = None
    handling_type: str = ""
    handling_forms: frozenset[str] = field(default_factory=frozenset)
    online_level: str = ""
    online_address: str = ""
    charged: bool = False
    fee_items: str = ""
    fee_basis: str = ""
    online_payment: str = ""  # "yes", "no" or "" (not stated)
    consult_phone: str = ""
    complaint_phone: str = ""


# The elements every guide states (国务院令第716号 第六条 and the national set).
REQUIRED: tuple[tuple[str, str], ...] = (
    ("name", "事项名称"),
    ("implementation_code", "实施编码"),
    ("item_type", "事项类型"),
    ("legal_basis", "设定依据"),
    ("implementing_body", "实施主体"),
    ("accept_conditions", "受理条件"),
    ("procedure", "办理流程"),
    ("handling_type", "办件类型"),
    ("online_level", "网上办理深度"),
    ("consult_phone", "咨询电话"),
    ("complaint_phone", "监督投诉电话"),
)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def implementation_code_problem(code: str) -> str | None:
    """Why the 实施编码 is not acceptable, or None. The code is opaque except for
    the 18-character 统一社会信用代码 of the 实施主体 it embeds (RULES §7)."""
    text = unicodedata.normalize("NFKC", code or "").strip()
    if not text:
        return "未填写"
    if len(text) > 36 + 20:
        return "过长"
    segments = [s for s in re.split(r"[-－—_\s]+", text) if s]
    candidates = [s for s in segments if len(s) == 18]
    if not candidates:
        return "未包含实施主体的18位统一社会信用代码"
    if not any(is_valid_uscc(s) for s in candidates):
        return f"所含统一社会信用代码“{candidates[0]}”校验不通过"
    return None


# An area code starts with 0 and has 3 or 4 digits (010, 020–029; 0571 …); the local
# number has 7 or 8 digits; an extension may follow (-123, 转123).
_PHONE = re.compile(r"^(0\d{2,3})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?)\d{1,6})?$")


def phone_key(text: str) -> str | None:
    """The digits of a landline number with its area code, or None when it has none
    (a mobile number or 12345 alone has no area code)."""
    value = unicodedata.normalize("NFKC", text or "")
    value = re.sub(r"[\s()（）]", "", value).replace("—", "-").replace("－", "-")
    m = _PHONE.match(value)
    if not m:
        # "(0571)88888888" leaves "057188888888" once the brackets are gone.
        return None
    return m.group(1) + m.group(2)


def limit_span_days(value: int, unit: str) -> tuple[float, float]:
    """The shortest and longest calendar span of a time limit, in days.

    Working days: 5 in a week, so ``w`` of them span at least ``w + 2·⌊(w-1)/5⌋``
    days and at most that plus a 7-day holiday block each 20 working days (Spring
    Festival, National Day). Months: 28 to 31 days each. Hours: ``h/24`` days.
    """
    if unit == "day":
        return float(value), float(value)
    if unit == "working_day":
        if value <= 0:
            return 0.0, 0.0
        least = value + 2 * ((value - 1) // 5)
        return float(least), float(least + 2 + 7 * math.ceil(value / 20))
    if unit == "month":
        return 28.0 * value, 31.0 * value
    if unit == "hour":
        return value / 24, value / 24
    raise ValueError(unit)


UNIT_LABELS = {
    "working_day": "工作日",
    "day": "自然日",
    "month": "个月",
    "hour": "小时",
}


def _limits_problem(g: GuideFacts) -> list[Problem]:
    out = []
    for attr, unit_attr, label in (
        ("statutory_limit", "statutory_unit", "法定办结时限"),
        ("promised_limit", "promised_unit", "承诺办结时限"),
    ):
        if getattr(g, attr) is None:
            out.append(Problem(attr, label, "未填写"))
        elif getattr(g, unit_attr) not in UNIT_LABELS:
            out.append(Problem(unit_attr, label, "未注明单位"))
    if out:
        return out
    assert g.statutory_limit is not None and g.promised_limit is not None
    # 优化营商环境条例 第三十五条: a promise can only shorten the statutory limit.
    if g.statutory_unit == g.promised_unit:
        longer = g.promised_limit > g.statutory_limit
    else:
        longer = (
            limit_span_days(g.promised_limit, g.promised_unit)[1]
            > limit_span_days(g.statutory_limit, g.statutory_unit)[0]
        )
    if longer:
        out.append(
            Problem(
                "promised_limit",
                "承诺办结时限",
                f"{g.promised_limit}{UNIT_LABELS[g.promised_unit]}超过法定办结时限"
                f"{g.statutory_limit}{UNIT_LABELS[g.statutory_unit]}"
                + ("" if g.statutory_unit == g.promised_unit else "（按日历最长计）"),
            )
        )
    return out


def guide_problems(g: GuideFacts) -> list[Problem]:
    """Every failing element of a guide, in the order of the guide (see module doc)."""
    out = [
        Problem(attr, label, "未填写")
        for attr, label in REQUIRED
        if _blank(getattr(g, attr))
    ]
    code_problem = implementation_code_problem(g.implementation_code)
    if code_problem and code_problem != "未填写":
        out.append(Problem("implementation_code", "实施编码", code_problem))
    # 国务院令第716号 第六条: 办事材料.
    if g.materials <= 0:
        out.append(Problem("materials", "申请材料", "未列出申请材料"))
    out.extend(_limits_problem(g))
    if g.visits is None:
        out.append(Problem("visits", "到办事现场次数", "未填写"))
    # RULES §7 (Zhejiang item data): 全程网办（Ⅳ级） ⇒ 到办事现场次数 = 0.
    elif g.online_level == FULLY_ONLINE and g.visits != 0:
        out.append(
            Problem("visits", "到办事现场次数", "全程网办（Ⅳ级）事项到现场次数应为0次")
        )
    online = g.online_level in ONLINE_LEVELS
    # Extension table 网办地址: an item handled online says where.
    if online and _blank(g.online_address):
        out.append(
            Problem("online_address", "网上办理地址", "Ⅲ级、Ⅳ级事项应提供网上办理地址")
        )
    # RULES §7 (provincial check): 到现场 0 次且不网办 ⇒ 办理形式 includes 邮寄.
    if g.visits == 0 and not online and "mail" not in g.handling_forms:
        out.append(
            Problem(
                "handling_forms",
                "办理形式",
                "到现场0次且不能网上办理的，办理形式应包括快递（邮寄）",
            )
        )
    # RULES §7 (provincial check): 是否收费=是 ⇒ 收费依据、收费项目、是否支持网上支付.
    if g.charged:
        if _blank(g.fee_items):
            out.append(
                Problem("fee_items", "收费项目及标准", "收费事项应列明收费项目及标准")
            )
        if _blank(g.fee_basis):
            out.append(Problem("fee_basis", "收费依据", "收费事项应列明收费依据"))
        if g.online_payment not in ("yes", "no"):
            out.append(
                Problem(
                    "online_payment",
                    "是否支持网上支付",
                    "收费事项应说明是否支持网上支付",
                )
            )
    # RULES §7 (provincial check): 咨询电话 ≠ 投诉电话, both with an area code.
    keys = {}
    for attr, label in (
        ("consult_phone", "咨询电话"),
        ("complaint_phone", "监督投诉电话"),
    ):
        value = getattr(g, attr)
        if _blank(value):
            continue
        key = phone_key(value)
        if key is None:
            out.append(Problem(attr, label, f"“{value.strip()}”应为带区号的固定电话"))
        keys[attr] = key
    if keys.get("consult_phone") and keys.get("consult_phone") == keys.get(
        "complaint_phone"
    ):
        out.append(Problem("complaint_phone", "监督投诉电话", "不得与咨询电话相同"))
    return out


def problems_text(problems: Iterable[Problem]) -> str:
    """One line naming every failing element: "受理条件：未填写；…"."""
    return "；".join(f"{p.label}：{p.message}" for p in problems)


# ---------------------------------------------------------------- power list

LISTED = frozenset({"add", "retain", "take_over", "change"})
OFF_LIST = frozenset({"cancel", "delegate"})
# On one day, an item's adjustments apply in this order (新增 before 调整 before 取消).
_KIND_ORDER = {
    "add": 0,
    "take_over": 1,
    "retain": 2,
    "change": 3,
    "delegate": 4,
    "cancel": 5,
}


@dataclass(frozen=True)
class AdjustmentFact:
    """One dated adjustment of one power item, with the item as it stood after it."""

    code: str
    kind: str
    on: date
    snapshot: dict[str, Any]
    doc_number: str = ""
    reason: str = ""
    delegated_to: str = ""
    seq: int = 0  # tie-break on the same day and kind (recording order)


@dataclass(frozen=True)
class DiffRow:
    """One item that differs between two dates."""

    code: str
    change: str  # "added", "cancelled", "delegated", "changed"
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    adjustments: tuple[AdjustmentFact, ...]
    fields: tuple[str, ...] = ()  # the changed snapshot keys ("changed" rows)


def _ordered(adjustments: Iterable[AdjustmentFact]) -> list[AdjustmentFact]:
    return sorted(adjustments, key=lambda a: (a.on, _KIND_ORDER.get(a.kind, 9), a.seq))


def power_list_on(
    adjustments: Iterable[AdjustmentFact], on: date
) -> dict[str, AdjustmentFact]:
    """The list as it was at the end of day ``on``: code → the adjustment that put
    the item in its state then (its snapshot is the item as listed)."""
    last: dict[str, AdjustmentFact] = {}
    for adj in _ordered(adjustments):
        if adj.on > on:
            break
        last[adj.code] = adj
    return {code: adj for code, adj in last.items() if adj.kind in LISTED}


def power_diff(
    adjustments: Sequence[AdjustmentFact], start: date, end: date
) -> list[DiffRow]:
    """What changed in the list from the end of ``start`` to the end of ``end``:
    items added (新增/承接), cancelled (取消), delegated (下放) or changed (调整)."""
    if end < start:
        start, end = end, start
    before, after = power_list_on(adjustments, start), power_list_on(adjustments, end)
    between: dict[str, list[AdjustmentFact]] = {}
    for adj in _ordered(adjustments):
        if start < adj.on <= end:
            between.setdefault(adj.code, []).append(adj)
    rows: list[DiffRow] = []
    for code in sorted(set(before) | set(after)):
        b, a = before.get(code), after.get(code)
        steps = tuple(between.get(code, ()))
        if b is None and a is not None:
            rows.append(DiffRow(code, "added", None, a.snapshot, steps))
        elif b is not None and a is None:
            off = [s for s in steps if s.kind in OFF_LIST]
            change = "delegated" if off and off[-1].kind == "delegate" else "cancelled"
            rows.append(DiffRow(code, change, b.snapshot, None, steps))
        elif b is not None and a is not None and b.snapshot != a.snapshot:
            keys = sorted(set(b.snapshot) | set(a.snapshot))
            changed = tuple(k for k in keys if b.snapshot.get(k) != a.snapshot.get(k))
            rows.append(
                DiffRow(code, "changed", b.snapshot, a.snapshot, steps, changed)
            )
    return rows
