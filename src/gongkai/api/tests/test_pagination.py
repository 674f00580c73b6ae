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
