"""The rows kept in the process for ranking and showing results
(search/ranktexts.py): read once, read again after any index write (here at
once, from another process by the search state), bounded, and never kept while
content keeps changing; a results page is shown from them where the openings
decide the excerpts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.documents.tests.factories import DocumentFactory
from gongkai.publishing.caching import content_changed
from gongkai.search import ranktexts
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import search_run
from gongkai.search.services import search_reindex
from gongkai.search.state import search_state

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    """Two entries on 电梯: the second says it more often."""
    once = DocumentFactory(
        published=True, title="关于做好有关工作的通知一", body="<p>电梯检查。</p>"
    )
    twice = DocumentFactory(
        published=True,
        title="关于做好有关工作的通知二",
        body="<p>电梯检查。电梯维保。</p>",
    )
    search_reindex(now=T0)
    return once, twice


def _titles(query):
    return [h.title for h in search_run(query=query, now=NOW).hits]


def _reads(ctx, *, whole):
    """The statements reading entries' rows by id: with their whole bodies
    (``whole``, a page's rows), else with their openings (``ranktexts``)."""
    head = f"SELECT {ranktexts.HIT_COLUMNS}, e.title, "
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith(head)
        and q["sql"][len(head) :].startswith("e.body ") == whole
    ]


def _text_reads(ctx):
    return _reads(ctx, whole=False)


def test_texts_are_read_once_then_kept(two):
    once, twice = two
    with CaptureQueriesContext(connection) as first:
        assert _titles("电梯") == [twice.title, once.title]
    with CaptureQueriesContext(connection) as again:
        assert _titles("检查") == [once.title, twice.title]  # shorter: first
    assert len(_text_reads(first)) == 1
    assert _text_reads(again) == []
    # Both pages were shown from the kept rows: no whole body was read.
    assert _reads(first, whole=True) == _reads(again, whole=True) == []


def test_a_page_is_shown_as_from_the_whole_bodies(monkeypatch):
    """Where an opening does not decide an excerpt, that row is read whole; the
    page is the one the whole bodies give."""
    from gongkai.search import selectors

    late = DocumentFactory(
        published=True,
        title="通知甲",
        body="<p>" + "其他事项。" * 60 + "电梯检查。</p>",
    )
    early = DocumentFactory(
        published=True,
        title="通知乙",
        body="<p>电梯检查。" + "其他事项。" * 60 + "</p>",
    )
    search_reindex(now=T0)
    monkeypatch.setattr(ranktexts, "RANK_CHARS", 200)
    ranktexts.forget()
    whole = search_run(query="电梯", now=NOW, state=None)  # nothing kept: all read
    assert ranktexts._kept == {}
    with CaptureQueriesContext(connection) as ctx:
        kept = search_run(query="电梯", now=NOW)
    assert kept.hits == whole.hits
    assert {h.title for h in kept.hits} == {late.title, early.title}
    (read,) = _reads(ctx, whole=True)  # the late mention's row only
    assert read.endswith(f"IN ({SearchEntry.objects.get(object_id=str(late.pk)).pk})")
    assert "电梯" in str(next(h for h in kept.hits if h.title == late.title).snippet)
    monkeypatch.setattr(selectors, "_fetch", lambda sql, params: [])
    assert [h.title for h in search_run(query="电梯", now=NOW).hits] == [early.title]


def test_an_index_write_here_reads_them_again(two, django_capture_on_commit_callbacks):
    once, twice = two
    assert _titles("电梯") == [twice.title, once.title]
    entry = SearchEntry.objects.get(object_id=str(once.pk))
    once.body = "<p>电梯检查。电梯维保。电梯安全。</p>"
    with django_capture_on_commit_callbacks(execute=True):
        once.save()  # indexed again, in place
    assert SearchEntry.objects.get(object_id=str(once.pk)).pk == entry.pk
    assert _titles("电梯") == [once.title, twice.title]


def test_a_change_made_by_another_process_reads_them_again(two):
    once, twice = two
    assert _titles("电梯") == [twice.title, once.title]
    # What another process's write leaves: the rows and the search tag changed,
    # nothing forgotten in this process.
    SearchEntry.objects.filter(object_id=str(once.pk)).update(
        body="电梯检查。电梯维保。电梯安全。"
    )
    content_changed(model=SearchEntry)
    assert _titles("电梯") == [once.title, twice.title]


def test_nothing_is_kept_while_content_keeps_changing(two, monkeypatch):
    from gongkai.search import selectors

    once, twice = two
    monkeypatch.setattr(selectors, "search_state", lambda now: None)
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            assert _titles("电梯") == [twice.title, once.title]
        assert len(_text_reads(ctx)) == 1
    assert ranktexts._kept == {}


def test_at_most_max_chars_are_kept(two, monkeypatch):
    once, twice = two
    sizes = sorted(ranktexts._size(row) for row in ranktexts._read(_ids()).values())
    monkeypatch.setattr(ranktexts, "MAX_CHARS", sizes[1])  # one entry's, not two
    assert _titles("电梯") == [twice.title, once.title]
    assert len(ranktexts._kept) == 1
    assert ranktexts._chars[0] == sum(map(ranktexts._size, ranktexts._kept.values()))
    assert _titles("电梯") == [twice.title, once.title]  # the same, read again


def test_an_entry_removed_since_its_match_is_left_out(two):
    once, _twice = two
    entry = SearchEntry.objects.get(object_id=str(once.pk))
    state = search_state(NOW)
    assert ranktexts.rank_rows([entry.pk, 10**9], state).keys() == {entry.pk}


def _ids():
    return list(SearchEntry.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("refreshed", [True, False])
def test_candidates_all_removed_since_their_match_find_nothing(
    two, monkeypatch, refreshed
):
    from gongkai.search import selectors
    from gongkai.search.models import SearchStats, SearchTerm

    if not refreshed:  # lengths are then averaged over the candidates read
        SearchStats.objects.all().delete()
        SearchTerm.objects.all().delete()
    monkeypatch.setattr(selectors, "rank_rows", lambda ids, state, read=True: {})
    result = search_run(query="电梯", now=NOW)
    assert (result.total, result.hits) == (0, [])


# ---------------------------------------------------------------- counts


def _kept_rows(state):
    return list(ranktexts.rank_rows(_ids(), state).values())


@pytest.mark.parametrize(
    "terms", [["电梯"], ["电梯", "检查"], ["GB", "电梯"], ["gb"], ["没有"]]
)
def test_scores_equal_bm25_scores_counted_or_kept(two, terms):
    from gongkai.search.rules import bm25_scores

    state = search_state(NOW)
    rows = _kept_rows(state)
    texts = [(r[ranktexts.TITLE], r[ranktexts.OPENING]) for r in rows]
    idfs = [1.0 + i for i in range(len(terms))]
    expected = bm25_scores(texts, terms, idfs, 12.0)
    assert ranktexts.scores(rows, terms, idfs, 12.0, state) == expected  # counted
    assert ranktexts._counted  # and kept
    assert ranktexts.scores(rows, terms, idfs, 12.0, state) == expected  # kept
    assert ranktexts.scores(rows, terms, idfs, 12.0, None) == expected


def test_each_word_is_counted_once_per_row(two):
    state = search_state(NOW)
    rows = _kept_rows(state)
    ranktexts.scores(rows, ["电梯"], [1.0], 12.0, state)
    assert ranktexts._counted[("电梯", False)] == {
        r[0]: 10 * r[ranktexts.TITLE].count("电梯") + r[ranktexts.OPENING].count("电梯")
        for r in rows
    }
    # Kept counts are used as they are: a changed one shows in the score.
    first = rows[0][0]
    before = ranktexts.scores(rows, ["电梯"], [1.0], 12.0, state)
    ranktexts._counted[("电梯", False)][first] += 5
    after = ranktexts.scores(rows, ["电梯"], [1.0], 12.0, state)
    assert after[0] > before[0] and after[1:] == before[1:]


def test_a_cased_query_counts_in_the_lower_cased_texts_apart(two):
    state = search_state(NOW)
    rows = _kept_rows(state)
    ranktexts.scores(rows, ["电梯"], [1.0], 12.0, state)
    ranktexts.scores(rows, ["GB", "电梯"], [1.0, 1.0], 12.0, state)
    assert set(ranktexts._counted) == {("电梯", False), ("gb", True), ("电梯", True)}


def test_counts_go_with_the_state(two):
    state = search_state(NOW)
    ranktexts.scores(_kept_rows(state), ["电梯"], [1.0], 12.0, state)
    content_changed(model=SearchEntry)  # another process's index write
    later = search_state(NOW)
    assert later != state
    ranktexts.scores(_kept_rows(later), ["检查"], [1.0], 12.0, later)
    assert set(ranktexts._counted) == {("检查", False)}
    ranktexts.forget()  # an index write here
    assert ranktexts._counted == {}


def test_at_most_max_counts_are_kept(two, monkeypatch):
    monkeypatch.setattr(ranktexts, "MAX_COUNTS", 1)
    state = search_state(NOW)
    rows = _kept_rows(state)
    expected = [
        ranktexts.scores(rows, [term], [1.0], 12.0, None) for term in ("电梯", "检查")
    ]
    got = [
        ranktexts.scores(rows, [term], [1.0], 12.0, state) for term in ("电梯", "检查")
    ]
    assert got == expected
    assert set(ranktexts._counted) == {("检查", False)}  # the first word's dropped


def test_past_max_counts_the_words_counted_first_go_down_to_half(two, monkeypatch):
    # Two rows a word: past 4 counts (the fourth word), the first two words go
    # (down to 2), and the later ones stay kept.
    monkeypatch.setattr(ranktexts, "MAX_COUNTS", 4)
    state = search_state(NOW)
    rows = _kept_rows(state)
    words = ["电梯", "检查", "抽查", "公开"]
    for word in words:
        ranktexts.scores(rows, [word], [1.0], 12.0, state)
    assert list(ranktexts._counted) == [("抽查", False), ("公开", False)]
    assert ranktexts._counts[0] == 4
