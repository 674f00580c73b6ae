"""Demo data: the index is written by the other apps' loads; rank with fresh figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .services import search_stats_refresh


def load(*, now: dt.datetime, out: Any) -> None:
    """Nothing of its own: the other apps' rows index themselves on commit."""


def after_commit(*, now: dt.datetime, out: Any) -> None:
    """Ranking statistics over the demo's index."""
    stats = search_stats_refresh(now=now)
    out.write(f"搜索统计：{stats.entries} 条索引。")
