"""Static publishing: the built files are the bytes the page cache serves, for every
page kind and variant; changes re-render only the pages that show them."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.documents import services as documents
from gongkai.documents.tests.factories import (
    DocumentFactory,
)
from gongkai.publishing import caching, pagecache, static, static_files, static_jobs
from gongkai.publishing.choices import Status
from gongkai.publishing.models import StaticPage, StaticPageTag
from gongkai.publishing.pagecache import declared
from gongkai.publishing.services import publishing_withdraw

pytestmark = pytest.mark.django_db
NOW = timezone.now


def _served(client, path: str, language: str, large: bool) -> bytes:
    client.cookies.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if large:
        client.cookies["gk_large"] = "1"
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content


def test_every_page_kind_is_built_byte_identical_to_the_page_cache(client, site, tree):
    report = static.static_build(out=tree)
    assert tree.is_symlink() and report.pages >= 20
    kinds = {}
    for row in StaticPage.objects.all():
        kinds.setdefault(row.url_name, row.path)
    expected = {k.url_name for k in declared().values() if k.static}
    # foi:report needs a published annual report, none in this site.
    assert expected - set(kinds) == {"foi:report"}
    for url_name, path in sorted(kinds.items()):
        for language, large, directory in static_files.variants():
            found = static_files.built_file(tree / directory, path)
            assert found is not None, (url_name, path)
            built = found.read_bytes()
            assert built == _served(client, path, language, large), (url_name, path)
    home = tree / "zh-hans" / "index.html"
    assert gzip.decompress((tree / "zh-hans" / "index.html.gz").read_bytes()) == (
        home.read_bytes()
    )
    assert "静态发布的通知" in home.read_text()
    assert "Latest disclosures" in (tree / "en" / "index.html").read_text()
    assert 'class="large-text"' in (tree / "zh-hans.large" / "index.html").read_text()
    assert any((tree / "static").rglob("*.css"))


def test_a_second_build_swaps_the_tree_and_removes_the_old_one(client, site, tree):
    static.static_build(out=tree)
    first = tree.resolve()
    static.static_build(out=tree)
    assert tree.resolve() != first and not first.exists()


def test_a_directory_in_the_way_is_refused(tmp_path):
    (tmp_path / "site").mkdir()
    with pytest.raises(FileExistsError):
        static.static_build(out=tmp_path / "site")


def _mtimes(tree: Path) -> dict[str, int]:
    root = tree.resolve()
    return {
        str(p.relative_to(root)): os.stat(p).st_mtime_ns for p in root.rglob("*.html")
    }


def test_publish_re_renders_only_the_affected_pages(
    client, site, tree, staff, reviewer, django_capture_on_commit_callbacks
):
    static.static_build(out=tree)
    before = _mtimes(tree)
    draft = DocumentFactory(
        status=Status.APPROVED, department=staff.department, author=staff,
        title="新发布的公告",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        documents.document_publish(document=draft, by=reviewer)
    # The immediate task backend ran the refresh after the commit.
    after = _mtimes(tree)
    changed = {name for name in after if after[name] != before.get(name)}
    page = static_files.file_for(draft.get_absolute_url())
    assert f"zh-hans/{page}" in changed  # the new document's own page
    assert {"zh-hans/index.html", "zh-hans/xxgk/index.html"} <= changed
    sitemap = (tree / "zh-hans" / "sitemap.xml").read_text()
    assert draft.get_absolute_url() in sitemap
    # Pages that do not show documents were not touched.
    untouched = {"zh-hans/penalties/index.html", "zh-hans/foi/index.html",
                 "zh-hans/inspections/how-to-verify/index.html",
                 "zh-hans" + site["document"].get_absolute_url() + "index.html"}  # fmt: skip
    assert not untouched & changed
    assert static.static_status().stale == []


def test_withdraw_removes_the_page_and_updates_its_lists(
    client, site, tree, reviewer, django_capture_on_commit_callbacks
):
    static.static_build(out=tree)
    document = site["document"]
    page = tree / "zh-hans" / static_files.file_for(document.get_absolute_url())
    assert page.exists()
    with django_capture_on_commit_callbacks(execute=True):
        publishing_withdraw(obj=document, by=reviewer, reason="内容有误")
    assert not page.exists() and not page.with_name("index.html.gz").exists()
    assert "静态发布的通知" not in (tree / "zh-hans" / "index.html").read_text()
    assert not StaticPage.objects.filter(path=document.get_absolute_url()).exists()
    tags = StaticPageTag.objects.filter(page__path=document.get_absolute_url())
    assert not tags.exists()


def test_a_window_edge_with_no_request_is_passed_by_the_tick(
    client, site, tree, staff, django_capture_on_commit_callbacks
):
    start = timezone.now()
    later = DocumentFactory(
        published=True,
        title="定时公开的文件",
        publish_at=start + dt.timedelta(minutes=5),
    )
    static.static_build(out=tree, now=start)
    page = tree / "zh-hans" / static_files.file_for(later.get_absolute_url())
    assert not page.exists()
    with (
        time_machine.travel(start + dt.timedelta(minutes=6), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        static.static_tick.call()
    assert "定时公开的文件" in page.read_text()
    assert "定时公开的文件" in (tree / "zh-hans" / "index.html").read_text()


def test_status_lists_stale_pages_and_the_oldest(client, site, tree, capsys):
    static.static_build(out=tree)
    # No commit in this test's transaction: the refresh is not run.
    site["column"].name = "改名的栏目"
    site["column"].save()
    state = static.static_status()
    paths = [path for path, _since in state.stale]
    assert reverse("documents:column", args=["policy"]) in paths
    assert reverse("penalties:penalty-list") not in paths
    assert state.oldest is not None
    call_command("static", "status")
    assert "oldest stale for" in capsys.readouterr().out


def test_publish_re_renders_the_feeds_and_the_sitemap(
    client, site, tree, staff, reviewer, django_capture_on_commit_callbacks
):
    static.static_build(out=tree)
    draft = DocumentFactory(
        status=Status.APPROVED, department=staff.department, author=staff,
        title="进入订阅的公告",
    )  # fmt: skip
    feeds = [reverse("documents:feed-atom"), reverse("documents:feed-rss")]
    stale_after: list[str] = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        documents.document_publish(document=draft, by=reviewer)
        stale_after = [path for path, _since in static.static_status().stale]
    assert set(feeds) | {reverse("documents:sitemap")} <= set(stale_after)
    # After the commit: the refresh, and the search index's write, which renews the
    # sitemap again (every published item is listed from the index).
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    for path in feeds:
        for _language, _large, directory in static_files.variants():
            found = static_files.built_file(tree / directory, path)
            assert found is not None and "进入订阅的公告" in found.read_text(), path
    assert static.static_status().stale == []


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _index() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The page index: (path, URL name) of each page, (path, tag) of each tag."""
    return (
        sorted(StaticPage.objects.values_list("path", "url_name")),
        sorted(StaticPageTag.objects.values_list("page__path", "tag")),
    )


def _forget_cached_pages() -> None:
    # A second build must render, not copy what the first one left in the cache.
    caches["pages"].clear()
    pagecache._local.clear()


@pytest.mark.django_db(transaction=True)
def test_the_command_with_two_jobs_builds_the_tree_one_job_builds(
    client, site, tmp_path, settings
):
    settings.GONGKAI_STATIC_SITE_URL = "http://testserver"
    one, two = tmp_path / "one", tmp_path / "two"
    out = io.StringIO()
    # An empty feed is dated at its render (syndication's default): one clock.
    with time_machine.travel(timezone.now(), tick=False):
        call_command("static", "build", "--out", str(one), "--jobs", "1", stdout=out)
        indexed = _index()
        _forget_cached_pages()
        call_command("static", "build", "--out", str(two), "--jobs", "2", stdout=out)
    pages, tags = indexed
    assert out.getvalue().count(f"{len(pages)} pages × 4 variants") == 2
    assert {path for path, _tag in tags} == {path for path, _name in pages}
    first, second = _files(one.resolve()), _files(two.resolve())
    assert len(first) > 100 and first.keys() == second.keys()
    assert [n for n in first if first[n] != second[n]] == []
    assert _index() == indexed


@pytest.mark.django_db(transaction=True)
def test_a_large_refresh_renders_in_jobs_the_files_the_build_wrote(
    client, site, tree, monkeypatch
):
    # Every page stale (a mark of "*"): more than a worker's chunk, so the refresh
    # forks; each file is written again with the bytes the build wrote.
    monkeypatch.setattr(static_jobs, "CHUNK", 10)
    forked: list[int] = []
    parallel = static_jobs.render_parallel

    def spy(tree_root, pages, *, jobs, fresh=True):
        forked.append(jobs)
        assert fresh is False  # the live tree: each file replaced atomically
        return parallel(tree_root, pages, jobs=jobs, fresh=fresh)

    monkeypatch.setattr(static_jobs, "render_parallel", spy)
    with time_machine.travel(timezone.now(), tick=False):
        static.static_build(out=tree)
        built, indexed = _files(tree.resolve()), _index()
        # As a mark of "*" leaves the index (without running the refresh it queues).
        StaticPage.objects.update(stale_since=timezone.now())
        assert len(static.static_status().stale) == len(indexed[0]) > 10
        _forget_cached_pages()
        done = static.refresh(out=tree, jobs=2)
    assert forked == [2] and done == len(indexed[0])
    again = _files(tree.resolve())
    assert again.keys() == built.keys()
    assert [n for n in built if built[n] != again[n]] == []
    assert _index() == indexed
    assert static.static_status().stale == []


def test_a_small_refresh_renders_in_this_process(site, tree, monkeypatch):
    static.static_build(out=tree)
    monkeypatch.setattr(static_jobs, "render_parallel", None)  # would fail if called
    static.on_mark([f"documents.document:{site['document'].pk}"], timezone.now())
    assert 0 < static.refresh(out=tree, jobs=4) <= static_jobs.CHUNK
    assert static.static_status().stale == []


def test_a_page_changed_again_while_it_renders_stays_stale(site, tree, monkeypatch):
    # The refresh read the counter, then a change committed while the page was
    # rendering (with the data before it): the page must not be recorded fresh.
    static.static_build(out=tree)
    document = site["document"]
    tag = f"documents.document:{document.pk}"
    path = document.get_absolute_url()
    caching.mark([tag, "penalties.penalty"])
    before = {p for p, _since in static.static_status().stale}
    assert {path, reverse("penalties:penalty-list")} <= before
    holding = set(
        StaticPageTag.objects.filter(tag=tag).values_list("page__path", flat=True)
    )
    get = static.Renderer.get
    changed: list[int] = []

    def render_then_change(self, page_path, **kwargs):
        answer = get(self, page_path, **kwargs)
        if page_path == path and not changed:
            changed.append(caching.mark([tag]))
        return answer

    monkeypatch.setattr(static.Renderer, "get", render_then_change)
    static.refresh(out=tree)
    assert changed
    row = StaticPage.objects.get(path=path)
    assert row.stale_since is not None and row.marked_value == changed[0]
    # Stale: the pages the second mark reached; fresh: those marked only before
    # the refresh (the penalty lists).
    assert {p for p, _since in static.static_status().stale} == holding
    static.refresh(out=tree)  # the change's own refresh
    assert static.static_status().stale == []


def test_a_build_with_jobs_inside_a_transaction_is_refused_and_leaves_nothing(
    site, tree
):
    with pytest.raises(RuntimeError):
        static.static_build(out=tree, jobs=2)
    assert list(tree.parent.iterdir()) == []


@pytest.mark.parametrize("action", ["build", "refresh"])
def test_jobs_must_be_at_least_one(tree, action):
    with pytest.raises(CommandError, match="--jobs"):
        call_command("static", action, "--out", str(tree), "--jobs", "0")


def test_the_pages_are_cut_into_disjoint_chunks_covering_the_list():
    pages = [("k", f"/p/{i}/") for i in range(120)]
    cut = static_jobs.chunks(pages, 50)
    assert [len(c) for c in cut] == [50, 50, 20]
    assert [p for c in cut for p in c] == pages
    assert static_jobs.chunks([], 50) == []


def _pending_ticks() -> list[dt.datetime]:
    return list(
        DBTaskResult.objects.filter(
            task_path=static.static_tick.module_path, status=TaskResultStatus.READY
        ).values_list("run_after", flat=True)
    )


def test_a_failing_module_tick_is_logged_and_the_schedule_goes_on(
    settings, monkeypatch, caplog
):
    import dataclasses

    from gongkai.common import modules as registry

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ran: list[str] = []

    def broken() -> None:
        raise OSError("folder gone")

    declared = registry.modules()
    ticking = (
        dataclasses.replace(declared[0], ticks=[broken]),
        dataclasses.replace(declared[1], ticks=[lambda: ran.append("second")]),
        *declared[2:],
    )
    monkeypatch.setattr(static, "modules", lambda: ticking)
    with caplog.at_level("ERROR", logger="gongkai.publishing.static"):
        static.static_tick.call()
    assert ran == ["second"]
    assert "folder gone" in caplog.text
    assert len(_pending_ticks()) == 1  # the next tick is still scheduled


def test_builds_and_ticks_keep_at_most_one_pending_tick(site, tree, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _build in range(2):
        call_command("static", "build", "--out", str(tree), "--jobs", "1",
                     stdout=io.StringIO())  # fmt: skip
    assert len(_pending_ticks()) == 1
    static.static_tick.call()  # the worker running it: the next edge, still one
    static.static_tick.call()
    assert len(_pending_ticks()) == 1
    # A tick due later is brought forward; extra ones (an older release's) go.
    later = timezone.now() + dt.timedelta(hours=1)
    static.static_tick.using(run_after=later).enqueue()
    soon = timezone.now() + dt.timedelta(minutes=1)
    static.schedule_tick(soon)
    assert _pending_ticks() == [soon]
