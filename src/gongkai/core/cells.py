"""Spreadsheet cells as typed values: dates and amounts in the forms staff type them.

Pure; shared by every import (penalties, registers) so the same cell means the same
value everywhere. Errors are ``ValueError`` with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["cell_text", "parse_amount", "parse_date"]

_DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def cell_text(value: Any) -> str:
    """The text of a cell: whole floats without ".0", dates as ISO, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    """A date from a cell: a date/datetime, or 2026-09-18 / 2026/9/18 / 2026年9月18日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            y, m, d = (int(g) for g in match.groups())
            try:
                return dt.date(y, m, d)
            except ValueError:
                break
    raise ValueError(f"日期“{text}”无效，应为 2026-09-18 这样的格式")


def parse_amount(
    value: Any, *, places: int, unit: str, limit: Decimal = Decimal("999999999999")
) -> Decimal:
    """A non-negative amount with at most ``places`` decimals; ``unit`` (元/万元) may
    follow the number and thousands separators are ignored."""
    text = cell_text(value).replace(",", "").replace("，", "")
    text = text.removesuffix(unit).strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"金额“{text}”不是数字（单位：{unit}）") from None
    if not amount.is_finite() or amount < 0 or amount > limit:
        raise ValueError(f"金额“{text}”超出范围")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise ValueError(f"金额“{text}”最多保留{places}位小数（单位：{unit}）")
    return amount
