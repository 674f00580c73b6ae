"""How guides, power items and intermediary services appear in the site search."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core.clocks import SHANGHAI
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


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)


def power_entry(obj: Any) -> registry.Entry | None:
    """A power item for the days it is on the list: from its latest listing to its
    removal (a future 取消/下放 closes the window on its date)."""
    assert isinstance(obj, PowerItem)
    adjustments = list(obj.adjustments.order_by("effective_on", "id"))
    off = [i for i, a in enumerate(adjustments) if a.kind not in LISTED]
    last_off = off[-1] if off else -1
    listed = adjustments[last_off + 1 :]
    until = None
    if not listed:
        # Off the list now or from a future date: visible until then, if it was listed.
        start = off[-2] + 1 if len(off) > 1 else 0
        before = [a for a in adjustments[start:last_off] if a.kind in LISTED]
        if not before or adjustments[last_off].effective_on <= timezone.localdate():
            return None
        listed, until = before, _day_start(adjustments[last_off].effective_on)
    return registry.Entry(
        title=f"{obj.name}（权责清单）",
        body="\n".join([obj.legal_basis, obj.responsibilities]),
        url=obj.get_absolute_url(),
        date=listed[-1].effective_on,
        visible_from=_day_start(listed[0].effective_on),
        visible_until=until,
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
