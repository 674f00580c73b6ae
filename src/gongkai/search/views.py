"""/search/: the public search page (works without JavaScript)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import quote, quote_plus

from django.db.models import Q
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    QueryDict,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common.kept import kept_page
from gongkai.publishing.pagecache import public_page

from .counting import count_click, count_search
from .forms import search_params
from .models import SearchEntry
from .selectors import MAX_QUERY, Result, search_run_cached
from .templatetags.search_page import search_results

FACET_PARAMS = {
    "label": "type",
    "issuer": "issuer",
    "year": "year",
    "validity": "validity",
}
FACET_TITLES = {
    "label": _("类型"),
    "issuer": _("发文机关"),
    "year": _("年份"),
    "validity": _("有效性"),
}


@lru_cache(maxsize=1024)
def _pair(key: str, value: str) -> str:
    """One parameter as ``urlencode`` writes it (kept: a results page encodes
    about a hundred, mostly the same facet values as the last page; a value is
    at most a URL long, so the store at most a few MB)."""
    return f"{quote_plus(key)}={quote_plus(value)}"


class _Links:
    """Links to variants of the page at ``base``: its parameters without the page,
    each of a link's changes set (an empty one dropped). Each parameter of
    ``base`` is encoded once: a results page builds up to a hundred links."""

    def __init__(self, base: QueryDict) -> None:
        self.encoded = {
            key: [_pair(key, value) for value in values]
            for key, values in base.lists()
            if key != "page"
        }

    def __call__(self, **changes: Any) -> str:
        pairs = dict(self.encoded)
        for key, value in changes.items():
            if value in (None, ""):
                pairs.pop(key, None)
            else:
                pairs[key] = [_pair(key, str(value))]
        return "?" + "&".join(pair for values in pairs.values() for pair in values)

    def setting(self, key: str) -> Callable[[str], str]:
        """``self(**{key: value})`` for many values: the other parameters joined
        once, before and after ``key``'s place (its own, or the end)."""
        keys = list(self.encoded)
        at = keys.index(key) if key in self.encoded else len(keys)
        before, after = (
            "&".join(p for k in part for p in self.encoded[k])
            for part in (keys[:at], keys[at + 1 :])
        )
        head = f"?{before}&" if before else "?"
        tail = f"&{after}" if after else ""
        bare = "?" + "&".join(p for p in (before, after) if p)
        return lambda value: f"{head}{_pair(key, str(value))}{tail}" if value else bare


def _facets(result: Result, base: QueryDict, link: _Links) -> list[dict[str, Any]]:
    out = []
    for name, rows in result.facets.items():
        param = FACET_PARAMS[name]
        current = base.get(param, "")
        setting = link.setting(param)
        options = [
            {
                "value": value,
                "count": count,
                "active": value == current,
                "url": setting("" if value == current else value),
            }
            for value, count in rows
        ]
        if options:
            out.append({"title": FACET_TITLES[name], "options": options})
    return out


@public_page
def search(request: HttpRequest) -> HttpResponse:
    """The search page. Each first-page search is counted for the office's
    analytics (counts only): here when the page is rendered, by the page cache's
    ``on_hit`` (``counting.count_search``) when it comes from the cache."""
    params = search_params(request.GET)
    result = search_run_cached(now=timezone.now(), **params)  # type: ignore[arg-type]
    count_search(request, found=result.total)
    base, link = request.GET, _Links(request.GET)
    first, last = max(1, result.page - 3), min(result.pages, result.page + 3)
    # Each result's counted link (``go``), built from one reversed URL: the id is
    # the path's last number.
    head, tail = reverse("search:go", args=[0]).rsplit("0", 1)
    counted = f"{tail}?q={quote(result.query)}"
    parts = {
        "result": result,
        "hits": [(hit, f"{head}{hit.id}{counted}") for hit in result.hits],
        "sort": params["sort"],
        "facets": _facets(result, base, link),
        # Before each facet count: the counts of a capped result are about.
        "about": _("约") if result.capped else "",
        "sort_links": {
            "relevance": link(sort=""),
            "date": link(sort="date"),
        },
        "pages": [(n, link(page=n)) for n in range(first, last + 1)],
        "prev": link(page=result.page - 1) if result.page > 1 else "",
        "next": link(page=result.page + 1) if result.page < result.pages else "",
    }
    slots = {
        "query": result.query,
        "results": search_results(parts) if result.query else "",
    }
    return HttpResponse(kept_page(request, "search/search.html", slots))


def go(request: HttpRequest, pk: int) -> HttpResponse:
    """A result link: counts the click for the query (``?q=``), then redirects to
    the result; only to visible entries and only to paths on this site."""
    now = timezone.now()
    if pk >= 2**63:  # beyond any id: the databases would refuse the number
        raise Http404(_("没有找到要访问的内容。"))
    entry = (
        SearchEntry.objects.filter(pk=pk, visible_from__lte=now)
        .filter(Q(visible_until__isnull=True) | Q(visible_until__gt=now))
        .first()
    )
    if entry is None or not entry.url.startswith("/") or entry.url.startswith("//"):
        raise Http404(_("没有找到要访问的内容。"))
    query = (request.GET.get("q") or "")[:MAX_QUERY]
    if query.strip():
        count_click(query, now=now)
    return HttpResponseRedirect(entry.url)
