"""Reads of the office's search tools: the thesaurus and the weekly analytics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from .models import SearchQueryWeek, SearchSynonym
from .thesaurus import BUILTIN, SynonymSet

TOP = 20


def synonym_list() -> tuple[tuple[SynonymSet, ...], list[SearchSynonym]]:
    """The built-in sets (read-only) and the office's own."""
    return BUILTIN, list(SearchSynonym.objects.order_by("pk"))


@dataclass(frozen=True)
class WeekReport:
    week: dt.date | None
    top: list[SearchQueryWeek]
    zero: list[SearchQueryWeek]
    unclicked: list[SearchQueryWeek]


def search_analytics_weeks(limit: int = 26) -> list[dt.date]:
    """The most recent weeks with counted searches, newest first."""
    weeks = (
        SearchQueryWeek.objects.order_by("-week")
        .values_list("week", flat=True)
        .distinct()
    )
    return list(weeks[:limit])


def search_analytics(week: dt.date | None) -> WeekReport:
    """A week's top queries, queries that found nothing, and queries that found
    results of which none was opened (TOP of each, most searched first)."""
    if week is None:
        return WeekReport(None, [], [], [])
    rows = SearchQueryWeek.objects.filter(week=week)
    return WeekReport(
        week,
        list(rows.order_by("-searches", "query")[:TOP]),
        list(rows.filter(zero_results__gt=0).order_by("-zero_results", "query")[:TOP]),
        list(
            rows.filter(clicks=0, searches__gt=F("zero_results")).order_by(
                "-searches", "query"
            )[:TOP]
        ),
    )
