"""How answered public messages, published proposal replies and public incidents
appear in the site search (search.registry); contact data stripped."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.timezone import localdate

from gongkai.publishing.choices import Status
from gongkai.search import registry

from .mailbox_rules import mask_contacts
from .models import Incident, Message, MessageStatus, ProposalReply
from .presenters import incident_record, message_record


# --- mailbox, proposals, incidents (issue 13)
def message_entry(obj: Any) -> registry.Entry | None:
    assert isinstance(obj, Message)
    if not obj.is_public or obj.status != MessageStatus.ANSWERED:
        return None
    m = message_record(obj)
    return registry.Entry(
        title=m["subject"],
        body=f"{m['body']}\n{m['answer']}",
        url=m["url"],
        date=localdate(obj.answered_at) if obj.answered_at else None,
        visible_from=obj.answered_at,
        issuer=m["department"],
    )


def message_queryset() -> QuerySet[Message]:
    return Message.objects.filter(
        is_public=True, status=MessageStatus.ANSWERED
    ).select_related("department")


def reply_entry(obj: Any) -> registry.Entry | None:
    assert isinstance(obj, ProposalReply)
    if obj.status != Status.PUBLISHED:
        return None
    return registry.Entry(
        title=obj.title,
        body=mask_contacts(obj.body),
        url=obj.get_absolute_url(),
        date=localdate(obj.publish_at) if obj.publish_at else None,
        visible_from=obj.publish_at,
        visible_until=obj.unpublish_at,
    )


def reply_queryset() -> QuerySet[ProposalReply]:
    return ProposalReply.objects.filter(status=Status.PUBLISHED)


def incident_entry(obj: Any) -> registry.Entry | None:
    assert isinstance(obj, Incident)
    if not obj.is_public:
        return None
    i = incident_record(obj)
    return registry.Entry(
        title=i["title"],
        body="\n".join([i["summary"], *(r["title"] for r in i["releases"])]),
        url=i["url"],
        date=localdate(obj.occurred_at),
        visible_from=obj.created_at,
        issuer=i["department"],
    )


def incident_queryset() -> QuerySet[Incident]:
    return Incident.objects.filter(is_public=True).select_related("department")
