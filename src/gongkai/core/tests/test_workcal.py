"""Working-day calendar: fixed-date tables (RULES.md §1.10, §11) and invariants."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.workcal import (
    CalendarUnknownError,
    DayOverride,
    WorkCalendar,
    WorkDate,
)

CAL = WorkCalendar.official()
D = date


# RULES.md §1.10, every row exactly.
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 2, 10), 20, D(2026, 3, 16)),
        (D(2026, 2, 10), 40, D(2026, 4, 14)),
        (D(2025, 9, 26), 20, D(2025, 10, 30)),
        (D(2026, 4, 30), 20, D(2026, 6, 1)),
        (D(2026, 9, 18), 7, D(2026, 9, 29)),
        (D(2026, 9, 18), 20, D(2026, 10, 22)),
        (D(2025, 12, 31), 20, D(2026, 1, 29)),
        (D(2026, 1, 29), 7, D(2026, 2, 9)),
        (D(2026, 9, 30), 15, D(2026, 10, 27)),
    ],
)
def test_rules_vectors(start: date, n: int, expected: date) -> None:
    due = CAL.add_working_days(start, n)
    assert due == expected
    assert due.provisional is False


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Spring Festival 2025: off 1-28…2-4, make-up Sun 1-26 and Sat 2-8
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 24), 2, D(2025, 1, 27)),
        (D(2025, 1, 24), 3, D(2025, 2, 5)),
        (D(2025, 1, 24), 6, D(2025, 2, 8)),
        (D(2025, 1, 24), 7, D(2025, 2, 10)),
        # Spring Festival 2026: off 2-15…2-23, make-up Sat 2-14 and Sat 2-28
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
        (D(2026, 2, 13), 6, D(2026, 2, 28)),
        (D(2026, 2, 13), 7, D(2026, 3, 2)),
        # National Day 2025: 8 days off 10-1…10-8, make-up Sun 9-28 and Sat 10-11
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 28), 1, D(2025, 9, 29)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 10, 9), 2, D(2025, 10, 11)),
        (D(2025, 10, 9), 3, D(2025, 10, 13)),
        # 2026: 中秋 9-25…9-27, 国庆 10-1…10-7, make-up Sun 9-20 and Sat 10-10
        (D(2026, 9, 18), 1, D(2026, 9, 20)),
        (D(2026, 9, 24), 1, D(2026, 9, 28)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 10, 9), 1, D(2026, 10, 10)),
        (D(2026, 10, 9), 2, D(2026, 10, 12)),
        # year end 2025 → 2026: off 1-1…1-3, make-up Sun 1-4
        (D(2025, 12, 31), 1, D(2026, 1, 4)),
        (D(2025, 12, 31), 2, D(2026, 1, 5)),
        (D(2025, 12, 26), 3, D(2025, 12, 31)),
        # start on a make-up working day vs on a holiday: the start day never counts
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2026, 2, 15), 1, D(2026, 2, 24)),
        (D(2026, 2, 14), 5, D(2026, 2, 28)),
        (D(2026, 2, 16), 5, D(2026, 2, 28)),
        # start on a plain weekend
        (D(2026, 3, 7), 1, D(2026, 3, 9)),
        # leap day 2024
        (D(2024, 2, 28), 1, D(2024, 2, 29)),
        # n = 0 returns the start, even on a rest day
        (D(2026, 2, 10), 0, D(2026, 2, 10)),
        (D(2026, 2, 15), 0, D(2026, 2, 15)),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


def test_negative_n_is_rejected() -> None:
    with pytest.raises(ValueError, match="n must be >= 0"):
        CAL.add_working_days(D(2026, 2, 10), -1)


@pytest.mark.parametrize(
    ("day", "working", "name", "reason"),
    [
        (D(2026, 2, 14), True, "春节", ""),
        (D(2026, 2, 15), False, "春节", "春节"),
        (D(2026, 2, 23), False, "春节", "春节"),
        (D(2026, 3, 7), False, "", "周六"),
        (D(2026, 3, 8), False, "", "周日"),
        (D(2026, 3, 9), True, "", ""),
        (D(2025, 10, 6), False, "中秋", "中秋"),
        (D(2025, 9, 28), True, "国庆节", ""),
        (D(2026, 1, 1), False, "元旦", "元旦"),
        (D(2026, 1, 4), True, "元旦", ""),
    ],
)
def test_single_days(day: date, working: bool, name: str, reason: str) -> None:
    assert CAL.is_working_day(day) is working
    assert CAL.day_name(day) == name
    assert CAL.rest_reason(day) == reason


@pytest.mark.parametrize(
    ("day", "known"),
    [
        (D(2003, 12, 31), False),
        (D(2004, 1, 1), True),
        (D(2026, 12, 31), True),
        (D(2027, 1, 1), False),
    ],
)
def test_known_years_come_from_the_package(day: date, known: bool) -> None:
    assert CAL.is_known(day) is known


def test_known_years_are_the_package_years() -> None:
    from chinese_calendar import constants  # type: ignore[import-untyped]

    years = {d.year for d in constants.holidays}
    for year in range(1990, 2040):
        assert CAL.is_known(D(year, 6, 1)) is (year in years)


# -- unknown years -------------------------------------------------------------------


def test_period_into_unknown_year_is_provisional() -> None:
    due = CAL.add_working_days(D(2026, 12, 20), 20)
    # 2027 not announced: 元旦 (Friday 1-1) is off by law, the 调休 are unknown
    assert due == D(2027, 1, 18)
    assert due.provisional is True


def test_period_inside_a_known_year_is_not_provisional() -> None:
    assert CAL.add_working_days(D(2026, 12, 1), 20).provisional is False
    assert CAL.add_working_days(D(2026, 12, 30), 1).provisional is False  # 12-31


def test_strict_mode_raises_for_unknown_year() -> None:
    with pytest.raises(CalendarUnknownError, match="2027") as info:
        CAL.add_working_days(D(2026, 12, 20), 20, strict=True)
    assert info.value.year == 2027
    assert isinstance(info.value, ValueError)


def test_strict_mode_passes_known_years() -> None:
    assert CAL.add_working_days(D(2026, 2, 10), 20, strict=True) == D(2026, 3, 16)


def test_years_before_the_package_are_unknown() -> None:
    due = CAL.add_working_days(D(2003, 6, 2), 5)  # Monday
    assert (due, due.provisional) == (D(2003, 6, 9), True)


def test_override_makes_2027_known() -> None:
    cal = WorkCalendar.official(overrides=[DayOverride(D(2027, 1, 1), "off", "元旦")])
    due = cal.add_working_days(D(2026, 12, 20), 20, strict=True)
    assert (due, due.provisional) == (D(2027, 1, 18), False)
    assert cal.rest_reason(D(2027, 1, 1)) == "元旦"


def test_known_years_argument_makes_a_year_known() -> None:
    cal = WorkCalendar.official(known_years=[2027])
    due = cal.add_working_days(D(2026, 12, 20), 20)
    assert (due, due.provisional) == (D(2027, 1, 15), False)


def test_plain_calendar_knows_no_year() -> None:
    cal = WorkCalendar()
    due = cal.add_working_days(D(2026, 2, 10), 20)
    assert (due, due.provisional) == (D(2026, 3, 10), True)
    assert WorkCalendar(known_years=[2026]).add_working_days(D(2026, 2, 10), 20) == (
        D(2026, 3, 10)
    )


# -- overrides -----------------------------------------------------------------------


def test_passed_override_beats_packaged_off_day() -> None:
    cal = WorkCalendar.official(overrides=[DayOverride(D(2026, 2, 23), "work")])
    assert cal.is_working_day(D(2026, 2, 23)) is True
    assert cal.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 23)
    assert CAL.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)  # unchanged


def test_passed_override_beats_packaged_make_up_day() -> None:
    cal = WorkCalendar.official(overrides=[DayOverride(D(2026, 2, 14), "off", "春节")])
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 24)


def test_later_override_wins_for_the_same_day() -> None:
    cal = WorkCalendar(
        overrides=[
            DayOverride(D(2027, 1, 1), "off", "元旦"),
            DayOverride(D(2027, 1, 1), "work"),
        ],
        known_years=[2027],
    )
    assert cal.is_working_day(D(2027, 1, 1)) is True
    assert cal.day_name(D(2027, 1, 1)) == ""


def test_override_kind_is_checked() -> None:
    with pytest.raises(ValueError, match="kind"):
        DayOverride(D(2027, 1, 1), "holiday")  # type: ignore[arg-type]


def test_unnamed_weekday_off_reads_as_day_off() -> None:
    cal = WorkCalendar(
        overrides=[DayOverride(D(2027, 1, 1), "off")], known_years=[2027]
    )
    assert cal.rest_reason(D(2027, 1, 1)) == "放假"
    exp = cal.explain(D(2026, 12, 31), 1)
    assert (exp.due, exp.provisional) == (D(2027, 1, 4), False)
    assert exp.lines()[1] == "2027-01-01 至 2027-01-03 放假"


def test_official_default_is_shared() -> None:
    assert WorkCalendar.official() is WorkCalendar.official()


# -- WorkDate ------------------------------------------------------------------------


def test_work_date_prints_plain_iso() -> None:
    due = CAL.add_working_days(D(2026, 2, 10), 20)
    assert str(due) == "2026-03-16"
    assert f"{due}" == "2026-03-16"
    assert isinstance(due, date)
    assert isinstance(due, WorkDate)
    assert repr(due) == "WorkDate(2026, 3, 16, provisional=False)"
    assert hash(due) == hash(D(2026, 3, 16))


def test_work_date_pickles_with_its_flag() -> None:
    due = CAL.add_working_days(D(2026, 12, 20), 20)
    again = pickle.loads(pickle.dumps(due))
    assert (again, again.provisional) == (D(2027, 1, 18), True)


# -- working_days_between ------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2026, 2, 10), D(2026, 3, 16), 20),
        (D(2026, 2, 10), D(2026, 2, 10), 0),
        (D(2026, 3, 16), D(2026, 2, 10), 0),
        (D(2025, 9, 30), D(2025, 10, 8), 0),
        (D(2025, 9, 30), D(2025, 10, 11), 3),
        (D(2025, 12, 31), D(2026, 1, 4), 1),
        (D(2026, 2, 12), D(2026, 3, 5), 11),
    ],
)
def test_working_days_between(a: date, b: date, expected: int) -> None:
    assert CAL.working_days_between(a, b) == expected


def _naive_add(cal: WorkCalendar, start: date, n: int) -> date:
    day, left = start, n
    while left:
        day += timedelta(days=1)
        left -= cal.is_working_day(day)
    return day


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=D(2003, 1, 1), max_value=D(2028, 12, 31)),
    n=st.integers(min_value=1, max_value=120),
)
def test_between_inverts_add(start: date, n: int) -> None:
    due = CAL.add_working_days(start, n)
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(start, due) == n
    assert CAL.working_days_between(start, due - timedelta(days=1)) == n - 1
    assert due == _naive_add(CAL, start, n)


def test_span_grows_backwards_and_forwards() -> None:
    cal = WorkCalendar.official(known_years=[2099])  # a fresh, unbuilt instance
    assert cal.add_working_days(D(2026, 2, 10), 20) == D(2026, 3, 16)
    assert cal.add_working_days(D(2010, 9, 30), 1) == _naive_add(cal, D(2010, 9, 30), 1)
    assert cal.add_working_days(D(2026, 1, 1), 600) == _naive_add(
        cal, D(2026, 1, 1), 600
    )
    assert cal.add_working_days(D(2026, 2, 10), 40) == D(2026, 4, 14)


# -- explain -------------------------------------------------------------------------


def test_explain_spring_festival_2026() -> None:
    exp = CAL.explain(D(2026, 2, 10), 20)
    assert (exp.start, exp.n, exp.due, exp.provisional) == (
        D(2026, 2, 10),
        20,
        D(2026, 3, 16),
        False,
    )
    assert exp.make_up == [(D(2026, 2, 14), "春节"), (D(2026, 2, 28), "春节")]
    assert exp.skipped[:2] == [(D(2026, 2, 15), "春节"), (D(2026, 2, 16), "春节")]
    assert len(exp.skipped) == 9 + 5
    assert exp.unknown_years == []
    assert exp.lines() == [
        "起算日 2026-02-10 不计入（民法典第二百零一条）",
        "2026-02-14 周六 调休上班（春节）",
        "2026-02-15 至 2026-02-23 春节放假",
        "2026-02-28 周六 调休上班（春节）",
        "其间周末 5 天不计入",
        "第20个工作日：2026-03-16",
    ]


def test_explain_national_day_2025_with_mid_autumn() -> None:
    assert CAL.explain(D(2025, 9, 26), 20).lines() == [
        "起算日 2025-09-26 不计入（民法典第二百零一条）",
        "2025-09-28 周日 调休上班（国庆节）",
        "2025-10-01 至 2025-10-08 国庆节、中秋放假",
        "2025-10-11 周六 调休上班（国庆节）",
        "其间周末 6 天不计入",
        "第20个工作日：2025-10-30",
    ]


def test_explain_start_on_holiday_and_single_day_off() -> None:
    assert CAL.explain(D(2026, 2, 16), 1).lines() == [
        "起算日 2026-02-16（春节）不计入（民法典第二百零一条）",
        "2026-02-17 至 2026-02-23 春节放假",
        "第1个工作日：2026-02-24",
    ]
    assert CAL.explain(D(2026, 4, 30), 2).lines() == [
        "起算日 2026-04-30 不计入（民法典第二百零一条）",
        "2026-05-01 至 2026-05-05 劳动节放假",
        "第2个工作日：2026-05-07",
    ]


def test_explain_unknown_year() -> None:
    exp = CAL.explain(D(2026, 12, 20), 20)
    assert (exp.due, exp.provisional, exp.unknown_years) == (
        D(2027, 1, 18),
        True,
        [2027],
    )
    assert exp.lines() == [
        "起算日 2026-12-20（周日）不计入（民法典第二百零一条）",
        "2027-01-01 至 2027-01-03 元旦放假",
        "其间周末 6 天不计入",
        "2027 年放假安排未公布：已计入法定节假日，调休未知，日期为暂定",
        "第20个工作日：2027-01-18（暂定）",
    ]


def test_explain_unknown_year_without_statutory_days() -> None:
    exp = WorkCalendar(known_years=[2026]).explain(D(2026, 12, 20), 20)
    assert exp.due == D(2027, 1, 15)
    assert "2027 年节假日安排未知，按周一至周五推算，日期为暂定" in exp.lines()


def test_explain_zero_days() -> None:
    exp = CAL.explain(D(2026, 2, 15), 0)
    assert (exp.due, exp.skipped, exp.make_up, exp.unknown_years) == (
        D(2026, 2, 15),
        [],
        [],
        [],
    )
    assert exp.lines() == ["期限为 0 个工作日：2026-02-15"]


def test_replace_years_drops_the_packaged_days_of_that_year() -> None:
    """A year whose notice is held in the table is taken from the table alone."""
    only_new_year = [DayOverride(D(2026, 1, 1), "off", "元旦")]
    cal = WorkCalendar.official(overrides=only_new_year, replace_years=[2026])
    assert not cal.is_working_day(D(2026, 1, 1))
    assert cal.is_working_day(D(2026, 2, 16))  # packaged 春节 day dropped
    assert not cal.is_working_day(D(2026, 2, 14))  # packaged make-up Saturday dropped
    assert not cal.is_working_day(D(2025, 1, 28))  # other years keep the package
    assert cal.is_known(D(2026, 6, 1))
