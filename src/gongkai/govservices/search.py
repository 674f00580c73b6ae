"""How guides, power items and intermediary services appear in the site search."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from gongkai.publishing.choices import Status
from gongkai.search import registry

from .models import IntermediaryService, PowerItem, ServiceItem
from .rules import LISTED


def service_entry(obj: Any) -> registry.Entry | None:
    """A published guide as the search sees it; its window is judged at query time."""
    assert isinstance(obj, ServiceItem)
    if obj.status != Status.PUBLISHED:
        return None
    return registry.Entry(
        title=f"{obj.name}（办事指南）",
        body="\n".join([obj.accept_conditions, obj.procedure, obj.place]),
        url=obj.get_absolute_url(),
        date=obj.publish_at.date() if obj.publish_at else None,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
        issuer=obj.implementing_body,
        codes=[c for c in (obj.implementation_code, obj.basic_code) if c],
        extra=" ".join([obj.theme, obj.get_item_type_display()]),
    )


def service_queryset() -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(status=Status.PUBLISHED)


def power_entry(obj: Any) -> registry.Entry | None:
    """A power item while it is on the list (from its listing to its removal)."""
    assert isinstance(obj, PowerItem)
    adjustments = list(obj.adjustments.order_by("effective_on", "id"))
    if not adjustments or adjustments[-1].kind not in LISTED:
        return None
    since = adjustments[-1].effective_on
    return registry.Entry(
        title=f"{obj.name}（权责清单）",
        body="\n".join([obj.legal_basis, obj.responsibilities]),
        url=obj.get_absolute_url(),
        date=since,
        visible_from=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        issuer=obj.department.name,
        codes=[obj.code],
    )


def power_queryset() -> QuerySet[PowerItem]:
    return PowerItem.objects.select_related("department")


def intermediary_entry(obj: Any) -> registry.Entry | None:
    assert isinstance(obj, IntermediaryService)
    if obj.status != Status.PUBLISHED:
        return None
    return registry.Entry(
        title=f"{obj.name}（中介服务事项）",
        body="\n".join([obj.approval, obj.providers, obj.basis]),
        url=obj.get_absolute_url(),
        date=obj.publish_at.date() if obj.publish_at else None,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
    )


def intermediary_queryset() -> QuerySet[IntermediaryService]:
    return IntermediaryService.objects.filter(status=Status.PUBLISHED)
