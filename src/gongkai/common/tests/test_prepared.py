"""Querysets compiled once (common.prepared): the same rows, fields and related
objects as the queryset, the refusals, and the document page's reads."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from gongkai.common.prepared import Prepared, prefetched, run_together
from gongkai.documents import selectors as sel
from gongkai.documents.models import Document, DocumentIssuer, Relation
from gongkai.documents.tests.factories import (
    T0,
    DocumentFactory,
    InterpretationFactory,
    IssuerFactory,
)
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db

KEY, NOW = models.CharField(), models.DateTimeField()


def _visible(key, now):
    return (
        Document.objects.visible(now)
        .select_related("topic", "genre")
        .filter(index_number=key)
    )


def _same(a: models.Model, b: models.Model) -> None:
    assert type(a) is type(b) and a.pk == b.pk
    assert a.get_deferred_fields() == b.get_deferred_fields()
    for field in a._meta.concrete_fields:
        if field.attname not in a.get_deferred_fields():
            assert getattr(a, field.attname) == getattr(b, field.attname), field.name


@pytest.fixture
def documents():
    return {
        "published": DocumentFactory(published=True),
        "draft": DocumentFactory(),
        "closed": DocumentFactory(published=True, unpublish_at=T0 + dt.timedelta(1)),
        "future": DocumentFactory(
            status=Status.PUBLISHED, publish_at=T0 + dt.timedelta(5)
        ),
    }


@pytest.mark.parametrize(
    ("name", "days", "found"),
    [
        ("published", 0, True),  # the moment it opens
        ("published", 400, True),
        ("published", -1, False),  # before it opens
        ("draft", 1, False),
        ("closed", 0, True),
        ("closed", 1, False),  # the moment it closes
        ("future", 4, False),
        ("future", 6, True),
    ],
)
def test_the_rows_and_fields_are_the_querysets(documents, name, days, found):
    prepared = Prepared(_visible, key=KEY, now=NOW)
    key, now = documents[name].index_number, T0 + dt.timedelta(days)
    expected = list(_visible(key, now))
    got = prepared(key=key, now=now)
    assert len(got) == len(expected) == int(found)
    for a, b in zip(got, expected, strict=True):
        _same(a, b)
        _same(a.topic, b.topic)
        _same(a.genre, b.genre)


def test_one_query_with_select_related_and_the_sql_built_once(documents):
    prepared = Prepared(_visible, key=KEY, now=NOW)
    prepared(key="x", now=T0)
    with CaptureQueriesContext(connection) as queries:
        [doc] = prepared(key=documents["published"].index_number, now=T0)
        assert doc.topic.name and doc.genre.name
    assert len(queries) == 1


def test_only_and_prefetch_related_as_the_queryset():
    a, b = DocumentFactory(published=True), DocumentFactory(published=True)
    Relation.objects.create(source=a, target=b, kind="amends", created_at=T0)

    def build(document):
        return (
            Relation.objects.filter(Q(source_id=document) | Q(target_id=document))
            .select_related("source")
            .only("kind", "source__title")
            .prefetch_related("target__issuer_links")
        )

    prepared = Prepared(build, document=models.BigIntegerField())
    for doc in (a, b):
        [got] = prepared(document=doc.pk)
        [expected] = build(doc.pk)
        _same(got, expected)
        _same(got.source, expected.source)
        with CaptureQueriesContext(connection) as queries:
            links = list(got.target.issuer_links.all())
        assert len(queries) == 0 and links
        assert got.source.body  # a deferred field still loads


@pytest.mark.parametrize(
    ("build", "fields", "message"),
    [
        # The LIMIT is written into the SQL: its shape changes with the value.
        (lambda n: Document.objects.all()[:n], {"n": models.IntegerField()},
         "depends on the values"),
        # A title is sent as text, not as the integer declared.
        (lambda key: Document.objects.filter(title=key), {"key": models.IntegerField()},
         "not one declared value"),
        (lambda key, now: Document.objects.filter(index_number=key),
         {"key": KEY, "now": NOW}, "not in the SQL"),
        (lambda flag: Document.objects.filter(pk=1), {"flag": models.BooleanField()},
         "no sample values"),
    ],
)  # fmt: skip
def test_shapes_it_cannot_serve_are_refused_at_the_first_call(build, fields, message):
    prepared = Prepared(build, **fields)
    values = dict.fromkeys(fields, 1)
    with pytest.raises(ImproperlyConfigured, match=message):
        prepared(**values)


def test_none_and_wrong_names_are_refused():
    prepared = Prepared(_visible, key=KEY, now=NOW)
    with pytest.raises(ValueError, match="None"):
        prepared(key=None, now=T0)
    with pytest.raises(TypeError):
        prepared(key="x")


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="the in-memory SQLite test database is not shared between threads",
)
@pytest.mark.django_db(transaction=True)
def test_each_thread_runs_on_its_own_connection():
    docs = [DocumentFactory(published=True) for _ in range(4)]
    prepared = Prepared(_visible, key=KEY, now=NOW)
    prepared(key="x", now=T0)  # compiled on this thread's connection
    found: dict[int, list[int]] = {}

    def look(n: int) -> None:
        try:
            for _ in range(20):
                got = prepared(key=docs[n].index_number, now=T0)
                found.setdefault(n, []).extend(d.pk for d in got)
        finally:
            connection.close()

    threads = [threading.Thread(target=look, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found == {n: [docs[n].pk] * 20 for n in range(4)}


def test_prefetched_answers_all_without_a_query():
    doc = DocumentFactory(issuers=[IssuerFactory(name="甲"), IssuerFactory(name="乙")])
    links = list(DocumentIssuer.objects.filter(document=doc).select_related("issuer"))
    fresh = Document.objects.get(pk=doc.pk)
    prefetched(fresh, "issuer_links", links)
    with CaptureQueriesContext(connection) as queries:
        assert fresh.issuer_names() == ["甲", "乙"]
        assert all(link.document is fresh for link in fresh.issuer_links.all())
    assert len(queries) == 0


def test_the_document_page_reads_in_two_round_trips_on_postgresql():
    doc = DocumentFactory(published=True)
    InterpretationFactory(policy=doc, status=Status.PUBLISHED, publish_at=T0)
    InterpretationFactory(policy=doc)  # a draft: not shown
    other = DocumentFactory(published=True)
    Relation.objects.create(source=other, target=doc, kind="amends", created_at=T0)
    now = T0 + dt.timedelta(1)
    with CaptureQueriesContext(connection) as queries:
        page = sel.document_page_public(key=doc.index_number, now=now)
        assert page is not None and page.document.issuer_names()
    # The document, then its issuers, relations, interpretations and attachments
    # (together on PostgreSQL).
    assert len(queries) == (2 if connection.vendor == "postgresql" else 5)
    assert [r.source_id for r in page.relations["in"]] == [other.pk]
    assert page.relations["out"] == []
    assert len(page.interpretations) == 1 and page.attachments == []
    assert sel.document_get_public(key=str(doc.pk), now=now) == doc
    assert sel.document_page_public(key="x", now=now) is None


def test_reads_run_together_give_the_rows_each_gives_alone(documents):
    # Several shapes (select_related, only, prefetch_related, no rows at all) in one
    # round trip on PostgreSQL; each call's rows are the ones it gives by itself.
    a, b = documents["published"], DocumentFactory(published=True)
    Relation.objects.create(source=a, target=b, kind="amends", created_at=T0)
    visible = Prepared(_visible, key=KEY, now=NOW)
    relations = Prepared(
        lambda document: (
            Relation.objects.filter(source_id=document)
            .select_related("target")
            .only("kind", "target__title")
            .prefetch_related("target__issuer_links")
        ),
        document=models.BigIntegerField(),
    )
    calls = [
        (visible, {"key": a.index_number, "now": T0}),
        (relations, {"document": a.pk}),
        (visible, {"key": documents["draft"].index_number, "now": T0}),
        (relations, {"document": b.pk}),
        (visible, {"key": b.index_number, "now": T0}),
    ]
    alone = [prepared(**values) for prepared, values in calls]
    with CaptureQueriesContext(connection) as queries:
        together = run_together(*calls)
    postgresql = connection.vendor == "postgresql"
    # The prefetch of the one relation's target issuers runs by itself.
    assert len(queries) == (2 if postgresql else 6)
    assert [len(rows) for rows in together] == [1, 1, 0, 0, 1]
    for got, expected in zip(together, alone, strict=True):
        for x, y in zip(got, expected, strict=True):
            _same(x, y)
    assert together[1][0].target.title == b.title
    assert together[0][0].topic.name == alone[0][0].topic.name
    assert run_together() == [] and run_together(calls[1]) == [alone[1]]


@pytest.mark.parametrize(
    "key",
    [
        "²",
        "١٢",
        "9" * 19,
        "9" * 40,
        "-1",
        "0",
        "x/../1",
        "11350000003591037R/2026-99999",
    ],
)
def test_keys_that_name_no_document(client, key):
    DocumentFactory(published=True)
    assert sel.document_get_public(key=key, now=T0 + dt.timedelta(1)) is None
    assert client.get(f"/documents/{key}/").status_code == 404
    assert client.get(f"/api/v1/documents/{key}/").status_code == 404


def test_with_server_side_binding_the_reads_run_one_after_another(
    documents, monkeypatch
):
    # One statement per message there: no batch is sent.
    options = {
        **connection.settings_dict.get("OPTIONS", {}),
        "server_side_binding": True,
    }
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    visible = Prepared(_visible, key=KEY, now=NOW)
    keys = [documents["published"].index_number, documents["draft"].index_number]
    with CaptureQueriesContext(connection) as queries:
        together = run_together(*((visible, {"key": k, "now": T0}) for k in keys))
    assert len(queries) == 2 and [len(rows) for rows in together] == [1, 0]
