"""The search page's parts. Its lists (the results and the facet options, and
when nothing matched the nearest queries and the suggestions) are built in one
pass each: a results page holds about 20 results and 80 options, and the template
engine spent about 0.1 ms on each, a third of the page's render. They are escaped
as the template escaped them (``conditional_escape``), without its per-call
overhead. Its form and help, the same on every search but for the query, are kept
(``common.kept``)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from gongkai.common.kept import kept_render, slot
from gongkai.search.selectors import CANDIDATES, Hit

register = template.Library()

_QUERY = slot("query")


def _esc(value: Any) -> str:
    """``value`` as the template shows it: escaped unless already safe HTML."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


@register.simple_tag
def facet_options(options: Iterable[dict[str, Any]], about: str) -> SafeString:
    """The ``<li>`` of each option of one facet (``views._facets``)."""
    about = _esc(about)
    active = ' aria-current="true" class="active"'
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<li><a href="{_esc(o["url"])}"{active if o["active"] else ""}>'
            f'{_esc(o["value"])}</a> <span class="count">({about}{_esc(o["count"])})'
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
