"""What the public sees of messages, proposal replies and incidents: contact data
stripped (mailbox_rules.mask_contacts). Pages, API, feeds and search use these."""

from __future__ import annotations

from typing import Any

from django.utils.timezone import localtime

from gongkai.core.ids import mask_name

from .mailbox_rules import mask_contacts
from .models import Incident, Message, Proposal, ProposalReply


def _date(value: Any) -> str:
    return localtime(value).strftime("%Y-%m-%d") if value else ""


def _minute(value: Any) -> str:
    return localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def message_record(m: Message) -> dict[str, Any]:
    """An answered public message as published: no contact data, the name masked."""
    names = [m.name]
    return {
        "tracking_number": m.tracking_number,
        "category": m.get_category_display(),
        "subject": mask_contacts(m.subject, names=names),
        "body": mask_contacts(m.body, names=names),
        "writer": mask_name(m.name),
        "department": m.department.name if m.department else "",
        "received_on": _date(m.received_at),
        "answered_on": _date(m.answered_at),
        "answer": mask_contacts(m.answer, names=names),
        "satisfaction": m.get_satisfaction_display() if m.satisfaction else "",
        "url": m.get_absolute_url(),
    }


def reply_record(reply: ProposalReply, proposal: Proposal) -> dict[str, Any]:
    """A published reply: the full text (or the summary with its reason), contact
    details of anyone named stripped."""
    return {
        "title": reply.title,
        "body": mask_contacts(reply.body),
        "is_summary": reply.is_summary,
        "summary_reason": reply.summary_reason,
        "published_on": _date(reply.publish_at),
    }


def proposal_record(p: Proposal, reply: ProposalReply | None) -> dict[str, Any]:
    return {
        "id": p.pk,
        "kind": p.get_kind_display(),
        "year": p.year,
        "number": p.number,
        "title": p.title,
        "proposer": p.proposer,
        "lead_department": p.lead_department.name,
        "co_departments": "、".join(d.name for d in p.co_departments.all()),
        "status": p.get_status_display(),
        "replied_on": _date(p.replied_at),
        "satisfaction": p.get_satisfaction_display() if p.satisfaction else "",
        "reply": reply_record(reply, p) if reply else None,
        "url": p.get_absolute_url(),
    }


def incident_record(i: Incident) -> dict[str, Any]:
    return {
        "id": i.pk,
        "title": i.title,
        "kind": i.get_kind_display(),
        "occurred_at": _minute(i.occurred_at),
        "summary": mask_contacts(i.summary),
        "department": i.department.name,
        "releases": [
            {
                "kind": r.get_kind_display(),
                "title": r.title,
                "at": _minute(r.at),
                "url": r.url,
                "body": mask_contacts(r.body),
            }
            for r in i.releases.all()
        ],
        "url": i.get_absolute_url(),
    }
