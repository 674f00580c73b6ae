"""The index statistics a search plans with (search/expansion.py): the words and
codes looked up once in a search state are kept, so a search of them again (a
filter, a sort, another page) sends no statistics statement; any index write,
here or in another process, reads them again; nothing is kept while content
keeps changing. Runs on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gongkai.documents.tests.factories import DocumentFactory
from gongkai.publishing.caching import content_changed
from gongkai.search import expansion
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import Filters, search_run
from gongkai.search.services import search_reindex

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs():
    made = [
        DocumentFactory(
            published=True,
            title="关于电梯安全监督抽查结果的通告",
            body="<p>在用电梯抽查。</p>",
            doc_number="闽质监〔2017〕12号",
        ),
        DocumentFactory(
            published=True,
            title="关于锅炉安全监督抽查的通知",
            body="<p>锅炉抽查，电梯另行安排。</p>",
            doc_number="",
        ),
    ]
    search_reindex(now=T0)
    return made


def _search(query, **options):
    """The search's titles and its statistics statements."""
    with CaptureQueriesContext(connection) as ctx:
        result = search_run(query=query, now=NOW, **options)
    reads = [
        q["sql"]
        for q in ctx.captured_queries
        if any(
            mark in q["sql"]
            for mark in ("search_searchterm", "search_searchstats", "EXISTS")
        )
    ]
    return [h.title for h in result.hits], reads


def test_a_search_of_words_looked_up_before_sends_no_statistics_statement(docs):
    first, reads = _search("电梯 抽查")
    assert len(reads) == 1
    again, reads = _search("电梯 抽查", sort="date")
    assert sorted(again) == sorted(first) and reads == []
    _titles, reads = _search("电梯 抽查", filters=Filters(year=1999))
    assert reads == []


def test_only_what_was_not_looked_up_is_asked(docs):
    _search("电梯")
    _search("抽查 锅炉")
    # Two of the query's words are known, and the index's statistics: only the
    # new word is asked (its parts and the query's codes with it).
    _titles, (read,) = _search("抽查 电梯 锅炉检验")
    assert "search_searchterm" in read and "search_searchcode" in read
    assert not any(t in read for t in ("searchstats", "searchversion"))


def test_new_codes_alone_are_asked_along_the_search(docs):
    _search("电梯")
    _search("抽查")
    # Both words are known, and the index's statistics; the query as a code is
    # not: the rows carrying it are asked with the walk, no statement of its own.
    with CaptureQueriesContext(connection) as ctx:
        result = search_run(query="抽查 电梯", now=NOW)
    assert len(result.hits) == 2 and not result.hits[0].exact
    sent = [q["sql"] for q in ctx.captured_queries]
    assert not any(
        t in sql for sql in sent for t in ("searchterm", "searchstats", "EXISTS")
    )
    assert sum("search_searchcode" in sql for sql in sent) == 1
    # Not kept: asked again along the next search of them.
    assert "抽查 电梯" not in expansion._known[0].codes


@pytest.mark.parametrize("query", ["闽质监〔2017〕12号", "闽质监[2017]12号"])
def test_a_code_asked_along_the_search_answers(docs, query):
    expected = search_run(query=query, now=NOW)
    assert expected.hits[0].exact and expected.hits[0].title == docs[0].title
    expansion.forget()
    _search(f"{query} 锅炉")  # its words known, not the query as a code
    with CaptureQueriesContext(connection) as ctx:
        result = search_run(query=query, now=NOW)
    assert not any("EXISTS" in q["sql"] for q in ctx.captured_queries)
    assert [(h.title, h.exact) for h in result.hits] == [
        (h.title, h.exact) for h in expected.hits
    ]
    assert result.total == expected.total


def test_a_code_is_found_again_from_what_is_kept(docs):
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            result = search_run(query="闽质监〔2017〕12号", now=NOW)
        assert result.hits[0].exact and result.hits[0].title == docs[0].title
    statistics = [q for q in ctx.captured_queries if "search_searchstats" in q["sql"]]
    assert statistics == []


def test_an_index_write_here_reads_them_again(docs, django_capture_on_commit_callbacks):
    assert len(_search("电梯")[1]) == 1
    docs[1].title = "关于锅炉和电梯安全监督抽查的通知"
    with django_capture_on_commit_callbacks(execute=True):
        docs[1].save()  # indexed again: forgotten here at once
    assert expansion._known[0] is None
    titles, reads = _search("电梯")
    assert len(reads) == 1 and docs[1].title in titles


def test_a_write_by_another_process_reads_them_again(docs):
    assert len(_search("电梯")[1]) == 1
    assert _search("电梯")[1] == []
    # What another process's write leaves: the search tag marked, nothing
    # forgotten in this process.
    content_changed(model=SearchEntry)
    assert len(_search("电梯")[1]) == 1


def test_nothing_is_kept_while_content_keeps_changing(docs, monkeypatch):
    from gongkai.search import selectors

    monkeypatch.setattr(selectors, "search_state", lambda now: None)
    _search("电梯")  # the thesaurus read
    for _ in range(2):
        titles, reads = _search("电梯")
        assert len(titles) == 2 and len(reads) == 1
    assert expansion._known[0] is None


def test_at_most_max_known_words_and_codes_are_kept(docs, monkeypatch):
    monkeypatch.setattr(expansion, "MAX_KNOWN", 6)
    expected = [_search(q)[0] for q in ("电梯", "锅炉 抽查", "安全 监督 通知", "电梯")]
    known = expansion._known[0]
    assert known is not None and len(known.words) + len(known.codes) <= 6
    expansion.forget()
    monkeypatch.setattr(expansion, "MAX_KNOWN", 50_000)
    assert [_search(q)[0] for q in ("电梯", "锅炉 抽查", "安全 监督 通知", "电梯")] == (
        expected
    )


def test_past_max_known_a_search_still_has_all_its_words(docs, monkeypatch):
    from gongkai.search.expansion import plan_query
    from gongkai.search.state import search_state

    expected = plan_query("电梯 锅炉 抽查", codes=["电梯 锅炉 抽查"]).frequencies
    assert set(expected) == {"电梯", "抽查"}  # 锅炉: one entry, not counted
    monkeypatch.setattr(expansion, "MAX_KNOWN", 2)
    state = search_state(NOW)
    plan_query("电梯", state=state)
    # 电梯 kept; 锅炉 and 抽查 read: past the bound, only this search's stay.
    plan = plan_query("电梯 锅炉 抽查", codes=["电梯 锅炉 抽查"], state=state)
    assert plan.frequencies == expected
    known = expansion._known[0]
    assert known is not None
    assert known.words.keys() == {"电梯", "锅炉", "抽查"}
    assert known.codes.keys() == {"电梯 锅炉 抽查"}


def test_an_unknown_words_parts_come_with_its_statistics(docs, monkeypatch):
    from gongkai.search import selectors

    for n in range(2):
        DocumentFactory(published=True, title=f"ISO9001认证公告{n}", doc_number="")
    search_reindex(now=T0)
    _search("ISO9001X")  # the thesaurus read

    def nearest(query):
        with CaptureQueriesContext(connection) as ctx:
            result = search_run(query=query, now=NOW)
        reads = [q for q in ctx.captured_queries if "search_searchterm" in q["sql"]]
        return result.nearest, len(reads)

    # The unknown word's parts were asked with it: the nearest query is found
    # from them, with no statement of its own.
    assert nearest("ISO9001Y") == (["iso9001"], 1)
    known = expansion._known[0]
    assert known is not None and known.words["iso9001"] == 2
    assert known.words["o900"] is None
    assert nearest("ISO9001Y") == (["iso9001"], 0)
    # The parts of a word the statistics know are not kept.
    expansion.forget()
    assert len(_search("ISO9001")[0]) == 2
    known = expansion._known[0]
    assert known is not None and set(known.words) == {"iso9001"}
    # Nothing kept: looked up in a statement of their own, the same answer.
    monkeypatch.setattr(selectors, "search_state", lambda now: None)
    assert nearest("ISO9001Z") == (["iso9001"], 2)


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="one message")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("query", ["抽查 电梯", "闽质监〔2017〕12号"])
def test_codes_asked_along_the_search_go_in_its_first_message(docs, query):
    with transaction.atomic():  # inside a transaction: one after the other
        expected = search_run(query=query, now=NOW)
    expansion.forget()
    _search(f"{query} 锅炉")  # its words known, not the query as a code
    with CaptureQueriesContext(connection) as ctx:
        result = search_run(query=query, now=NOW)
    assert [(h.id, h.exact) for h in result.hits] == [
        (h.id, h.exact) for h in expected.hits
    ]
    # The rows carrying it, with the walk (and the search state's read).
    (message,) = [q["sql"] for q in ctx.captured_queries if "search_" in q["sql"]]
    assert "search_searchcode" in message and "tsquery" in message
