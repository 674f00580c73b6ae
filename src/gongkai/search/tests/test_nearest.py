"""Whether candidate queries match (``any_match``, behind the nearest queries of a
search that found nothing): the same answer as looking each one up with
``newest``, on every plan ``newest`` can take; on PostgreSQL in one statement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gongkai.documents.tests.factories import DocumentFactory
from gongkai.search import backends
from gongkai.search.backends import backend_for
from gongkai.search.expansion import plan_query
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import Filters, _where, search_run
from gongkai.search.services import search_reindex
from gongkai.search.thesaurus import Group

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=1)

# Each a query's words, one group per word.
CANDIDATES = [
    ["计量"],  # the newest rows
    ["锅炉"],  # only the oldest rows: past any walk
    ["火星"],  # nowhere
    ["地方", "标准"],  # both words in one old row
    ["地方", "计量"],  # never together
    ["标准", "计量"],  # together in the oldest row only
    ["撤回"],  # only in a row no longer visible
]


@pytest.fixture
def corpus():
    DocumentFactory(
        published=True, title="锅炉检验通知", body="<p>锅炉。标准。计量。</p>"
    )
    DocumentFactory(published=True, title="地方标准通知", body="<p>地方标准。</p>")
    for n in range(20):
        DocumentFactory(published=True, title=f"计量工作通知{n}", body="<p>计量。</p>")
    DocumentFactory(published=True, title="撤回通知", body="<p>撤回。</p>")
    search_reindex(now=T0)
    SearchEntry.objects.filter(title="撤回通知").update(visible_until=T0)


def _one_by_one(candidates, where, params, plan):
    return [
        bool(
            backend_for().newest(
                select="e.id",
                where=where,
                params=params,
                groups=groups,
                limit=1,
                frequencies=plan.frequencies,
                entries=plan.entries,
                top_id=plan.top_id,
            )[0]
        )
        for groups in candidates
    ]


@pytest.mark.parametrize(
    ("planner_max", "probe", "walk_max", "rum"),
    [
        (None, None, None, True),  # as configured
        (0, 1, 0, True),  # a one-row probe, then the index for the rest
        (0, 3, 10**6, True),  # a probe, a second walk, the index for what is left
        (0, 100, 10**6, True),  # the walks cover every row
        (0, 3, 10**6, False),  # the GIN plans
    ],
)
def test_any_match_answers_as_each_lookup_does(
    corpus, monkeypatch, planner_max, probe, walk_max, rum
):
    if connection.vendor == "postgresql":
        if planner_max is not None:
            monkeypatch.setattr(backends, "PLANNER_MAX_MATCHES", planner_max)
            monkeypatch.setattr(backends, "PROBE_ROWS", probe)
            monkeypatch.setattr(backends, "WALK_MAX_ROWS", walk_max)
            monkeypatch.setattr(backends, "GIN_ROWS", walk_max)
        if not rum:
            monkeypatch.setattr(backends, "has_rum", lambda: False)
    elif planner_max is not None:
        pytest.skip("SQLite has one plan")
    plan = plan_query(" ".join(w for words in CANDIDATES for w in words))
    clauses, params = _where(NOW, Filters())
    where = " AND ".join(clauses)
    candidates = [[Group(w, ((w,),)) for w in words] for words in CANDIDATES]
    expected = _one_by_one(candidates, where, params, plan)
    assert expected == [True, True, False, True, False, True, False]
    with CaptureQueriesContext(connection) as ctx:
        assert (
            backend_for().any_match(
                candidates,
                where=where,
                params=params,
                frequencies=plan.frequencies,
                entries=plan.entries,
                top_id=plan.top_id,
            )
            == expected
        )
    if connection.vendor == "postgresql":  # (in a test's transaction, bitmap
        # scans are set off and back around it: statements of their own)
        lookups = [q for q in ctx.captured_queries if "search_searchentry" in q["sql"]]
        assert len(lookups) == 1
    assert backend_for().any_match([], where=where, params=params,
                                   frequencies={}, entries=0, top_id=0) == []  # fmt: skip


def test_the_nearest_queries_are_found_in_one_statement_on_postgresql(corpus):
    search_run(query="计量", now=NOW)  # the thesaurus read
    with CaptureQueriesContext(connection) as ctx:
        result = search_run(query="锅炉 计量 火星", now=NOW)
    assert result.total == 0
    # Each word left out in turn: only 锅炉 计量 is found (in the oldest row).
    assert result.nearest == ["锅炉 计量"]
    lookups = [q for q in ctx.captured_queries if "COALESCE" in q["sql"]]
    assert len(lookups) == (1 if connection.vendor == "postgresql" else 0)


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="one message")
@pytest.mark.django_db(transaction=True)
def test_the_suggestions_and_nearest_queries_go_in_one_message(corpus):
    with transaction.atomic():  # inside a transaction: one after the other
        expected = search_run(query="锅炉 计量 火星", now=NOW)
    with CaptureQueriesContext(connection) as ctx:
        result = search_run(query="锅炉 计量 火星", now=NOW)
    assert result.total == 0 and result.nearest == ["锅炉 计量"]
    assert [h.id for h in result.suggestions] == [h.id for h in expected.suggestions]
    assert len(result.suggestions) == 5
    (message,) = [q["sql"] for q in ctx.captured_queries if "COALESCE" in q["sql"]]
    # The suggestions' walk: any of the words.
    assert "''锅炉'' | ''计量'' | ''火星''" in message
    assert len(ctx.captured_queries) == 3  # the statistics, the search, that
