"""Validation of one penalty record given as raw cells keyed by exchange code (pure).

The same function serves the import (any cell type a spreadsheet yields), the forms and
the API, so a record is judged the same way wherever it comes from. Identifiers are
checked and stored canonical (RULES §4); amounts are 万元 decimals (18,6); the 文号 is
brought to its canonical form; texts that will be published must not contain personal
data (RULES §3.3: the scan blocks them).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.core.cells import cell_text, parse_amount, parse_date
from gongkai.core.ids import (
    IdentifierError,
    canonical_id_number,
    canonical_uscc,
    parse_doc_number,
)
from gongkai.core.text import scan_personal_data

from . import rules
from .fields import BY_CODE, FIELDS, FieldSpec

_ENUMS: dict[str, dict[str, str]] = {
    "CF_XDR_LB": rules.CATEGORY_LABELS,
    "CF_FR_ZJLX": rules.ID_TYPE_LABELS,
    "CF_XDR_ZJLX": rules.ID_TYPE_LABELS,
    "HYLY": rules.SECTOR_LABELS,
}
_ENUM_ALIASES: dict[str, str] = {
    "法人": "organisation",
    "法人及其他组织": "organisation",
    "非法人组织": "organisation",
    "居民身份证": "id_card",
    "中华人民共和国居民身份证": "id_card",
    "吊销营业执照": "revoke_licence",
    "吊销许可证": "revoke_licence",
    "暂扣许可证": "suspend_licence",
    "没收违法所得、没收非法财物": "confiscate_income,confiscate_property",
    "责令停产停业整顿": "suspend_business",
}
_TYPE_SPLIT = re.compile(r"[;；,，/|\n]+")
_MAX_MONEY = Decimal("999999999999")  # decimal(18,6): 12 integer digits
_PII_KINDS = {
    "id_number": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
}
# A blank cell; a cell that failed to parse is None instead.
_EMPTY: dict[str, Any] = {"types": [], "money": None, "date": None}
# Published texts that the personal-data scan reads.
SCANNED = ("CF_XDR_MC", "CF_WFXW", "CF_SY", "CF_YJ", "CF_NR", "BZ", "JDS_QW")
_SCANNED_ATTRS = [(code, BY_CODE[code].attr) for code in SCANNED]


@dataclass
class Result:
    values: dict[str, Any] = field(default_factory=dict)  # attr -> value
    errors: list[tuple[str, str]] = field(default_factory=list)  # (code, message)

    @property
    def ok(self) -> bool:
        return not self.errors


_text = cell_text


def _str(raw: Any) -> str:
    """cell_text, with the common case (a str cell) inline."""
    return raw.strip() if type(raw) is str else cell_text(raw)


def parse_money(value: Any) -> Decimal:
    """A non-negative amount in 万元 with at most 6 decimals (decimal(18,6))."""
    return parse_amount(value, places=6, unit="万元", limit=_MAX_MONEY)


def enum_value(
    text: str, *, labels: Mapping[str, str], aliases: Mapping[str, str]
) -> str:
    """An enumerated cell (penalties and licences) as its code: given as the code,
    its label, or an alias that names a code of ``labels``."""
    if text in labels:
        return text
    for key, label in labels.items():
        if text == label:
            return key
    alias = aliases.get(text)
    if alias is not None and alias in labels:
        return alias
    raise ValueError(
        "“{}”不是有效取值，应为：{}".format(text, "、".join(labels.values()))
    )


def _enum(code: str, text: str) -> str:
    return enum_value(text, labels=_ENUMS[code], aliases=_ENUM_ALIASES)


def parse_types(value: Any) -> list[str]:
    """处罚类别: one or more of 行政处罚法 第九条, separated by ；、, or 、."""
    text = _text(value)
    found: list[str] = []
    label_to_code = {v: k for k, v in rules.TYPE_LABELS.items()}
    for part in _TYPE_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        codes = _ENUM_ALIASES.get(part) or label_to_code.get(part)
        if codes is None and part in rules.TYPE_LABELS:
            codes = part
        if codes is None:  # "警告、罚款": split on 、 only when the whole is unknown
            sub = [label_to_code.get(p.strip()) for p in part.split("、")]
            if all(sub):
                codes = ",".join(s for s in sub if s)
        if codes is None:
            raise ValueError(f"处罚类别“{part}”不在行政处罚法第九条所列种类之中")
        for c in codes.split(","):
            if c not in found:
                found.append(c)
    if not found:
        raise ValueError("必须填写处罚类别")
    return found


# Pure and repeated across rows of one file (the authority's code, template texts):
# remembered, so a large import checks each distinct value once.
@functools.lru_cache(maxsize=4096)
def _uscc(text: str) -> str:
    return canonical_uscc(text)


# Every kind the scan finds needs an @ (e-mail) or at least 11 digits (a mobile is
# the shortest), ASCII or full-width: a text without them is not scanned.
_NOT_DIGIT = re.compile(r"[^0-9\uff10-\uff19]+")


def _may_hold_personal_data(text: str) -> bool:
    if "@" in text or "\uff20" in text:
        return True
    return len(_NOT_DIGIT.sub("", text)) >= 11


@functools.lru_cache(maxsize=4096)
def _personal_kinds(text: str) -> str:
    if not _may_hold_personal_data(text):
        return ""
    found = scan_personal_data(text)
    return "、".join(dict.fromkeys(_PII_KINDS[f.kind] for f in found))


def _text_parser(spec: FieldSpec) -> Callable[[Any], Any]:
    limit = spec.max_length

    def parse(raw: Any) -> str:
        text = raw.strip() if type(raw) is str else _text(raw)
        if limit and len(text) > limit:
            raise ValueError(f"长度超过{limit}个字符")
        return text

    return parse


def _enum_parser(spec: FieldSpec) -> Callable[[Any], Any]:
    code = spec.code
    return lambda raw: _enum(code, raw.strip() if type(raw) is str else _text(raw))


def _uscc_parser(spec: FieldSpec) -> Callable[[Any], Any]:
    def parse(raw: Any) -> str:
        try:
            return _uscc(raw.strip() if type(raw) is str else _text(raw))
        except IdentifierError as exc:
            raise ValueError(exc.message) from None

    return parse


def _doc_number(raw: Any) -> str:
    try:
        return str(parse_doc_number(_str(raw)))
    except IdentifierError as exc:
        raise ValueError(exc.message) from None


def _date(raw: Any) -> dt.date:
    if type(raw) is dt.datetime:
        return raw.date()
    return parse_date(raw)


# How each kind of cell is read; built once per field (validation runs per row).
_PARSERS: dict[str, Callable[[FieldSpec], Callable[[Any], Any]]] = {
    "text": _text_parser,
    "longtext": _text_parser,
    "enum": _enum_parser,
    "types": lambda spec: lambda raw: list(_types(_str(raw))),
    "uscc": _uscc_parser,
    "money": lambda spec: lambda raw: _money(_str(raw)),
    "date": lambda spec: _date,
    "doc_number": lambda spec: _doc_number,
}


@functools.lru_cache(maxsize=1024)
def _types(text: str) -> tuple[str, ...]:
    return tuple(parse_types(text))


@functools.lru_cache(maxsize=4096)
def _money(text: str) -> Decimal:
    return parse_money(text)


_Plan = list[tuple[str, str, bool, Any, Any]]


@functools.lru_cache(maxsize=64)
def _plan_for(
    codes: tuple[str, ...],
) -> tuple[_Plan, dict[str, Any], list[tuple[str, list[Any]]]]:
    """For records with these keys: the fields to read (the given ones, and the
    required ones so that their absence is reported), and the empty values of the
    optional fields that are absent: the immutable ones, and the attributes whose
    empty value is a list (a new list for each record)."""
    given = set(codes)
    read = [p for p in _PLAN if p[0] in given or p[2]]
    absent = [(p[1], p[4]) for p in _PLAN if p[0] not in given and not p[2]]
    fixed = {attr: empty for attr, empty in absent if not isinstance(empty, list)}
    lists = [(attr, empty) for attr, empty in absent if isinstance(empty, list)]
    return read, fixed, lists


_PLAN = [
    (
        spec.code,
        spec.attr,
        spec.required,
        _PARSERS[spec.kind](spec),
        _EMPTY.get(spec.kind, ""),
    )
    for spec in FIELDS
]


def validate_record(
    raw: Mapping[str, Any],
    *,
    today: dt.date,
    small_fine: Callable[[dt.date], Decimal],
) -> Result:
    """Check one record (raw cells by field code); values by model attribute.

    ``small_fine(decided_on)`` is the 较低数额罚款 threshold (万元) in force that day.
    """
    result = Result()
    values, errors = result.values, result.errors
    plan, fixed, lists = _plan_for(tuple(raw))
    values.update(fixed)
    for attr, empty in lists:
        values[attr] = list(empty)
    for code, attr, required, parse, empty in plan:
        cell = raw.get(code)
        if cell is None or (type(cell) is str and (not cell or cell.isspace())):
            if required:
                errors.append((code, "必填项为空"))
            values[attr] = list(empty) if isinstance(empty, list) else empty
            continue
        try:
            values[attr] = parse(cell)
        except ValueError as exc:
            errors.append((code, str(exc)))
            values[attr] = None
    if not values.get("sector"):
        values["sector"] = "general"
    check_ids(values, errors, party_code="CF_XDR_ZJHM", legal_rep_code="CF_FR_ZJHM")
    errors.extend(party_problems_of(values))
    if values.get("penalty_types"):
        errors.extend(
            rules.amount_problems(
                types=values["penalty_types"],
                fine_amount=values.get("fine_amount"),
                confiscated_amount=values.get("confiscated_amount"),
                licence_affected=values.get("licence_affected") or "",
            )
        )
    _check_dates(values, errors, today=today, small_fine=small_fine)
    check_personal_data(values, errors, scanned=_SCANNED_ATTRS)
    return result


def publication_window(
    *,
    decided_on: dt.date,
    types: tuple[str, ...],
    fine_amount: Decimal | None,
    sector: str,
    small_fine: Decimal,
    restriction_until: dt.date | None,
) -> rules.Window:
    """rules.publication_window, remembered: an import repeats few combinations."""
    return _window(
        decided_on, types, fine_amount, sector, small_fine, restriction_until
    )


# Positional: the cache key of keyword arguments costs more than the look-up.
@functools.lru_cache(maxsize=8192)
def _window(
    decided_on: dt.date,
    types: tuple[str, ...],
    fine_amount: Decimal | None,
    sector: str,
    small_fine: Decimal,
    restriction_until: dt.date | None,
) -> rules.Window:
    return rules.publication_window(
        decided_on=decided_on,
        types=types,
        fine_amount=fine_amount,
        sector=sector,
        small_fine=small_fine,
        restriction_until=restriction_until,
    )


def check_ids(
    values: dict[str, Any],
    errors: list[tuple[str, str]],
    *,
    party_code: str,
    legal_rep_code: str,
) -> None:
    """A 身份证 number is checked and stored canonical, other documents as entered
    (RULES §4); a number without a document type is taken as a 身份证. Problems are
    reported on ``party_code`` and ``legal_rep_code`` (penalties and licences)."""
    for type_attr, number_attr, code in (
        ("party_id_type", "party_id_number", party_code),
        ("legal_rep_id_type", "legal_rep_id_number", legal_rep_code),
    ):
        number = values.get(number_attr) or ""
        if number and values.get(type_attr) in ("id_card", ""):
            try:
                values[number_attr] = canonical_id_number(number)
            except IdentifierError as exc:
                errors.append((code, exc.message))
            if not values.get(type_attr):
                values[type_attr] = "id_card"


def party_problems_of(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """rules.party_problems for the parsed values (penalty field codes), once the
    category is known and the 统一社会信用代码 parsed."""
    if not values.get("party_category") or values.get("uscc") is None:
        return []
    return rules.party_problems(
        category=values["party_category"],
        uscc=values.get("uscc") or "",
        reg_number=values.get("reg_number") or "",
        legal_rep=values.get("legal_rep") or "",
        id_type=values.get("party_id_type") or "",
        id_number=values.get("party_id_number") or "",
    )


def check_personal_data(
    values: Mapping[str, Any],
    errors: list[tuple[str, str]],
    *,
    scanned: Sequence[tuple[str, str]],
) -> None:
    """Texts that are published must not contain personal data (RULES §3.3): each
    (code, attr) of ``scanned`` that does is reported on its code."""
    for code, attr in scanned:
        text = values.get(attr) or ""
        kinds = _personal_kinds(text) if text else ""
        if kinds:
            errors.append((code, f"含有个人信息（{kinds}），公开前必须删除或遮蔽"))


def _check_dates(
    values: dict[str, Any],
    errors: list[tuple[str, str]],
    *,
    today: dt.date,
    small_fine: Callable[[dt.date], Decimal],
) -> None:
    decided = values.get("decided_on")
    if decided is None:
        return
    if decided > today:
        errors.append(("CF_JDRQ", "处罚决定日期不能晚于今天"))
        return
    window = _window(
        decided,
        tuple(values.get("penalty_types") or ()),
        values.get("fine_amount"),
        values.get("sector") or "general",
        small_fine(decided),
        values.get("restriction_until"),
    )
    given = values.get("publicity_until")
    if given is not None and given < window.until:
        errors.append(
            (
                "CF_GSJZQ",
                f"公示截止期早于规定期限（{window.basis}，应不早于"
                f"{window.until.isoformat()}）",
            )
        )
    elif given is None:
        values["publicity_until"] = window.until
    valid = values.get("valid_until")
    if valid is not None and valid < decided:
        errors.append(("CF_YXQ", "处罚有效期不能早于处罚决定日期"))
    elif valid is None:
        values["valid_until"] = values["publicity_until"]
