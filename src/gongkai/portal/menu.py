"""Navigation registries: each module adds its public and staff entries in its
AppConfig.ready(), so the shared templates never need editing per module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Entry:
    label: str  # a gettext_lazy string
    url_name: str
    order: int = 100
    visible: Callable[[Any], bool] | None = None  # e.g. a permissions predicate


_PUBLIC: list[Entry] = []
_STAFF: list[Entry] = []


def add_public(label: str, url_name: str, order: int = 100) -> None:
    """Add a link to the public main navigation."""
    _PUBLIC.append(Entry(label, url_name, order))


def add_staff(
    label: str,
    url_name: str,
    order: int = 100,
    visible: Callable[[Any], bool] | None = None,
) -> None:
    """Add a link to the workbench navigation, shown to users for whom
    ``visible(user)`` holds (to everyone when it is None)."""
    _STAFF.append(Entry(label, url_name, order, visible))


def _resolve(entries: list[Entry], user: Any = None) -> list[tuple[str, str]]:
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
    return _resolve(_PUBLIC)


def staff_links(user: Any = None) -> list[tuple[str, str]]:
    return _resolve(_STAFF, user)
