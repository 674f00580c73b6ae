"""Navigation: the public and staff entries every module declares (``module.py``),
so the shared templates never need editing per module."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from gongkai.common.modules import MenuEntry, modules


def _resolve(entries: list[MenuEntry], user: Any = None) -> list[tuple[str, str]]:
    out = []
    for entry in sorted(entries, key=lambda e: e.order):
        if entry.visible is not None and not entry.visible(user):
            continue
        try:
            out.append((str(entry.label), reverse(entry.url_name)))
        except NoReverseMatch:
            continue
    return out


# (language, URLconf, script prefix) -> (the declarations, their public links): the
# same for every request while the declarations are (tests swap them), so a page
# renders the menu without reversing each entry again.
_public: dict[tuple[Any, ...], tuple[object, list[tuple[str, str]]]] = {}


def public_links() -> list[tuple[str, str]]:
    """The public main navigation: (label, url), in declared order (shared: do
    not change the list)."""
    declared = modules()
    key = (get_language(), get_urlconf(), get_script_prefix())
    known = _public.get(key)
    if known is not None and known[0] is declared:
        return known[1]
    links = _resolve([e for m in declared for e in m.public_menu])
    _public[key] = (declared, links)
    return links
