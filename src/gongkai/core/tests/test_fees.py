"""Processing fee tables of 国办函〔2020〕109号 (RULES.md §1.7), worked examples."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.fees import FeeError, FeeMethod, fee_by_item, fee_by_page


@pytest.mark.parametrize(
    ("items", "earlier", "total"),
    [
        (0, 0, "0"),
        (10, 0, "0"),  # items 1-10 free
        (11, 0, "100"),
        (12, 0, "200"),  # RULES §1.7 worked example: 12 in a month → 2 × 100
        (30, 0, "2000"),  # 20 × 100
        (31, 0, "2200"),  # 31st item: 200
        (40, 0, "4000"),  # 2000 + 10 × 200
        (41, 0, "4300"),  # 41st: 300
        (50, 0, "7000"),
        (2, 10, "200"),  # 11th and 12th of the month
        (1, 30, "200"),  # the 31st of the month
        (5, 38, "1300"),  # 39, 40 at 200; 41, 42, 43 at 300
    ],
)
def test_fee_by_item_is_progressive_per_calendar_month(items, earlier, total):
    quote = fee_by_item(items, earlier_in_month=earlier)
    assert quote.method is FeeMethod.BY_ITEM
    assert quote.total == Decimal(total)


@pytest.mark.parametrize(
    ("pages", "total"),
    [
        (0, "0"),
        (30, "0"),  # pages 1-30 free
        (31, "10"),
        (100, "700"),  # 70 × 10
        (101, "720"),
        # RULES §1.7 worked example: 70×10 + 50×20; the spec prints 1,200 元, but
        # the product it names is 700 + 1,000 = 1,700 元 (an arithmetic slip there)
        (150, "1700"),
        (200, "2700"),
        (201, "2740"),  # 201st page: 40
        (250, "4700"),
    ],
)
def test_fee_by_page_is_progressive_per_application(pages, total):
    assert fee_by_page(pages).total == Decimal(total)


def test_quote_explains_bands_for_the_fee_notice():
    lines = fee_by_page(150).explanation()
    assert lines[0].startswith("依据：政府信息公开信息处理费管理办法")
    assert "第31-100页：70页 × 10元 = 700元" in lines
    assert "第101-150页：50页 × 20元 = 1000元" in lines
    assert lines[-1] == "合计：1700元"


def test_configured_tables_replace_the_defaults():
    table = {
        "free_up_to": 5,
        "first_band_to": 10,
        "first_price": "50",
        "band_size": 5,
        "band_step": "0",
    }
    assert fee_by_item(20, table=table).total == Decimal(750)
    assert fee_by_page(10, tiers=[[1, "1"], [6, "2"]]).total == Decimal(15)


@pytest.mark.parametrize("bad", [-1, True, 1.5])
def test_negative_or_non_integer_quantities_are_refused(bad):
    with pytest.raises(FeeError):
        fee_by_item(bad)
    with pytest.raises(FeeError):
        fee_by_page(bad)


def test_page_tiers_must_start_at_page_one():
    with pytest.raises(FeeError):
        fee_by_page(10, tiers=[[2, "1"]])


def _item_price(k):
    if k <= 10:
        return 0
    if k <= 30:
        return 100
    return 100 + 100 * ((k - 31) // 10 + 1)


@given(st.integers(0, 300), st.integers(0, 300))
def test_fee_by_item_equals_sum_of_item_prices(items, earlier):
    expected = sum(_item_price(k) for k in range(earlier + 1, earlier + items + 1))
    assert fee_by_item(items, earlier_in_month=earlier).total == expected


@given(st.integers(0, 200), st.integers(0, 200), st.integers(0, 200))
def test_splitting_a_month_never_changes_the_total(a, b, before):
    whole = fee_by_item(a + b, earlier_in_month=before).total
    parts = fee_by_item(a, earlier_in_month=before).total
    parts += fee_by_item(b, earlier_in_month=before + a).total
    assert whole == parts
