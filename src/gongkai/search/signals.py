"""Keep the index current: re-describe a registered row after its transaction commits."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from .services import search_index_object, search_remove


def _saved(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:

    pk = instance.pk
    transaction.on_commit(lambda: search_index_object(model=sender, pk=pk))


def _deleted(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:

    pk = instance.pk
    transaction.on_commit(lambda: search_remove(model=sender, pk=pk))


def connect(model: type[models.Model]) -> None:
    """Connect the save/delete handlers of ``model`` once."""
    uid = f"search:{model._meta.label_lower}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid, weak=False)
