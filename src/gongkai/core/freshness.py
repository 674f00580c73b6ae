"""Column freshness for the site self-check (RULES.md §5.2, 国办秘函〔2019〕19号
单项否决 "栏目不更新"): a 动态/要闻 column must be updated within the 2 weeks before
the check point, the other columns (通知公告, 政策文件 …) within the previous 6 months.

Pure: the column's name, its configured period and the dates come in as arguments.
"""

from __future__ import annotations

import datetime as dt

from .workcal import add_months

# 国办秘函〔2019〕19号: 动态、要闻 columns — 2 weeks
NEWS_WORDS = ("动态", "要闻", "新闻", "工作信息")
NEWS_DAYS = 14
# 国办秘函〔2019〕19号: 通知公告、政策文件 and other columns — 6 months
OTHER_MONTHS = 6


def is_news_column(name: str) -> bool:
    """A news-type column by its name (动态、要闻、新闻、工作信息)."""
    return any(word in name for word in NEWS_WORDS)


def update_due(*, last_update: dt.date, name: str, period_days: int | None) -> dt.date:
    """The last day the column counts as updated: ``period_days`` when configured,
    else 2 weeks for a news-type column and 6 months for the others."""
    if period_days:
        return last_update + dt.timedelta(days=period_days)
    if is_news_column(name):
        return last_update + dt.timedelta(days=NEWS_DAYS)
    return add_months(last_update, OTHER_MONTHS)


def is_stale(
    *, last_update: dt.date, name: str, period_days: int | None, on: dt.date
) -> bool:
    """Not updated within its period as of ``on``."""
    return on > update_due(last_update=last_update, name=name, period_days=period_days)
