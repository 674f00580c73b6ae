"""How a licensing decision appears in the site search (search.registry)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.publishing.choices import Status
from gongkai.search import registry

from .models import LicenceDecision
from .presenters import public_name, public_text


def licence_entry(obj: Any) -> registry.Entry | None:
    assert isinstance(obj, LicenceDecision)
    if obj.status != Status.PUBLISHED:
        return None
    codes = [obj.decision_number, obj.certificate_number] + (
        [] if obj.is_natural_person else [obj.uscc]
    )
    return registry.Entry(
        title=f"{public_name(obj)} {obj.document_name}（{obj.decision_number}）",
        body="\n".join(
            [
                public_text(obj, obj.content),
                obj.get_licence_category_display(),
                obj.certificate_name,
            ]
        ),
        url=obj.get_absolute_url(),
        date=obj.decided_on,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
        issuer=obj.authority,
        codes=[c for c in codes if c],
    )


def licence_queryset() -> QuerySet[LicenceDecision]:
    return LicenceDecision.objects.filter(status=Status.PUBLISHED)
