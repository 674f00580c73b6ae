"""A bounded crawler of the site's own public pages for the self-check's "链接可用性"
(RULES.md §5.2, 扣分): it follows internal links breadth first from the home page and
the newest public content, within a page budget and a time budget, and reports links
that answer 404/410 or a server error. External links are checked only when asked
(``GONGKAI_OVERSIGHT_CHECK_EXTERNAL``), with a short timeout each.

Pages are fetched in process (Django's test client: no network, no server needed)
or, with a base URL, over HTTP from the running site.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Staff, API and file areas are not public pages to crawl.
SKIP_PREFIXES = (
    "/prefs/",  # the language and large-text switches set a cookie: not pages
    "/workbench/",
    "/admin/",
    "/api/",
    "/accounts/",
    "/static/",
    "/media/",
    "/i18n/",
)
DEAD = (404, 410)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links_in(html: str) -> list[str]:
    """The ``href`` of every ``<a>`` in an HTML page, in order."""
    parser = _Links()
    parser.feed(html)
    return parser.links


@dataclass
class DeadLink:
    page: str  # the page with the link (path)
    target: str  # the link as resolved
    status: int  # HTTP status, 0 when it could not be fetched


@dataclass
class CrawlResult:
    pages: int = 0
    dead: list[DeadLink] = field(default_factory=list)
    stopped_by_budget: bool = False


Fetch = Callable[[str], tuple[int, str, str]]  # path -> (status, content type, body)


def client_fetch(host: str) -> Fetch:
    """Fetch in process through Django's test client, as anonymous."""
    from django.test import Client

    client = Client(HTTP_HOST=host, raise_request_exception=False)

    def fetch(path: str) -> tuple[int, str, str]:
        client.cookies.clear()  # every page as a first-time anonymous visitor
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
        kind = response.get("Content-Type", "")
        body = (
            response.content.decode("utf-8", "replace")
            if "html" in kind and not getattr(response, "streaming", False)
            else ""
        )
        return response.status_code, kind, body

    return fetch


def http_fetch(base_url: str, timeout: float = 10.0) -> Fetch:
    """Fetch over HTTP from ``base_url`` (the running site)."""

    def fetch(path: str) -> tuple[int, str, str]:
        return _http_get(urljoin(base_url, path), timeout)

    return fetch


def _http_get(url: str, timeout: float) -> tuple[int, str, str]:
    if not url.startswith(("http://", "https://")):
        return 0, "", ""
    request = urllib.request.Request(  # noqa: S310 (http/https only, checked above)
        url, headers={"User-Agent": "gongkai-site-check"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            kind = response.headers.get("Content-Type", "")
            body = (
                response.read(2_000_000).decode("utf-8", "replace")
                if "html" in kind
                else ""
            )
            return response.status, kind, body
    except urllib.error.HTTPError as exc:
        return exc.code, "", ""
    except (urllib.error.URLError, OSError, ValueError):
        return 0, "", ""


def _internal(href: str, page: str) -> str | None:
    """The internal path a link points to, or None when it is external or no page."""
    url, _frag = urldefrag(urljoin(page, href.strip()))
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc:
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(
    *,
    fetch: Fetch,
    seeds: list[str],
    max_pages: int,
    max_seconds: float,
    external: bool = False,
    clock: Callable[[], float] = time.monotonic,
    external_get: Callable[[str], int] | None = None,
) -> CrawlResult:
    """Visit pages breadth first from ``seeds`` (paths), at most ``max_pages``
    fetches and ``max_seconds``; every internal link found is fetched once, and a
    page whose link answers 404/410/5xx (or cannot be fetched) gets a DeadLink."""
    result = CrawlResult()
    started = clock()
    status_of: dict[str, int] = {}
    # Plain paths first: query-string variants (filters, pages) only when time is left.
    queue: deque[tuple[str, str | None]] = deque((s, None) for s in seeds)
    later: deque[tuple[str, str | None]] = deque()
    external_seen: dict[str, int] = {}
    get_external = external_get or (lambda url: _http_get(url, 5.0)[0])
    while queue or later:
        if result.pages >= max_pages or clock() - started > max_seconds:
            result.stopped_by_budget = True
            break
        path, referrer = queue.popleft() if queue else later.popleft()
        if path in status_of:
            status = status_of[path]
            body = ""
        else:
            status, _kind, body = fetch(path)
            status_of[path] = status
            result.pages += 1
        if referrer is not None and (status in DEAD or status >= 500 or status == 0):
            result.dead.append(DeadLink(referrer, path, status))
        if not body or status >= 300:
            continue
        for href in links_in(body):
            target = _internal(href, path)
            if target is None:
                full = href.strip()
                if external and full.startswith(("http://", "https://")):
                    if full not in external_seen:
                        external_seen[full] = get_external(full)
                    code = external_seen[full]
                    if code in DEAD or code >= 500 or code == 0:
                        result.dead.append(DeadLink(path, full, code))
                continue
            if target.startswith(SKIP_PREFIXES):
                continue
            if target in status_of:
                code = status_of[target]
                if code in DEAD or code >= 500 or code == 0:
                    result.dead.append(DeadLink(path, target, code))
                continue
            (later if "?" in target else queue).append((target, path))
    return result
