"""Days off fixed by 《全国年节及纪念日放假办法》 for years not yet announced.

Expected dates are written out from the almanac, not from the library: 2027 正月初一
is Saturday 6 February (除夕 Friday 5 February; the twelfth month of 丙午 has 29 days,
so 除夕 is 腊月廿九), 清明 5 April, 端午 9 June, 中秋 15 September; 2028 正月初一 is
Wednesday 26 January, 清明 4 April, 端午 28 May, 中秋 3 October (inside 国庆).
The 2025 and 2026 notices, the first under the amended 办法, must contain every day the
rules give for those years: an independent check of the lunar and solar-term dates.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.core.festivals import statutory_days_off
from gongkai.core.workcal import WorkCalendar

D = date
CAL = WorkCalendar.official()

EXPECTED = {
    2027: {
        D(2027, 1, 1): "元旦",
        D(2027, 2, 5): "春节",  # 除夕
        D(2027, 2, 6): "春节",
        D(2027, 2, 7): "春节",
        D(2027, 2, 8): "春节",  # 初三
        D(2027, 4, 5): "清明节",
        D(2027, 5, 1): "劳动节",
        D(2027, 5, 2): "劳动节",
        D(2027, 6, 9): "端午节",
        D(2027, 9, 15): "中秋节",
        D(2027, 10, 1): "国庆节",
        D(2027, 10, 2): "国庆节",
        D(2027, 10, 3): "国庆节",
    },
    2028: {
        D(2028, 1, 1): "元旦",
        D(2028, 1, 25): "春节",
        D(2028, 1, 26): "春节",
        D(2028, 1, 27): "春节",
        D(2028, 1, 28): "春节",
        D(2028, 4, 4): "清明节",
        D(2028, 5, 1): "劳动节",
        D(2028, 5, 2): "劳动节",
        D(2028, 5, 28): "端午节",
        D(2028, 10, 1): "国庆节",
        D(2028, 10, 2): "国庆节",
        D(2028, 10, 3): "中秋节、国庆节",
    },
}


@pytest.mark.parametrize("year", [2027, 2028])
def test_statutory_days_off_table(year: int) -> None:
    assert dict(statutory_days_off(year)) == EXPECTED[year]


@pytest.mark.parametrize("year", [2025, 2026])
def test_rules_agree_with_the_announced_notices(year: int) -> None:
    known = WorkCalendar.official()
    for day, name in statutory_days_off(year).items():
        assert not known.is_working_day(day), (day, name)


@pytest.mark.parametrize("year", [2024, 2101])
def test_no_guess_outside_the_amended_rules(year: int) -> None:
    assert dict(statutory_days_off(year)) == {}


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (D(2027, 1, 1), "元旦"),
        (D(2027, 2, 5), "春节"),
        (D(2027, 2, 8), "春节"),
        (D(2027, 4, 5), "清明节"),
        (D(2027, 6, 9), "端午节"),
        (D(2027, 9, 15), "中秋节"),
        (D(2027, 10, 1), "国庆节"),
        (D(2028, 1, 25), "春节"),
        (D(2028, 5, 2), "劳动节"),
        (D(2028, 10, 3), "中秋节、国庆节"),
    ],
)
def test_official_calendar_rests_on_fixed_holidays_of_unknown_years(
    day: date, reason: str
) -> None:
    assert CAL.is_known(day) is False
    assert CAL.is_working_day(day) is False
    assert CAL.rest_reason(day) == reason


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 2026-12-31 Thu; 2027-01-01 Fri 元旦, then the weekend
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
        # Spring Festival 2027: 除夕 Fri 2-5 … 初三 Mon 2-8; no 调休 known
        (D(2027, 2, 4), 1, D(2027, 2, 9)),
        (D(2027, 2, 4), 5, D(2027, 2, 15)),
        # 清明 Mon 2027-04-05
        (D(2027, 4, 2), 1, D(2027, 4, 6)),
        # 劳动节 2027 falls on Sat/Sun: no weekday lost (补假 is set by the notice)
        (D(2027, 4, 30), 1, D(2027, 5, 3)),
        # 国庆 2027: Fri 10-1, then the weekend
        (D(2027, 9, 30), 1, D(2027, 10, 4)),
        # Spring Festival 2028: Tue 1-25 … Fri 1-28
        (D(2028, 1, 24), 1, D(2028, 1, 31)),
        # 国庆 2028 Sun–Tue, 中秋 on Tue 10-3: Mon and Tue off
        (D(2028, 9, 29), 1, D(2028, 10, 4)),
        # 20 working days (条例 第三十三条) across the Spring Festival 2028 block
        (D(2028, 1, 10), 20, D(2028, 2, 11)),
    ],
)
def test_provisional_due_dates_skip_fixed_holidays(
    start: date, n: int, expected: date
) -> None:
    due = CAL.add_working_days(start, n)
    assert (due, due.provisional) == (expected, True)


def test_announced_year_replaces_the_guess() -> None:
    cal = WorkCalendar.official(known_years=[2027])
    assert cal.is_working_day(D(2027, 2, 5)) is True  # only the table counts then
    assert cal.add_working_days(D(2027, 2, 4), 1) == D(2027, 2, 5)


def test_plain_calendar_guesses_nothing() -> None:
    cal = WorkCalendar()
    assert cal.is_working_day(D(2027, 1, 1)) is True


def test_every_guessed_day_is_named_and_in_its_year() -> None:
    for year in range(2027, 2060):
        days = statutory_days_off(year)
        assert len(days) in (12, 13)  # 13, or 12 when 中秋 meets 国庆
        assert all(day.year == year and name for day, name in days.items())
        first = min(d for d, n in days.items() if n == "春节")
        assert D(year, 1, 20) <= first <= D(year, 2, 19)
        assert [first + timedelta(days=k) in days for k in range(4)] == [True] * 4
