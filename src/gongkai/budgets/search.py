"""How a published budget or final account appears in the site search."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.publishing.choices import Status
from gongkai.search import registry

from .models import BudgetSet


def budget_entry(obj: Any) -> registry.Entry | None:
    """A published set: its title, explanation and the names of its rows."""
    assert isinstance(obj, BudgetSet)
    if obj.status != Status.PUBLISHED:
        return None
    names = sorted({r.name for r in obj.rows.all() if r.code})
    return registry.Entry(
        title=obj.title,
        body="\n".join([obj.explanation, "、".join(names)]),
        url=obj.get_absolute_url(),
        date=obj.approved_on,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
        issuer=obj.organisation,
    )


def budget_queryset() -> QuerySet[BudgetSet]:
    """Every set that may be public (the reindex walks it)."""
    return BudgetSet.objects.filter(status=Status.PUBLISHED)
