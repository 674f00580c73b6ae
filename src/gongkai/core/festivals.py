"""The days off fixed by law, for a year whose holiday notice is not out yet.

《全国年节及纪念日放假办法》 (as amended by 国务院令第795号, in force 2025-01-01),
第二条: holidays for all citizens —

* 元旦 1 January (1 day);
* 春节 农历除夕 to 正月初三 (4 days);
* 清明节 the day of the 清明 solar term (1 day);
* 劳动节 1 and 2 May (2 days);
* 端午节 农历五月初五 (1 day);
* 中秋节 农历八月十五 (1 day);
* 国庆节 1 to 3 October (3 days).

What the 办法 does not fix stays unknown until the 国务院办公厅 notice: the 调休
make-up working days and the extra days that join a holiday to a weekend, and which
working day makes up for a holiday on a weekend (第六条 补假). A calendar built on
these days alone is therefore still provisional.

Lunar dates and the solar term come from ``lunar_python`` (pinned). The amended
rules apply from 2025; earlier years are all announced, so no earlier version of the
办法 is encoded. Years past 2100 get nothing (plain Monday to Friday).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType

__all__ = ["FIRST_YEAR", "LAST_YEAR", "statutory_days_off"]

FIRST_YEAR = 2025  # 国务院令第795号 in force 2025-01-01
LAST_YEAR = 2100


def _lunar(year: int, month: int, day: int) -> date:
    """The Gregorian date of a day of the lunar year that starts in ``year``."""
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    """The day (China time) of the 清明 solar term of ``year``."""
    from lunar_python import Solar

    solar = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@functools.lru_cache(maxsize=128)
def statutory_days_off(year: int) -> Mapping[date, str]:
    """The days off of ``year`` that the 办法 fixes, with the holiday's name."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return MappingProxyType({})
    days: dict[date, str] = {}

    def add(day: date, name: str) -> None:
        # 中秋 may fall within 国庆 (2028-10-03): one day off, both names
        days[day] = f"{days[day]}、{name}" if day in days else name

    # 办法 第二条（一）至（七）
    add(date(year, 1, 1), "元旦")
    # 正月初一 falls between 21 January and 20 February, so 除夕 (the day before,
    # whether the twelfth month has 29 or 30 days) is in the same Gregorian year
    first = _lunar(year, 1, 1)
    for offset in range(-1, 3):  # 除夕 to 初三
        add(first + timedelta(days=offset), "春节")
    add(_qingming(year), "清明节")
    add(date(year, 5, 1), "劳动节")
    add(date(year, 5, 2), "劳动节")
    add(_lunar(year, 5, 5), "端午节")
    add(_lunar(year, 8, 15), "中秋节")
    for day in (1, 2, 3):
        add(date(year, 10, day), "国庆节")
    return MappingProxyType(dict(sorted(days.items())))
