"""当前位置: the trail from the home page to the section a public page belongs to.

Sections are the 政府信息公开 column's parts (below) and every module's public menu
entries (``module.py``), so a new module's pages get their trail without editing
this file. A page's own title is added by its template (``{% block crumb %}``); a
page that is itself a section's page shows that section as the current position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .menu import public_links


@dataclass(frozen=True)
class Section:
    label: Any
    url_name: str
    parent: str = ""  # the url_name of the enclosing section
    also: tuple[str, ...] = ()  # other path prefixes of the same section


XXGK = "portal:xxgk"
SECTIONS: tuple[Section, ...] = (
    Section(_("政府信息公开"), XXGK),
    Section(_("政府信息公开目录"), "documents:catalogue", XXGK, ("/documents/",)),
    Section(_("政府信息公开指南"), "documents:guide", XXGK),
    Section(
        _("政策解读"),
        "documents:interpretation-list",
        XXGK,
        ("/documents/interpretations/",),
    ),
    Section(_("栏目与专题"), "documents:column-list", XXGK),
    Section(_("依申请公开"), "foi:guide", XXGK),
    Section(_("政府信息公开年度报告"), "foi:reports", XXGK),
    Section(_("站内搜索"), "search:search"),
    Section(_("网站地图"), "portal:sitemap"),
    Section(_("开放接口"), "api:docs"),
)


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


Sections = list[tuple[str, str, Any, str, tuple[str, ...]]]
# The links they were built from -> the sections (the links are shared per language
# and URLconf while the declarations last: portal.menu.public_links).
_known: dict[int, tuple[list[tuple[str, str]], Sections]] = {}


def _sections() -> Sections:
    """(url_name, url, label, parent, extra prefixes) of every known section."""
    links = public_links()
    known = _known.get(id(links))
    if known is not None and known[0] is links:
        return known[1]
    out = _build_sections(links)
    if len(_known) > 64:
        _known.clear()
    _known[id(links)] = (links, out)
    return out


def _build_sections(links: list[tuple[str, str]]) -> Sections:
    out = []
    for s in SECTIONS:
        url = _url(s.url_name)
        if url:
            out.append((s.url_name, url, s.label, s.parent, s.also))
    known = {url for _n, url, *_rest in out}
    for label, url in links:
        if url not in known and url != "/":
            out.append((url, url, label, "", ()))
            known.add(url)
    return out


def trail(path: str) -> list[dict[str, Any]]:
    """The sections from the home page down to the one ``path`` is in (deepest
    matching URL prefix); the last is marked ``current`` when ``path`` is its page."""
    sections = _sections()
    best: tuple[int, str] | None = None
    for name, url, _label, _parent, also in sections:
        for prefix in (url, *also):
            longer = best is None or len(prefix) > best[0]
            if prefix != "/" and path.startswith(prefix) and longer:
                best = (len(prefix), name)
    if best is None:
        return []
    by_name = {s[0]: s for s in sections}
    chain: list[dict[str, Any]] = []
    name = best[1]
    while name and name in by_name and len(chain) < 5:
        _n, url, label, parent, _also = by_name[name]
        chain.insert(0, {"label": label, "url": url, "current": False})
        name = parent
    if chain and chain[-1]["url"] == path:
        chain[-1]["current"] = True
    return chain
