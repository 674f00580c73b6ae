"""Cells as typed values (dates, amounts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.core.cells import cell_text, parse_amount, parse_date


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-09-18", dt.date(2026, 9, 18)),
        ("2026/9/8", dt.date(2026, 9, 8)),
        ("2026.9.8", dt.date(2026, 9, 8)),
        ("2026年9月18日", dt.date(2026, 9, 18)),
        ("20260918", dt.date(2026, 9, 18)),
        (dt.datetime(2026, 9, 18, 0, 0), dt.date(2026, 9, 18)),
        (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
    ],
)
def test_dates_in_the_forms_staff_type(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["2026-02-30", "明天", "18/09/2026", "", None])
def test_bad_dates_say_why(cell):
    with pytest.raises(ValueError, match="日期"):
        parse_date(cell)


@pytest.mark.parametrize(
    ("cell", "places", "unit", "expected"),
    [
        ("1,234.5元", 2, "元", Decimal("1234.5")),
        (2.0, 2, "元", Decimal("2")),
        ("0.000001", 6, "万元", Decimal("0.000001")),
    ],
)
def test_amounts(cell, places, unit, expected):
    assert parse_amount(cell, places=places, unit=unit) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("两万", "不是数字"),
        ("-1", "超出范围"),
        ("1.234", "2位小数"),
        ("NaN", "超出范围"),
    ],
)
def test_bad_amounts_say_why(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_amount(cell, places=2, unit="元")


def test_cell_text():
    assert cell_text(3.0) == "3" and cell_text(None) == "" and cell_text(" a ") == "a"
