"""Fixed moments for the clock tests (Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def end_of(y: int, m: int, d: int) -> dt.datetime:
    """24:00 of a due date, i.e. 00:00 of the next day (民法典 第二百零三条)."""
    return dt.datetime.combine(D(y, m, d) + dt.timedelta(days=1), dt.time(0), SHANGHAI)
