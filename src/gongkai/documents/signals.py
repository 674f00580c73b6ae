"""Cache invalidation (a decoupled concern, STYLE.md layer rule 5): any change to
catalogue content bumps ``CatalogueVersion``, which every public page's ETag and
fragment-cache key include."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save


def bump(**kwargs: Any) -> None:
    from .models import CatalogueVersion

    if not CatalogueVersion.objects.filter(pk=1).update(value=F("value") + 1):
        CatalogueVersion.objects.get_or_create(pk=1, defaults={"value": 1})


def connect() -> None:
    from gongkai.publishing.models import Page

    from . import models as m

    senders = [
        m.Document, m.DocumentIssuer, m.Relation, m.Interpretation, m.Attachment,
        m.Column, m.Topic, m.Genre, m.Issuer, Page,
    ]  # fmt: skip
    for sender in senders:
        uid = f"catalogue-version:{sender._meta.label_lower}"
        post_save.connect(bump, sender=sender, dispatch_uid=uid, weak=False)
        post_delete.connect(bump, sender=sender, dispatch_uid=uid, weak=False)
    m2m_changed.connect(
        bump, sender=m.Document.columns.through, dispatch_uid="catalogue-version:cols",
        weak=False,
    )  # fmt: skip
