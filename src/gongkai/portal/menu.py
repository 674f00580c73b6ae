"""Navigation: the public and staff entries every module declares (``module.py``),
so the shared templates never need editing per module."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

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


def public_links() -> list[tuple[str, str]]:
    """The public main navigation: (label, url), in declared order."""
    return _resolve([e for m in modules() for e in m.public_menu])


def staff_links(user: Any = None) -> list[tuple[str, str]]:
    """The workbench navigation entries ``user`` may see."""
    return _resolve([e for m in modules() for e in m.staff_menu], user)
