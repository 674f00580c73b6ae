"""How a penalty appears in the site search (search.registry)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.publishing.choices import Status
from gongkai.search import registry

from .models import Penalty
from .presenters import public_name, public_text


def penalty_entry(obj: Any) -> registry.Entry | None:
    """A published penalty as the search sees it; its window is judged at query time."""
    assert isinstance(obj, Penalty)
    if obj.status != Status.PUBLISHED:
        return None
    codes = [obj.decision_number] + ([] if obj.is_natural_person else [obj.uscc])
    return registry.Entry(
        title=f"{public_name(obj)} 行政处罚决定（{obj.decision_number}）",
        body="\n".join(
            [
                public_text(obj, obj.violation_type),
                public_text(obj, obj.content),
                "、".join(obj.type_labels()),
                public_text(obj, obj.decision_text or obj.facts),
            ]
        ),
        url=obj.get_absolute_url(),
        date=obj.decided_on,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
        issuer=obj.authority,
        codes=[c for c in codes if c],
    )


def penalty_queryset() -> QuerySet[Penalty]:
    """Every penalty that may be public (the reindex walks it)."""
    return Penalty.objects.filter(status=Status.PUBLISHED)
