"""The static page index's tags: a mark finds exactly the pages holding one of its
tags (a whole tag, never a prefix), re-recording a page replaces its tags, a
deleted page takes its tags with it, and migration 0004 keeps a deployed index."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from gongkai.publishing import caching, static
from gongkai.publishing.models import StaticPage, StaticPageTag

from .support import NOW

pytestmark = pytest.mark.django_db
LATER = NOW + dt.timedelta(minutes=5)
DOC = "documents.document"

# path -> the tags its render recorded.
INDEX = {
    "/a/": {DOC, f"{DOC}:1"},
    "/b/": {DOC, f"{DOC}:12"},
    "/c/": {DOC},
    "/d/": {"search.searchentry", "penalties.penalty:1"},
    "/e/": set(),
}


@pytest.fixture
def index(settings):
    settings.GONGKAI_STATIC_SITE_DIR = "/nonexistent/site"  # tracking on
    _record(INDEX)


def _record(pages: dict[str, set[str]], now: dt.datetime = NOW) -> None:
    static._record(
        [(StaticPage(path=p, url_name="k", built_at=now), t) for p, t in pages.items()]
    )


def _stale() -> set[str]:
    return set(
        StaticPage.objects.filter(stale_since__isnull=False).values_list(
            "path", flat=True
        )
    )


def _tags(path: str) -> set[str]:
    return set(
        StaticPageTag.objects.filter(page__path=path).values_list("tag", flat=True)
    )


@pytest.mark.parametrize(
    ("marked", "stale"),
    [
        ([f"{DOC}:1"], {"/a/"}),  # not /b/ (documents.document:12)
        ([f"{DOC}:12"], {"/b/"}),
        ([f"{DOC}:2"], set()),  # a prefix of no tag, and no page's tag
        ([f"{DOC}:"], set()),
        (["documents"], set()),
        ([DOC], {"/a/", "/b/", "/c/"}),
        ([f"{DOC}:1", "penalties.penalty:1"], {"/a/", "/d/"}),
        (["penalties.penalty"], set()),  # /d/ holds only one penalty's tag
        (["*"], {"/a/", "/b/", "/c/", "/d/", "/e/"}),
        ([f"{DOC}:1", "*"], {"/a/", "/b/", "/c/", "/d/", "/e/"}),
        ([], set()),
    ],
)
def test_a_mark_makes_stale_exactly_the_pages_holding_a_whole_tag(index, marked, stale):
    static.on_mark(marked, LATER)
    assert _stale() == stale
    assert (
        set(StaticPage.objects.filter(stale_since=LATER).values_list("path", flat=True))
        == stale
    )


def test_a_page_already_stale_keeps_the_moment_it_became_stale(index):
    static.on_mark([f"{DOC}:1"], NOW)
    static.on_mark([DOC], LATER)
    since = dict(StaticPage.objects.values_list("path", "stale_since"))
    assert (since["/a/"], since["/b/"], since["/d/"]) == (NOW, LATER, None)


def test_caching_mark_reaches_the_index_with_tags_cut_as_it_cuts_them(index):
    long = "search.searchentry:" + "x" * 130
    _record({"/long/": {long}})
    assert _tags("/long/") == {long[:120]}
    caching.mark([long], now=LATER)
    assert _stale() == {"/long/"}


def test_re_recording_a_page_replaces_its_tags_and_makes_it_fresh(index):
    static.on_mark([f"{DOC}:1"], NOW)
    _record({"/a/": {f"{DOC}:2", "search.searchentry"}}, now=LATER)
    assert _tags("/a/") == {f"{DOC}:2", "search.searchentry"}
    assert _stale() == set()
    assert _tags("/b/") == INDEX["/b/"]  # the other pages' tags are kept
    static.on_mark([f"{DOC}:1", DOC], LATER)  # tags /a/ no longer holds
    assert _stale() == {"/b/", "/c/"}
    static.on_mark([f"{DOC}:2"], LATER)
    assert _stale() == {"/a/", "/b/", "/c/"}


def test_recording_many_pages_takes_a_few_statements_not_one_per_row(
    settings, django_assert_max_num_queries
):
    pages = {f"/p/{i}/": {DOC, f"{DOC}:{i}", *(f"t:{n}" for n in range(8))}
             for i in range(1200)}  # fmt: skip
    _record(pages)  # the second time replaces every page's rows
    with django_assert_max_num_queries(60):
        _record(pages, now=LATER)
    assert StaticPageTag.objects.count() == 1200 * 10
    assert _tags("/p/7/") == pages["/p/7/"]


def test_a_deleted_page_takes_its_tag_rows_with_it(index):
    gone = StaticPage.objects.get(path="/a/").pk
    StaticPage.objects.filter(path="/a/").delete()
    assert not StaticPageTag.objects.filter(page_id=gone).exists()
    assert _tags("/b/") == INDEX["/b/"]


def test_a_build_records_the_tags_of_every_page(client, site, tree):
    static.static_build(out=tree)
    untagged = StaticPage.objects.exclude(
        pk__in=StaticPageTag.objects.values("page_id")
    )
    assert StaticPage.objects.count() >= 20 and not untagged.exists()
    document = site["document"]
    assert f"{DOC}:{document.pk}" in _tags(document.get_absolute_url())
    assert DOC in _tags(reverse("documents:catalogue"))  # a list of documents


# ---- migration 0004: the tags text becomes rows ------------------------------

BEFORE = ("publishing", "0003_static_pages")


def _migrate(target: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor


@pytest.mark.django_db(transaction=True)
def test_migration_turns_the_tags_text_into_rows_and_back():
    try:
        old = _migrate(BEFORE).loader.project_state([BEFORE]).apps
        OldPage = old.get_model("publishing", "StaticPage")
        OldPage.objects.create(path="/a/", url_name="k", built_at=NOW,
                               tags=f" {DOC} {DOC}:1 search.searchentry ")  # fmt: skip
        OldPage.objects.create(path="/b/", url_name="k", built_at=NOW,
                               tags=f" {DOC}:12 ", stale_since=NOW)  # fmt: skip
        OldPage.objects.create(path="/e/", url_name="k", built_at=NOW)  # tags " "
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("publishing"))
        assert _tags("/a/") == {DOC, f"{DOC}:1", "search.searchentry"}
        assert _tags("/b/") == {f"{DOC}:12"}
        assert _tags("/e/") == set()
        assert StaticPage.objects.get(path="/b/").stale_since == NOW
        # Back again: the rows become the text.
        old = _migrate(BEFORE).loader.project_state([BEFORE]).apps
        OldPage = old.get_model("publishing", "StaticPage")
        assert dict(OldPage.objects.values_list("path", "tags")) == {
            "/a/": f" {DOC} {DOC}:1 search.searchentry ",
            "/b/": f" {DOC}:12 ",
            "/e/": " ",
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
