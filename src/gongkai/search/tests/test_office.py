"""The office's search tools: thesaurus services and pages, query and click counts,
the analytics page, and who may use them."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.search.models import SearchEntry, SearchQueryWeek, SearchSynonym
from gongkai.search.services import search_reindex
from gongkai.search.services_office import (
    UPSERT_ROWS,
    search_click_record,
    search_counts_record,
    search_counts_record_many,
    synonym_create,
    synonym_delete,
    synonym_update,
)

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
# Wednesday 2026-12-09 in Shanghai: its week starts on Monday 2026-12-07.
WED = dt.datetime(2026, 12, 9, 2, 0, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 12, 7)


# ---------------------------------------------------------------- services


def test_synonym_create_update_delete_are_audited(reviewer):
    row = synonym_create(by=reviewer, phrases=[" 升降机 ", "电梯", "电梯"], now=T0)
    assert row.phrase_list() == ["升降机", "电梯"]
    synonym_update(by=reviewer, synonym=row, phrases=["升降机", "直梯"], now=T0)
    row.refresh_from_db()
    assert row.phrase_list() == ["升降机", "直梯"]
    synonym_delete(by=reviewer, synonym=row, now=T0)
    assert not SearchSynonym.objects.exists()
    actions = list(
        AuditEvent.objects.filter(action__startswith="search.synonym")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "search.synonym_create",
        "search.synonym_update",
        "search.synonym_delete",
    ]


@pytest.mark.parametrize("user", ["staff", "auditor"])
def test_only_the_office_edits_the_thesaurus(request, user, reviewer):
    by = request.getfixturevalue(user)
    with pytest.raises(PermissionDeniedError):
        synonym_create(by=by, phrases=["a1", "b1"])
    row = synonym_create(by=reviewer, phrases=["升降机", "电梯"])
    with pytest.raises(PermissionDeniedError):
        synonym_delete(by=by, synonym=row)
    assert SearchSynonym.objects.count() == 1


@pytest.mark.parametrize(
    "phrases", [[], ["电梯"], ["电梯", " 电梯 "], ["电梯", "梯" * 61], ["词"] * 1 + [str(n) for n in range(10)]]
)  # fmt: skip
def test_bad_synonym_sets_are_refused_with_a_reason(reviewer, phrases):
    with pytest.raises(InvalidInputError):
        synonym_create(by=reviewer, phrases=phrases)
    assert not SearchSynonym.objects.exists()


def test_query_counts_per_week_and_normalised_query():
    search_counts_record(query="双随机一公开", searches=1, zero_results=0, now=WED)
    search_counts_record(query="  双随机一公开 ", searches=1, zero_results=0, now=WED)
    search_counts_record(query="ＡＢＣ 火星", searches=1, zero_results=1, now=WED)
    search_counts_record(
        query="abc 火星", searches=1, zero_results=1, now=WED + dt.timedelta(days=7)
    )
    search_click_record(query="双随机一公开", now=WED)
    search_click_record(query="从未检索过", now=WED)  # creates nothing
    rows = {
        (r.week, r.query): (r.searches, r.zero_results, r.clicks)
        for r in SearchQueryWeek.objects.all()
    }
    assert rows == {
        (MONDAY, "双随机一公开"): (2, 0, 1),
        (MONDAY, "abc 火星"): (1, 1, 0),
        (MONDAY + dt.timedelta(days=7), "abc 火星"): (1, 1, 0),
    }


def test_many_query_counts_are_one_statement_per_upsert_batch():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    search_counts_record(query="电梯", searches=2, zero_results=0, now=WED)
    counts = [(f"抽查{n}", 1, 1, WED) for n in range(UPSERT_ROWS + 1)]
    counts += [
        ("电梯", 3, 1, WED),  # added to the row there
        ("ＡＢＣ", 1, 0, WED),  # the same key twice: summed before writing
        ("abc", 1, 0, WED),
        ("下周", 1, 0, WED + dt.timedelta(days=7)),
        ("  ", 1, 0, WED),  # nothing to count
        ("不算", 0, 0, WED),
    ]
    with CaptureQueriesContext(connection) as ctx:
        written = search_counts_record_many(counts)
    inserts = [q for q in ctx.captured_queries if "INSERT" in q["sql"]]
    assert len(inserts) == 2 and written == UPSERT_ROWS + 4
    rows = {
        (r.week, r.query): (r.searches, r.zero_results)
        for r in SearchQueryWeek.objects.all()
    }
    assert rows[MONDAY, "电梯"] == (5, 1)
    assert rows[MONDAY, "abc"] == (2, 0)
    assert rows[MONDAY + dt.timedelta(days=7), "下周"] == (1, 0)
    assert rows[MONDAY, f"抽查{UPSERT_ROWS}"] == (1, 1)
    assert len(rows) == UPSERT_ROWS + 1 + 3
    assert search_counts_record_many([]) == 0


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes one writer at a time: two flushes cannot cross",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_flushing_the_same_queries_in_opposite_orders_both_count(
    monkeypatch,
):
    """Each row its own statement, the first flush held after its first row until
    the second has written one (or 2 s): rows written in the order given would
    cross (deadlock detected, one flush lost); in one order the second waits."""
    from gongkai.search import services_office

    monkeypatch.setattr(services_office, "UPSERT_ROWS", 1)
    words = [f"抽查{n}" for n in range(6)]
    first_row, second_row = threading.Event(), threading.Event()

    def held(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if threading.current_thread().name == "first" and not first_row.is_set():
            first_row.set()
            second_row.wait(2)
        elif threading.current_thread().name == "second":
            second_row.set()
        return result

    def flush(order):
        try:
            with connection.execute_wrapper(held):
                return search_counts_record_many([(w, 1, 0, WED) for w in order])
        finally:
            connection.close()

    outcome = {}
    first = threading.Thread(
        target=lambda: outcome.setdefault("first", _caught(flush, words)), name="first"
    )
    first.start()
    assert first_row.wait(30)
    second = threading.Thread(
        target=lambda: outcome.setdefault("second", _caught(flush, words[::-1])),
        name="second",
    )
    second.start()
    first.join(30)
    second.join(30)
    assert outcome == {"first": 6, "second": 6}
    searches = dict(SearchQueryWeek.objects.values_list("query", "searches"))
    assert searches == {w: 2 for w in words}


def _caught(function, *args):
    try:
        return function(*args)
    except Exception as exc:  # the outcome is asserted
        return exc


def test_query_counts_hold_no_personal_data():
    search_counts_record(
        query="我的手机13812345678", searches=1, zero_results=1, now=WED
    )
    assert list(SearchQueryWeek.objects.values_list("query", flat=True)) == [
        "我的手机*"
    ]
    fields = {f.name for f in SearchQueryWeek._meta.get_fields()}
    assert fields == {"id", "week", "query", "searches", "zero_results", "clicks"}


# ---------------------------------------------------------------- pages


@pytest.fixture
def doc(django_capture_on_commit_callbacks):
    d = DocumentFactory(
        published=True, title="关于电梯安全监督抽查的通告", doc_number=""
    )
    search_reindex(now=T0)
    return d


def test_searches_and_clicks_are_counted_from_the_public_pages(client, doc):
    with time_machine.travel(WED, tick=False):
        url = reverse("search:search")
        for _ in range(2):  # the second page comes from the page cache
            page = client.get(url, {"q": "电梯"})
            assert page.status_code == 200
        client.get(url, {"q": "电梯", "page": "2"})  # paging is not a new search
        client.get(url, {"q": "火星"})
        entry = SearchEntry.objects.get()
        link = reverse("search:go", args=[entry.pk])
        assert f'href="{link}?q=%E7%94%B5%E6%A2%AF"' in page.content.decode()
        response = client.get(link, {"q": "电梯"})
    assert response.status_code == 302 and response["Location"] == entry.url
    counts = (
        dict(SearchQueryWeek.objects.values_list("query", "searches")),
        dict(SearchQueryWeek.objects.values_list("query", "clicks")),
    )
    assert counts == ({"电梯": 2, "火星": 1}, {"电梯": 1, "火星": 0})


def test_click_links_only_lead_to_visible_entries(client, doc):
    entry = SearchEntry.objects.get()
    go = reverse("search:go", args=[entry.pk])
    # Control characters are refused once, for every URL (common.middleware).
    assert client.get(go, {"q": "\x00电梯"}).status_code == 400
    assert client.get(go, {"q": "电梯"}).status_code == 302
    SearchEntry.objects.filter(pk=entry.pk).update(visible_from=None)
    assert client.get(go).status_code == 404
    assert client.get(reverse("search:go", args=[entry.pk + 99])).status_code == 404
    assert client.get(reverse("search:go", args=[2**64])).status_code == 404


def test_nothing_found_page_links_the_nearest_queries(client, doc):
    body = client.get(reverse("search:search"), {"q": "电梯 火星"}).content.decode()
    assert "以下检索词有结果" in body
    assert 'href="/search/?q=%E7%94%B5%E6%A2%AF"' in body


def test_office_adds_edits_and_deletes_synonyms_in_the_workbench(login, reviewer):
    client = login(reviewer)
    url = reverse("search-staff:thesaurus")
    page = client.get(url)
    assert page.status_code == 200 and "质量技术监督局" in page.content.decode()
    response = client.post(url, {"phrases": "升降机\n电梯"})
    assert response.status_code == 302
    row = SearchSynonym.objects.get()
    edit = reverse("search-staff:synonym-edit", args=[row.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"phrases": "升降机\n直梯", "directed": "on"})
    row.refresh_from_db()
    assert row.phrase_list() == ["升降机", "直梯"] and row.directed
    bad = client.post(url, {"phrases": "只有一个"})
    assert bad.status_code == 200 and "至少填写两个" in bad.content.decode()
    client.post(reverse("search-staff:synonym-delete", args=[row.pk]))
    assert not SearchSynonym.objects.exists()


@pytest.mark.parametrize("user", ["staff", "auditor"])
def test_other_staff_may_not_use_the_office_pages(login, request, user, reviewer):
    client = login(request.getfixturevalue(user))
    row = synonym_create(by=reviewer, phrases=["升降机", "电梯"])
    for name, args in [
        ("search-staff:thesaurus", []),
        ("search-staff:analytics", []),
        ("search-staff:synonym-edit", [row.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403
    assert (
        client.post(reverse("search-staff:thesaurus"), {"phrases": "a\nb"}).status_code
        == 403
    )
    delete = reverse("search-staff:synonym-delete", args=[row.pk])
    assert client.post(delete).status_code == 403
    assert SearchSynonym.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("search-staff:analytics"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_analytics_page_shows_top_zero_and_unclicked_queries(login, reviewer):
    for query, found, clicks in [
        ("电梯", 5, 1),
        ("电梯", 5, 0),
        ("火星", 0, 0),
        ("抽查", 9, 0),
    ]:
        search_counts_record(
            query=query, searches=1, zero_results=int(found == 0), now=WED
        )
        for _ in range(clicks):
            search_click_record(query=query, now=WED)
    search_counts_record(
        query="去年的词", searches=1, zero_results=0, now=WED - dt.timedelta(days=30)
    )
    client = login(reviewer)
    body = client.get(reverse("search-staff:analytics")).content.decode()
    top, rest = body.split("没有结果的检索词", 1)
    zero, unclicked = rest.split("有结果但无人点击的检索词", 1)
    assert "电梯" in top and "火星" in top and "去年的词" not in top
    assert "火星" in zero and "电梯" not in zero
    assert "抽查" in unclicked and "电梯" not in unclicked and "火星" not in unclicked
    older = client.get(reverse("search-staff:analytics"), {"week": "2026-11-09"})
    assert "去年的词" in older.content.decode()
    bad = client.get(reverse("search-staff:analytics"), {"week": "2026-13-40"})
    assert bad.status_code == 200
