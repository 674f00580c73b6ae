"""How a register entry appears in the site search (search.registry)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.publishing.choices import Status
from gongkai.search import registry
from gongkai.search.services import search_index_object

from .models import Entry


def entry_entry(obj: Any) -> registry.Entry | None:
    """A published entry: its public texts; the window is judged at query time."""
    assert isinstance(obj, Entry)
    if obj.status != Status.PUBLISHED:
        return None
    fields = [f for f in obj.register.fields.all() if f.public and f.kind != "file"]
    # The register's name opens the body, not the title: a row is ranked by what it
    # is (张某), and a query about the register (政务公开) finds its rows below the
    # documents about it (issue 19); the snippet still shows the register.
    body = "\n".join(
        [obj.register.title]
        + [f"{f.label}：{obj.data[f.key]}" for f in fields if obj.data.get(f.key)]
    )
    codes = [
        obj.data[f.key] for f in fields if f.kind == "uscc" and obj.data.get(f.key)
    ]
    return registry.Entry(
        title=obj.title,
        body=body,
        url=obj.get_absolute_url(),
        date=obj.publish_at.date() if obj.publish_at else None,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
        codes=codes,
        extra=obj.register.title,
    )


def entry_queryset() -> QuerySet[Entry]:
    """Every entry that may be public (the reindex walks it)."""
    return (
        Entry.objects.filter(status=Status.PUBLISHED)
        .select_related("register")
        .prefetch_related("register__fields")
    )


def entries_index(ids: list[int]) -> None:
    """Index published entries written with ``bulk_update`` (no signals)."""
    for pk in ids:
        search_index_object(model=Entry, pk=pk)
