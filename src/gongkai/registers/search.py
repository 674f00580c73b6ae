"""How a register entry appears in the site search (search.registry)."""

from __future__ import annotations

from typing import Any

from gongkai.publishing.choices import Status
from gongkai.search import registry

from .models import Entry


def entry_entry(obj: Any) -> registry.Entry | None:
    """A published entry: its public texts; the window is judged at query time."""
    assert isinstance(obj, Entry)
    if obj.status != Status.PUBLISHED:
        return None
    fields = [f for f in obj.register.fields.all() if f.public and f.kind != "file"]
    body = "\n".join(
        f"{f.label}：{obj.data[f.key]}" for f in fields if obj.data.get(f.key)
    )
    codes = [
        obj.data[f.key] for f in fields if f.kind == "uscc" and obj.data.get(f.key)
    ]
    return registry.Entry(
        title=f"{obj.title}（{obj.register.title}）",
        body=body,
        url=obj.get_absolute_url(),
        date=obj.publish_at.date() if obj.publish_at else None,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
        codes=codes,
        extra=obj.register.title,
    )


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    registry.register(
        Entry,
        label=_("公开名录"),
        queryset=lambda: (
            Entry.objects.filter(status=Status.PUBLISHED)
            .select_related("register")
            .prefetch_related("register__fields")
        ),
        entry=entry_entry,
    )
