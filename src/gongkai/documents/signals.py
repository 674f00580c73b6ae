"""Cache invalidation (a decoupled concern, STYLE.md layer rule 5): any change to
catalogue content, or to a model another app registered with ``caching.watch``,
bumps ``CatalogueVersion``, which every public page's cache key, ETag and
fragment-cache key include (``caching.page_token``)."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save


def fresh_value() -> int:
    """A random first value: a counter created anew (new database, a test, a restore
    without the row) does not repeat tokens whose pages a shared cache still holds."""
    return secrets.randbelow(2**40) + 1


def bump(**kwargs: Any) -> None:
    from .models import CatalogueVersion

    # next_change None: the next request recomputes when a window next opens or
    # closes, since this change may have set a new one (caching.page_token).
    changed = CatalogueVersion.objects.filter(pk=1).update(
        value=F("value") + 1, next_change=None
    )
    if not changed:
        CatalogueVersion.objects.get_or_create(pk=1, defaults={"value": fresh_value()})
    from .caching import forget_token

    forget_token()
    transaction.on_commit(forget_token)


def watch_content(sender: type[Model]) -> None:
    """Bump the counter on every save and delete of ``sender`` (once per model)."""
    uid = f"catalogue-version:{sender._meta.label_lower}"
    post_save.connect(bump, sender=sender, dispatch_uid=uid, weak=False)
    post_delete.connect(bump, sender=sender, dispatch_uid=uid, weak=False)


def connect() -> None:
    """The catalogue's own models; other apps register theirs (``caching.watch``)."""
    from gongkai.publishing.models import Page
    from gongkai.search.models import SearchEntry

    from . import models as m
    from .caching import watch

    window = ("publish_at", "unpublish_at")
    for sender in (m.Document, m.Interpretation, Page):
        watch(sender, window=window)
    # Index writes bump SearchVersion, part of the token already.
    watch(SearchEntry, window=("visible_from", "visible_until"), content=False)
    senders = [
        m.DocumentIssuer, m.Relation, m.Attachment, m.Column, m.Topic, m.Genre,
        m.Issuer, m.Guide,
    ]  # fmt: skip
    for sender in senders:
        watch_content(sender)
    m2m_changed.connect(
        bump, sender=m.Document.columns.through, dispatch_uid="catalogue-version:cols",
        weak=False,
    )  # fmt: skip
