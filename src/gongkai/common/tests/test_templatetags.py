import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.common.templatetags.gongkai import (
    clock_state,
    clock_unit,
    deadline,
    remaining,
)

SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2026, 3, 17, 0, 0, tzinfo=SH), "2026-03-16 24:00"),
        (dt.datetime(2026, 1, 1, 0, 0, tzinfo=SH), "2025-12-31 24:00"),
        (dt.datetime(2026, 3, 16, 15, 30, tzinfo=SH), "2026-03-16 15:30"),
        (dt.datetime(2026, 3, 16, 16, 0, tzinfo=dt.UTC), "2026-03-16 24:00"),
        (None, "—"),
    ],
)
def test_deadline_shows_end_of_day_as_24_00(value, expected):
    assert deadline(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.timedelta(days=4, hours=10, minutes=5), "4 天 10 小时"),
        (dt.timedelta(hours=3, minutes=20), "3 小时 20 分"),
        (-dt.timedelta(days=2, hours=1), "已超期 2 天 1 小时"),
        (None, "—"),
    ],
)
def test_remaining(value, expected):
    assert remaining(value) == expected


def test_labels():
    assert clock_state("overdue") == "已超期"
    assert clock_state("due_soon") == "即将到期"
    assert clock_state("unknown") == "unknown"
    assert clock_unit("working_day") == "个工作日"
