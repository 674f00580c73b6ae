"""Validation of one licensing decision given as raw cells keyed by exchange code
(pure, no database): the same judgement for the form, the API and the import.

Identifiers are checked and stored canonical (RULES §4); a natural person's 身份证
number is checked; the party's category must agree with its codes (the penalty rule,
``penalties.rules.party_problems``); texts that are published must not contain
personal data (RULES §3.3). 文书号 are kept as written: licence numbers follow no one
pattern (old and local forms are real values, not errors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from gongkai.core.cells import cell_text, parse_date
from gongkai.core.ids import IdentifierError, canonical_uscc

from .. import rules as penalty_rules
from ..validation import (
    Result,
    check_ids,
    check_personal_data,
    enum_value,
    party_problems_of,
)
from . import rules
from .fields import INPUT_FIELDS

_ENUMS: dict[str, dict[str, str]] = {
    "XK_XDR_LB": penalty_rules.CATEGORY_LABELS,
    "XK_FR_ZJLX": penalty_rules.ID_TYPE_LABELS,
    "XK_XDR_ZJLX": penalty_rules.ID_TYPE_LABELS,
    "XK_XKLB": rules.LICENCE_CATEGORY_LABELS,
}
_ALIASES: dict[str, str] = {
    "法人": "organisation",
    "法人及其他组织": "organisation",
    "非法人组织": "organisation",
    "居民身份证": "id_card",
    "中华人民共和国居民身份证": "id_card",
    "一般许可": "general",
    "普通许可": "general",
}
# Published texts that the personal-data scan reads (a natural person's name is
# masked by the presenters, not refused).
SCANNED = ("XK_XKWS", "XK_NR", "XK_XKZS", "BZ")
_SCANNED_ATTRS = [
    (code, next(f.attr for f in INPUT_FIELDS if f.code == code)) for code in SCANNED
]
# The party codes that penalties.rules.party_problems reports, as licence codes.
_PARTY_CODES = {
    "CF_XDR_SHXYM": "XK_XDR_SHXYM",
    "CF_XDR_ZJLX": "XK_XDR_ZJLX",
    "CF_XDR_ZJHM": "XK_XDR_ZJHM",
    "CF_FRDB": "XK_FRDB",
}


def _enum(code: str, text: str) -> str:
    return enum_value(text, labels=_ENUMS[code], aliases=_ALIASES)


def _parse(code: str, kind: str, limit: int, raw: Any) -> Any:
    text = raw.strip() if isinstance(raw, str) else cell_text(raw)
    if kind in ("text", "longtext"):
        if limit and len(text) > limit:
            raise ValueError(f"长度超过{limit}个字符")
        return text
    if kind == "enum":
        return _enum(code, text)
    if kind == "uscc":
        try:
            return canonical_uscc(text)
        except IdentifierError as exc:
            raise ValueError(exc.message) from None
    if kind == "date":
        if code == "XK_YXQJZ" and text in rules.LONG_TERM_WORDS:
            return rules.LONG_TERM
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        return parse_date(text)
    raise ValueError(f"unknown kind {kind}")  # pragma: no cover - a FIELDS error


def validate_licence(record: Mapping[str, Any], *, today: dt.date) -> Result:
    """Validate raw cells keyed by exchange code; values keyed by model attribute."""
    result = Result()
    values, errors = result.values, result.errors
    for spec in INPUT_FIELDS:
        raw = record.get(spec.code)
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        if blank:
            if spec.required:
                errors.append((spec.code, "必须填写"))
            values[spec.attr] = None if spec.kind == "date" else ""
            continue
        try:
            values[spec.attr] = _parse(spec.code, spec.kind, spec.max_length, raw)
        except ValueError as exc:
            errors.append((spec.code, str(exc)))
            values[spec.attr] = None
    check_ids(values, errors, party_code="XK_XDR_ZJHM", legal_rep_code="XK_FR_ZJHM")
    for code, message in party_problems_of(values):
        errors.append((_PARTY_CODES.get(code, code), message))
    decided, start, end = (
        values.get("decided_on"),
        values.get("valid_from"),
        values.get("valid_until"),
    )
    if decided and start and end:
        errors.extend(
            rules.validity_problems(
                decided_on=decided, valid_from=start, valid_until=end, today=today
            )
        )
    check_personal_data(values, errors, scanned=_SCANNED_ATTRS)
    return result
