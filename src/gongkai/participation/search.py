"""How consultations, feedback reports and open meetings appear in the site search."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.publishing.choices import Status
from gongkai.search import registry

from .models import FeedbackReport, OpenMeeting, PublicConsultation


# consultations ---------------------------------------------------------------------
def consultation_entry(obj: Any) -> registry.Entry | None:
    assert isinstance(obj, PublicConsultation)
    if obj.status != Status.PUBLISHED:
        return None
    return registry.Entry(
        title=f"征求意见：{obj.title}",
        body="\n".join([obj.explanation, obj.shortened_reason]),
        url=obj.get_absolute_url(),
        date=timezone.localdate(obj.open_at),
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
    )


def consultation_queryset() -> QuerySet[PublicConsultation]:
    return PublicConsultation.objects.filter(status=Status.PUBLISHED)


def feedback_entry(obj: Any) -> registry.Entry | None:
    assert isinstance(obj, FeedbackReport)
    if obj.status != Status.PUBLISHED:
        return None
    return registry.Entry(
        title=obj.title,
        body="\n".join([obj.summary, obj.items_text]),
        url=obj.get_absolute_url(),
        date=timezone.localdate(obj.publish_at) if obj.publish_at else None,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
    )


def feedback_queryset() -> QuerySet[FeedbackReport]:
    return FeedbackReport.objects.filter(status=Status.PUBLISHED)


def meeting_entry(obj: Any) -> registry.Entry | None:
    assert isinstance(obj, OpenMeeting)
    if obj.status != Status.PUBLISHED:
        return None
    return registry.Entry(
        title=obj.title,
        body="\n".join([obj.agenda, obj.participants, obj.outcome]),
        url=obj.get_absolute_url(),
        date=timezone.localdate(obj.held_at),
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
    )


def meeting_queryset() -> QuerySet[OpenMeeting]:
    return OpenMeeting.objects.filter(status=Status.PUBLISHED)
