"""信息处理费 (processing fee) calculator: 政府信息公开信息处理费管理办法 (国办函〔2020〕109号).

条例 第四十二条: providing information is free; only where quantity or frequency clearly
exceeds a reasonable range may the organ charge. 国办函〔2020〕109号 sets two methods,
both progressive (超额累进), one per application, never both:

* by item (按件): counted per applicant per **calendar month**. Items 1-10 free,
  11-30 100 元/件, then from 31 in bands of 10, each band 100 元/件 more
  (31-40 200, 41-50 300 …; the bands from 31 on are derived, RULES.md §1.7).
* by volume (按量, only for paper copies, e-mail or copying electronic data), per
  application: pages 1-30 free, 31-100 10 元/页, 101-200 20 元/页, 201+ 40 元/页.
  150 pages = 70×10 + 50×20 = 1,700 元; RULES.md §1.7's worked example prints
  1,200 元, which contradicts its own bands, so the tests use 1,700 元.

The tables are parameters (rule values ``fee.per_item`` and ``fee.per_page_tiers``,
versioned by date); the defaults below equal those rule values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = [
    "PER_ITEM_DEFAULT",
    "PER_PAGE_DEFAULT",
    "FeeError",
    "FeeLine",
    "FeeMethod",
    "FeeQuote",
    "fee_by_item",
    "fee_by_page",
]

PER_ITEM_DEFAULT: dict[str, Any] = {
    "free_up_to": 10,
    "first_band_to": 30,
    "first_price": "100",
    "band_size": 10,
    "band_step": "100",
}
PER_PAGE_DEFAULT: list[list[Any]] = [[1, "0"], [31, "10"], [101, "20"], [201, "40"]]
BASIS = "政府信息公开信息处理费管理办法（国办函〔2020〕109号）"


class FeeError(ValueError):
    """Bad input to the calculator; the message is shown to staff."""


class FeeMethod(StrEnum):
    BY_ITEM = "by_item"  # 按件
    BY_PAGE = "by_page"  # 按量


@dataclass(frozen=True)
class FeeLine:
    """One price band of a quote: quantities ``first``..``last`` at ``price`` each."""

    first: int
    last: int
    price: Decimal

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> Decimal:
        return self.price * self.count

    def text(self, unit: str) -> str:
        return f"第{self.first}-{self.last}{unit}：{self.count}{unit} × {self.price}元"


@dataclass(frozen=True)
class FeeQuote:
    """The fee of one application, with the bands that make it up."""

    method: FeeMethod
    quantity: int
    lines: tuple[FeeLine, ...]
    basis: str = BASIS

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def unit(self) -> str:
        return "件" if self.method is FeeMethod.BY_ITEM else "页"

    def explanation(self) -> list[str]:
        """Lines for the fee notice: 依据、标准、数额."""
        paid = [line for line in self.lines if line.price]
        out = [f"依据：{self.basis}"]
        out += [f"{line.text(self.unit)} = {line.amount}元" for line in paid]
        out.append(f"合计：{self.total}元")
        return out


def _count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FeeError(f"{name}必须是非负整数")
    return value


def _item_price(k: int, table: Mapping[str, Any]) -> Decimal:
    """Price of the k-th item of the applicant's calendar month (1-based)."""
    free, first_to = int(table["free_up_to"]), int(table["first_band_to"])
    if k <= free:
        return Decimal(0)
    first = Decimal(str(table["first_price"]))
    if k <= first_to:
        return first
    # 国办函〔2020〕109号: beyond the first band, +band_step per band of band_size
    bands = -(-(k - first_to) // int(table["band_size"]))  # ceiling division
    return first + Decimal(str(table["band_step"])) * bands


def fee_by_item(
    items: int, *, earlier_in_month: int = 0, table: Mapping[str, Any] | None = None
) -> FeeQuote:
    """按件: the fee for ``items`` after ``earlier_in_month`` items this calendar month."""
    items, earlier = _count("件数", items), _count("本月此前件数", earlier_in_month)
    table = table or PER_ITEM_DEFAULT
    # Bands are computed band by band rather than item by item: a bulk applicant
    # with tens of thousands of items stays cheap.
    k, end = earlier + 1, earlier + items
    lines: list[FeeLine] = []
    while k <= end:
        price = _item_price(k, table)
        last = min(end, _band_end(k, table))
        if lines and lines[-1].price == price:  # a band_step of 0 continues the band
            lines[-1] = FeeLine(lines[-1].first, last, price)
        else:
            lines.append(FeeLine(k, last, price))
        k = last + 1
    return FeeQuote(FeeMethod.BY_ITEM, items, tuple(lines))


def _band_end(k: int, table: Mapping[str, Any]) -> int:
    """The last item number sharing the price of item k."""
    free, first_to = int(table["free_up_to"]), int(table["first_band_to"])
    if k <= free:
        return free
    if k <= first_to:
        return first_to
    size = int(table["band_size"])
    return first_to + -(-(k - first_to) // size) * size


def fee_by_page(
    pages: int, *, tiers: Sequence[Sequence[Any]] | None = None
) -> FeeQuote:
    """按量: the fee for a copy of ``pages`` pages (one application)."""
    pages = _count("页数", pages)
    rows = [
        (int(start), Decimal(str(price))) for start, price in tiers or PER_PAGE_DEFAULT
    ]
    if not rows or rows[0][0] != 1:
        raise FeeError("按量收费档次必须从第1页开始")
    lines: list[FeeLine] = []
    for i, (start, price) in enumerate(rows):
        if start > pages:
            break
        stop = rows[i + 1][0] - 1 if i + 1 < len(rows) else pages
        lines.append(FeeLine(start, min(stop, pages), price))
    return FeeQuote(FeeMethod.BY_PAGE, pages, tuple(lines))
