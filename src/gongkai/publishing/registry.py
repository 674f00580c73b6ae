"""Content types on the shared lifecycle, as the modules declare them
(``ContentKind`` in each ``module.py``): the review queue, the action endpoint and
the edit links read them here."""

from __future__ import annotations

from typing import Any

from django.db import models

from gongkai.common.modules import ContentKind, modules

__all__ = ["ContentKind", "kind_for_model", "kind_of", "kinds"]


def kinds() -> list[ContentKind]:
    """Every declared content type, in module order."""
    return [kind for module in modules() for kind in module.content]


def kind_of(label_lower: str) -> ContentKind | None:
    """The content type of a model label (``documents.document``), or None."""
    for kind in kinds():
        if kind.model._meta.label_lower == label_lower:
            return kind
    return None


def kind_for_model(model: type[models.Model] | Any) -> ContentKind | None:
    return kind_of(model._meta.label_lower)


def staff_queryset(kind: ContentKind, user: Any) -> models.QuerySet[Any]:
    """The rows of ``kind`` that ``user`` may see in the workbench."""
    if kind.staff_queryset is not None:
        return kind.staff_queryset(user)
    return kind.model._default_manager.all()
