"""API list pagination: the cached total follows the content; a deep page found over
the primary keys holds the same rows, in the same order, as OFFSET would give."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.common import api_pagination as pagination
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db
DOCUMENTS = "/api/v1/documents/"


def _published(n: int, **kw):
    now = timezone.now()
    return [
        DocumentFactory(
            published=True, publish_at=now - dt.timedelta(minutes=n - i), **kw
        )
        for i in range(n)
    ]


def test_cached_total_changes_when_a_document_is_published_or_withdrawn(client):
    docs = _published(3)
    assert client.get(DOCUMENTS).json()["count"] == 3
    assert client.get(DOCUMENTS).json()["count"] == 3  # from the cache
    _published(1)
    assert client.get(DOCUMENTS).json()["count"] == 4
    docs[0].status = Status.WITHDRAWN
    docs[0].save()
    assert client.get(DOCUMENTS).json()["count"] == 3


def test_cached_total_is_per_filter(client):
    _published(2)
    _published(1, written_on=dt.date(2019, 5, 1))
    assert client.get(DOCUMENTS).json()["count"] == 3
    assert client.get(DOCUMENTS, {"year": 2019}).json()["count"] == 1


@pytest.mark.parametrize("page", [1, 2, 3, 4])
def test_deep_page_by_primary_keys_equals_the_offset_page(client, monkeypatch, page):
    _published(17)
    expected = client.get(DOCUMENTS, {"page": page, "page_size": 5}).json()
    monkeypatch.setattr(pagination, "DEFERRED_OFFSET", 1)
    deep = client.get(DOCUMENTS, {"page": page, "page_size": 5}).json()
    assert deep == expected
    assert len(deep["results"]) == (2 if page == 4 else 5)


def test_page_past_the_last_is_404_with_the_error_shape(client):
    _published(3)
    response = client.get(DOCUMENTS, {"page": 2})
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "detail"}


def test_penalty_total_is_cached_until_the_register_changes(client, staff, reviewer):
    from gongkai.penalties.tests.factories import record
    from gongkai.penalties.tests.support import publish

    for name in ("福州甲电器有限公司", "福州乙电器有限公司"):
        publish(staff=staff, reviewer=reviewer, raw=record(CF_XDR_MC=name))
    assert client.get("/api/v1/penalties/").json()["count"] == 2
    assert client.get("/api/v1/penalties/").json()["count"] == 2  # from the cache
    publish(staff=staff, reviewer=reviewer, raw=record(CF_XDR_MC="福州丙电器有限公司"))
    assert client.get("/api/v1/penalties/").json()["count"] == 3
    filtered = client.get("/api/v1/penalties/", {"q": "福州乙电器有限公司"}).json()
    assert filtered["count"] == 1


def _walk(client, url, params):
    """Every row of a list by following the cursor's next links; the pages seen."""
    page = client.get(url, {**params, "cursor": ""}).json()
    rows, pages = list(page["results"]), 1
    while page["next"]:
        page = client.get(page["next"]).json()
        rows += page["results"]
        pages += 1
    return rows, pages, page


def test_cursor_walk_gives_every_row_once_in_the_page_order(client):
    docs = _published(12)
    now = timezone.now()
    # Ties on the first key (the same publication time) are still walked in full.
    tied = [DocumentFactory(published=True, publish_at=now) for _ in range(4)]
    by_page = []
    for n in (1, 2, 3, 4):
        by_page += client.get(DOCUMENTS, {"page": n, "page_size": 5}).json()["results"]
    rows, pages, last = _walk(client, DOCUMENTS, {"page_size": 5})
    assert rows == by_page
    assert len({r["index_number"] for r in rows}) == len(docs) + len(tied) == 16
    assert pages == 4
    assert last["count"] == 16
    assert set(last) == {"count", "next", "previous", "results"}


def test_cursor_previous_link_goes_back(client):
    _published(7)
    first = client.get(DOCUMENTS, {"cursor": "", "page_size": 3}).json()
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    assert back["results"] == first["results"]


def test_cursor_respects_filters(client):
    _published(3)
    _published(2, written_on=dt.date(2019, 5, 1))
    rows, _, last = _walk(client, DOCUMENTS, {"year": 2019, "page_size": 1})
    assert len(rows) == 2 == last["count"]


def test_bad_cursor_is_404_with_the_error_shape(client):
    _published(2)
    response = client.get(DOCUMENTS, {"cursor": "不是游标"})
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "detail"}


def test_penalty_cursor_walk_matches_the_pages(client, staff, reviewer):
    from gongkai.penalties.tests.factories import record
    from gongkai.penalties.tests.support import publish

    for i in range(5):
        publish(
            staff=staff,
            reviewer=reviewer,
            raw=record(CF_XDR_MC=f"福州{i}号电器有限公司"),
        )
    by_page = []
    for n in (1, 2, 3):
        by_page += client.get("/api/v1/penalties/", {"page": n, "page_size": 2}).json()[
            "results"
        ]
    rows, pages, last = _walk(client, "/api/v1/penalties/", {"page_size": 2})
    assert rows == by_page and pages == 3
    assert last["count_is_lower_bound"] is False
