"""The search page's parts. Its lists (the results and the facet options, and
when nothing matched the nearest queries and the suggestions) are built in one
pass each: a results page holds about 20 results and 80 options, and the template
engine spent about 0.1 ms on each, a third of the page's render. They are escaped
as the template escaped them (``conditional_escape``), without its per-call
overhead. Its form and help, the same on every search but for the query, are kept
(``common.kept``), and so is the part around the lists (``search_results``):
rendered on every search, it cost a search of two common words about 0.9 M more
of its 21.7 M instructions (``bench/bench_search_work.py``)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from gongkai.common.kept import kept_render, slot
from gongkai.search.selectors import CANDIDATES, FACETS, Hit, Result

register = template.Library()

_QUERY, _TOTAL, _FOUND = slot("query"), slot("total"), slot("found")
_HITS, _PAGES, _PREV, _NEXT = slot("hits"), slot("pages"), slot("prev"), slot("next")
_RELEVANCE, _DATE = slot("relevance"), slot("date")
_NEAREST, _SUGGESTIONS = slot("nearest"), slot("suggestions")
_FACETS = [slot(f"facet{n}") for n in range(len(FACETS))]


def _esc(value: Any) -> str:
    """``value`` as the template shows it: escaped unless already safe HTML
    (``html.escape``'s replacements, written out for the commonest case, a
    plain string: a results page escapes about 170 values)."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return str(value.__html__())
        return html.escape(str(value))
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


@register.simple_tag
def facet_options(options: Iterable[dict[str, Any]], about: str) -> SafeString:
    """The ``<li>`` of each option of one facet (``views._facets``)."""
    about = _esc(about)
    active = ' aria-current="true" class="active"'
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<li><a href="{_esc(o["url"])}"{active if o["active"] else ""}>'
            f'{_esc(o["value"])}</a> <span class="count">({about}{int(o["count"])})'
            "</span></li>"
            for o in options
        )
    )


@register.simple_tag
def result_items(hits: Iterable[tuple[Hit, str]]) -> SafeString:
    """The ``<li>`` of each result: its counted link, snippet and details."""
    badge = f' <span class="badge">{_esc(gettext("文号匹配"))}</span>'
    items = []
    for hit, go in hits:
        meta = _esc(hit.label)
        if hit.issuer:
            meta += f" · {_esc(hit.issuer)}"
        if hit.date:
            day = hit.date.isoformat()
            meta += f' · <time datetime="{day}">{day}</time>'
        if hit.validity:
            meta += f" · {_esc(hit.validity)}"
        items.append(
            f'\n    <li class="hit{" exact" if hit.exact else ""}">\n'
            f'      <h2 class="hit-title"><a href="{_esc(go)}" lang="zh-CN">'
            f"{_esc(hit.title)}</a>{badge if hit.exact else ''}</h2>\n"
            f'      <p class="snippet">{_esc(hit.snippet)}</p>\n'
            f'      <p class="meta">{meta}</p>\n    </li>\n    '
        )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped


def page_items(pages: Iterable[tuple[int, str]], current: int) -> SafeString:
    """The ``<li>`` of each page's link (the current page's number, unlinked)."""
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<li><span aria-current="page">{n}</span></li>'
            if n == current
            else f'<li><a href="{_esc(url)}">{n}</a></li>'
            for n, url in pages
        )
    )


def _found(result: Result) -> SafeString:
    """The count of results (找到 n 条…) as ``blocktranslate count`` gave it, each
    value escaped."""
    sentence = ngettext(
        "找到 %(n)s 条与“%(q)s”相关的结果",
        "找到 %(n)s 条与“%(q)s”相关的结果",
        result.total,
    )
    n, q = conditional_escape(localize(result.total)), conditional_escape(result.query)
    return mark_safe(sentence % {"n": n, "q": q})  # noqa: S308 - values escaped


@register.simple_tag(takes_context=True)
def search_results(context: Mapping[str, Any]) -> SafeString:
    """The facets, the count, the sort, the results and the pager (or, when
    nothing matched, the nearest queries and the suggestions): kept per shape
    (capped, the sort, which facets, links and lists are shown), the page's own
    values and lists in slots."""
    result: Result = context["result"]
    facets = context["facets"]
    about = context["about"]
    pages, prev, next_ = context["pages"], context["prev"], context["next"]
    links = context["sort_links"]
    slots: dict[str, str] = {
        _QUERY: result.query,
        _TOTAL: localize(result.total),
        _FOUND: "" if result.capped else _found(result),
        _HITS: result_items(context["hits"]),
        _PAGES: page_items(pages, result.page),
        _PREV: prev,
        _NEXT: next_,
        _RELEVANCE: links["relevance"],
        _DATE: links["date"],
    }
    if result.nearest:
        slots[_NEAREST] = nearest_items(result.nearest)
    if result.suggestions:
        slots[_SUGGESTIONS] = suggestion_items(result.suggestions)
    for place, facet in zip(_FACETS, facets, strict=False):
        slots[place] = facet_options(facet["options"], about)
    inputs = {
        "facets": tuple(
            (str(facet["title"]), place)
            for place, facet in zip(_FACETS, facets, strict=False)
        ),
        "capped": result.capped,
        "query": _QUERY,
        "total": _TOTAL,
        "found": _FOUND,
        "matched": bool(result.total),
        "by_date": context["sort"] == "date",
        "hits": _HITS,
        "pages": _PAGES if result.pages > 1 else "",
        "prev": _PREV if prev else "",
        "next": _NEXT if next_ else "",
        "relevance": _RELEVANCE,
        "date": _DATE,
        "nearest": _NEAREST if result.nearest else "",
        "suggestions": _SUGGESTIONS if result.suggestions else "",
    }
    return kept_render("search/_results.html", inputs, slots)


@register.simple_tag
def nearest_items(queries: Iterable[str]) -> SafeString:
    """The ``<li>`` of each query near the one that matched nothing: a search."""
    url = _esc(reverse("search:search"))
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<li><a href="{url}?q={_esc(quote(q))}">{_esc(q)}</a></li>'
            for q in queries
        )
    )


@register.simple_tag
def suggestion_items(hits: Iterable[Hit]) -> SafeString:
    """The ``<li>`` of each entry suggested when nothing matched: its link."""
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<li><a href="{_esc(hit.url)}">{_esc(hit.title)}</a></li>' for hit in hits
        )
    )


@register.simple_tag
def search_form(query: str) -> SafeString:
    """The page's heading and its form, holding ``query``."""
    return kept_render("search/_form.html", {"query": _QUERY}, {_QUERY: query})


@register.simple_tag
def search_help() -> SafeString:
    """How the search reads a query and ranks what it finds."""
    return kept_render("search/_help.html", {"candidates": CANDIDATES})
