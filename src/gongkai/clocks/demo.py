"""The 2025 and 2026 holiday arrangements as announced (RULES.md §11), in the table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import CalendarYear
from .recompute import calendar_year_set

D = dt.date
YEARS = {
    2025: (
        "国办发明电〔2024〕12号",
        [
            (D(2025, 1, 1), "off", "元旦"),
            *[(D(2025, 1, 28) + dt.timedelta(days=i), "off", "春节") for i in range(8)],
            (D(2025, 1, 26), "work", "春节"),
            (D(2025, 2, 8), "work", "春节"),
            *[
                (D(2025, 4, 4) + dt.timedelta(days=i), "off", "清明节")
                for i in range(3)
            ],
            *[
                (D(2025, 5, 1) + dt.timedelta(days=i), "off", "劳动节")
                for i in range(5)
            ],
            (D(2025, 4, 27), "work", "劳动节"),
            *[
                (D(2025, 5, 31) + dt.timedelta(days=i), "off", "端午节")
                for i in range(3)
            ],
            *[
                (D(2025, 10, 1) + dt.timedelta(days=i), "off", "国庆节、中秋节")
                for i in range(8)
            ],
            (D(2025, 9, 28), "work", "国庆节"),
            (D(2025, 10, 11), "work", "国庆节"),
        ],
    ),
    2026: (
        "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）",
        [
            *[(D(2026, 1, 1) + dt.timedelta(days=i), "off", "元旦") for i in range(3)],
            (D(2026, 1, 4), "work", "元旦"),
            *[(D(2026, 2, 15) + dt.timedelta(days=i), "off", "春节") for i in range(9)],
            (D(2026, 2, 14), "work", "春节"),
            (D(2026, 2, 28), "work", "春节"),
            *[
                (D(2026, 4, 4) + dt.timedelta(days=i), "off", "清明节")
                for i in range(3)
            ],
            *[
                (D(2026, 5, 1) + dt.timedelta(days=i), "off", "劳动节")
                for i in range(5)
            ],
            (D(2026, 5, 9), "work", "劳动节"),
            *[
                (D(2026, 6, 19) + dt.timedelta(days=i), "off", "端午节")
                for i in range(3)
            ],
            *[
                (D(2026, 9, 25) + dt.timedelta(days=i), "off", "中秋节")
                for i in range(3)
            ],
            *[
                (D(2026, 10, 1) + dt.timedelta(days=i), "off", "国庆节")
                for i in range(7)
            ],
            (D(2026, 9, 20), "work", "国庆节"),
            (D(2026, 10, 10), "work", "国庆节"),
        ],
    ),
}


def load(*, now: dt.datetime, out: Any) -> None:
    for year, (source, days) in YEARS.items():
        if not CalendarYear.objects.filter(year=year).exists():
            calendar_year_set(year=year, days=days, source=source, by=None, now=now)
    out.write("Holiday table: 2025 and 2026 arrangements loaded.")
