"""Content types on the shared lifecycle, for the review queue and clocks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class ContentKind:
    model: type[models.Model]
    label: str
    edit_url_name: str


_KINDS: dict[str, ContentKind] = {}


def register(model: type[models.Model], *, label: str, edit_url_name: str) -> None:
    _KINDS[model._meta.label_lower] = ContentKind(model, label, edit_url_name)


def kinds() -> list[ContentKind]:
    return list(_KINDS.values())


def kind_of(label_lower: str) -> ContentKind | None:
    return _KINDS.get(label_lower)
