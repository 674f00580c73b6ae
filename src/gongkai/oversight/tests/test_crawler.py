"""The bounded crawler: internal links, dead ones, budgets, external links."""

import pytest

from gongkai.oversight.crawler import crawl, links_in

SITE = {
    "/": (
        200,
        '<a href="/a/">A</a> <a href="/missing/">x</a> <a href="https://x.org/">e</a>',
    ),
    "/a/": (
        200,
        '<a href="/">home</a><a href="/a/?page=2">2</a><a href="/boom/">b</a>'
        '<a href="/workbench/">staff</a><a href="mailto:x@y.cn">m</a>',
    ),
    "/a/?page=2": (200, '<a href="/missing/">again</a>'),
    "/boom/": (500, ""),
}


def fetch(path):
    status, body = SITE.get(path, (404, ""))
    return status, "text/html; charset=utf-8", body


def test_links_in_reads_every_anchor():
    assert links_in('<p><a href="/x">x</a><a name="n">n</a><A HREF="/y">') == [
        "/x",
        "/y",
    ]


def test_dead_internal_links_are_reported_with_their_page():
    result = crawl(fetch=fetch, seeds=["/"], max_pages=50, max_seconds=30)
    dead = {(d.page, d.target, d.status) for d in result.dead}
    assert dead == {
        ("/", "/missing/", 404),
        ("/a/", "/boom/", 500),
        ("/a/?page=2", "/missing/", 404),
    }
    assert result.pages == 5 and not result.stopped_by_budget


def test_page_budget_stops_the_crawl():
    result = crawl(fetch=fetch, seeds=["/"], max_pages=2, max_seconds=30)
    assert result.pages == 2 and result.stopped_by_budget


def test_time_budget_stops_the_crawl():
    ticks = iter([0.0, 0.0, 100.0, 100.0, 100.0])
    result = crawl(
        fetch=fetch,
        seeds=["/"],
        max_pages=50,
        max_seconds=10,
        clock=lambda: next(ticks),
    )
    assert result.pages == 1 and result.stopped_by_budget


@pytest.mark.parametrize(
    ("enabled", "expected"), [(False, set()), (True, {"https://x.org/"})]
)
def test_external_links_only_when_enabled(enabled, expected):
    calls = []

    def external(url):
        calls.append(url)
        return 404

    result = crawl(
        fetch=fetch,
        seeds=["/"],
        max_pages=50,
        max_seconds=30,
        external=enabled,
        external_get=external,
    )
    assert {d.target for d in result.dead if d.target.startswith("http")} == expected
    assert len(calls) == (1 if enabled else 0)
