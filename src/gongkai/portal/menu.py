"""Navigation registries: each module adds its public and staff entries in its
AppConfig.ready(), so the shared templates never need editing per module."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Entry:
    label: str  # a gettext_lazy string
    url_name: str
    order: int = 100


_PUBLIC: list[Entry] = []
_STAFF: list[Entry] = []


def add_public(label: str, url_name: str, order: int = 100) -> None:
    """Add a link to the public main navigation."""
    _PUBLIC.append(Entry(label, url_name, order))


def add_staff(label: str, url_name: str, order: int = 100) -> None:
    """Add a link to the workbench navigation."""
    _STAFF.append(Entry(label, url_name, order))


def _resolve(entries: list[Entry]) -> list[tuple[str, str]]:
    out = []
    for entry in sorted(entries, key=lambda e: e.order):
        try:
            out.append((str(entry.label), reverse(entry.url_name)))
        except NoReverseMatch:
            continue
    return out


def public_links() -> list[tuple[str, str]]:
    return _resolve(_PUBLIC)


def staff_links() -> list[tuple[str, str]]:
    return _resolve(_STAFF)
