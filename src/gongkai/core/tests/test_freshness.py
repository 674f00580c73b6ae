import datetime as dt

import pytest

from gongkai.core.freshness import is_news_column, is_stale, update_due
from gongkai.core.workcal import add_months

D = dt.date


@pytest.mark.parametrize(
    ("name", "news"),
    [
        ("工作动态", True),
        ("要闻", True),
        ("新闻发布", True),
        ("通知公告", False),
        ("政策文件", False),
    ],
)
def test_news_column_by_name(name: str, news: bool) -> None:
    assert is_news_column(name) is news


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2026, 12, 5), 6, D(2027, 6, 5)),
        (D(2026, 1, 15), 12, D(2027, 1, 15)),
    ],
)
def test_add_months_clamps_to_month_end(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("name", "period", "last", "on", "stale"),
    [
        # 2 weeks for news: the 14th day after is still fine, the 15th is stale
        ("工作动态", None, D(2026, 12, 1), D(2026, 12, 15), False),
        ("工作动态", None, D(2026, 12, 1), D(2026, 12, 16), True),
        # 6 months for the rest
        ("通知公告", None, D(2026, 6, 5), D(2026, 12, 5), False),
        ("通知公告", None, D(2026, 6, 5), D(2026, 12, 6), True),
        # a configured period wins over the name
        ("工作动态", 30, D(2026, 12, 1), D(2026, 12, 20), False),
        ("通知公告", 7, D(2026, 12, 1), D(2026, 12, 9), True),
    ],
)
def test_is_stale(
    name: str, period: int | None, last: dt.date, on: dt.date, stale: bool
) -> None:
    assert is_stale(last_update=last, name=name, period_days=period, on=on) is stale


def test_update_due_news_is_two_weeks() -> None:
    assert update_due(last_update=D(2026, 12, 1), name="要闻", period_days=None) == D(
        2026, 12, 15
    )
