"""Search counts kept in the process and written together (search/counting.py):
what a cached answer counts, what is written when, and the timer."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.documents.tests.factories import DocumentFactory
from gongkai.search import counting
from gongkai.search.models import SearchEntry, SearchQueryWeek
from gongkai.search.services import search_reindex

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
WED = dt.datetime(2026, 12, 9, 2, 0, tzinfo=dt.UTC)  # Shanghai week of 2026-12-07


def _counts():
    return {
        q: (searches, zero, clicks)
        for q, searches, zero, clicks in SearchQueryWeek.objects.values_list(
            "query", "searches", "zero_results", "clicks"
        )
    }


@pytest.mark.parametrize(
    ("params", "counted"),
    [
        ({"q": "电梯"}, True),
        ({"q": "电梯", "page": "1"}, True),
        ({"q": "电梯", "page": "2"}, False),  # paging on is not a new search
        ({"q": "电梯", "page": "x"}, True),  # the form reads page 1
        ({"q": "   "}, False),
        ({"type": "政策文件"}, False),  # no query
    ],
)
def test_which_requests_are_new_searches(params, counted):
    assert (counting.first_page_search(params) is not None) is counted


@pytest.fixture
def held(settings):
    """Counts held for an hour: written only by an explicit flush."""
    settings.GONGKAI_SEARCH_COUNT_SECONDS = 3600
    yield
    counting.flush()


@pytest.mark.django_db
def test_counts_are_held_then_written_together_searches_before_clicks(client, held):
    DocumentFactory(published=True, title="关于电梯安全监督抽查的通告", doc_number="")
    search_reindex(now=T0)
    entry = SearchEntry.objects.get()
    url = reverse("search:search")
    with time_machine.travel(WED, tick=False):
        for _ in range(3):  # one render, then two answers from the page cache
            assert client.get(url, {"q": "电梯"}).status_code == 200
        for _ in range(2):  # nothing found: rendered once, then cached
            assert client.get(url, {"q": "火星"}).status_code == 200
        # the click comes before its search is written, and still counts
        link = reverse("search:go", args=[entry.pk])
        assert client.get(link, {"q": "电梯"}).status_code == 302
        assert _counts() == {}  # held
        assert counting.flush() == 6
    assert _counts() == {"电梯": (3, 0, 1), "火星": (2, 2, 0)}
    assert counting.flush() == 0  # nothing held twice


@pytest.mark.django_db
def test_a_cached_search_that_finds_nothing_is_looked_up_when_written(held):
    from django.test import RequestFactory

    request = RequestFactory().get("/search/", {"q": "火星"})
    with time_machine.travel(WED, tick=False):
        counting.count_search(request)  # from the cache: the total is not known
        counting.count_search(request, found=0)
        counting.flush()
    assert _counts() == {"火星": (2, 2, 0)}


@pytest.mark.django_db(transaction=True)
def test_the_timer_writes_the_counts_on_its_own(settings):
    from django.test import RequestFactory

    settings.GONGKAI_SEARCH_COUNT_SECONDS = 0.1
    counting.count_search(RequestFactory().get("/search/", {"q": "计时"}), found=1)
    timer = counting._timer
    assert timer is not None
    # Waited for, not polled: a read of the table while the timer's thread writes
    # it fails that write on SQLite's shared in-memory test database ("database
    # table is locked", which no busy timeout retries), and the count is lost.
    timer.join(10)
    assert not timer.is_alive()
    assert _counts() == {"计时": (1, 0, 0)}


def test_nothing_to_count_touches_no_database():  # no database access here
    from gongkai.search.services_office import search_counts_record_many

    assert search_counts_record_many([]) == 0
    assert search_counts_record_many([("   ", 1, 0, None), ("电梯", 0, 0, None)]) == 0
