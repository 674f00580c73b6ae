"""Reads of the mailbox, proposals and incidents: public lists, staff lists by
department, monthly counts, and the figures the oversight module asks for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet

from gongkai.accounts.choices import Role
from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import SHANGHAI, clock_status, clocks_for

from ..clock_rules import MESSAGE_REPLY
from ..mailbox_rules import MonthCount, month_counts
from ..models import (
    Incident,
    IncidentRelease,
    Message,
    MessageStatus,
    Proposal,
    ProposalReply,
)
from ..services.mailbox import query_code_hash


def _sees_all(user: Any) -> bool:
    return getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR)


def message_list_public() -> QuerySet[Message]:
    """Answered messages whose writers agreed to publication (the Q&A list)."""
    return Message.objects.filter(
        is_public=True, status=MessageStatus.ANSWERED
    ).order_by("-answered_at", "-id")


def message_get_public(tracking_number: str) -> Message | None:
    return message_list_public().filter(tracking_number=tracking_number).first()


def message_for_writer(tracking_number: str, code: str) -> Message | None:
    """The writer's message, found by its number and query code."""
    found = Message.objects.filter(tracking_number=tracking_number.strip()).first()
    if found is None or found.query_code_hash != query_code_hash(code):
        return None
    return found


def message_visible_to_staff(user: Any) -> QuerySet[Message]:
    """The office sees every message; a department its own (others are 404)."""
    qs = Message.objects.select_related("department")
    if _sees_all(user):
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(department_id=department_id)


def message_month_counts(*, year: int) -> list[MonthCount]:
    """Received, answered, on time (site rule) and average days per month of
    receipt, invalid messages left out."""
    start = dt.datetime(year, 1, 1, tzinfo=SHANGHAI)
    end = dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)
    messages = list(
        Message.objects.filter(received_at__gte=start, received_at__lt=end)
        .exclude(status=MessageStatus.INVALID)
        .values_list("pk", "received_at", "answered_at")
    )
    late = dict(
        Clock.objects.filter(
            subject_type=ContentType.objects.get_for_model(Message),
            rule_key=MESSAGE_REPLY,
            subject_id__in=[str(pk) for pk, _, _ in messages],
        ).values_list("subject_id", "stopped_late")
    )
    rows = []
    for pk, received, answered in messages:
        stopped_late = late.get(str(pk))
        rows.append(
            (
                received.astimezone(SHANGHAI),
                answered.astimezone(SHANGHAI) if answered else None,
                None if stopped_late is None else not stopped_late,
            )
        )
    return month_counts(rows)


def proposal_list_public(*, year: int | None = None) -> QuerySet[Proposal]:
    """Every proposal of a year with its handling status (the public status list)."""
    qs = Proposal.objects.select_related("lead_department").prefetch_related(
        "co_departments",
        Prefetch("reply", queryset=ProposalReply.objects.all()),
    )
    return qs.filter(year=year) if year is not None else qs


def proposal_years() -> list[int]:
    return list(
        Proposal.objects.order_by("-year").values_list("year", flat=True).distinct()
    )


def proposal_reply_public(
    proposal: Proposal, *, now: dt.datetime
) -> ProposalReply | None:
    """The published reply of a proposal, if it is visible now."""
    return ProposalReply.objects.visible(now).filter(proposal=proposal).first()


def proposal_visible_to_staff(user: Any) -> QuerySet[Proposal]:
    """The office sees every proposal; a department those it leads or co-handles."""
    qs = Proposal.objects.select_related("lead_department")
    if _sees_all(user):
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(
        Q(lead_department_id=department_id) | Q(co_departments__id=department_id)
    ).distinct()


def reply_visible_to_staff(user: Any) -> QuerySet[ProposalReply]:
    """Replies on the lifecycle a staff user may see (``ContentKind``)."""
    qs = ProposalReply.objects.select_related("proposal")
    if _sees_all(user):
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(department_id=department_id)


def incident_list_public() -> QuerySet[Incident]:
    return Incident.objects.filter(is_public=True).prefetch_related(
        Prefetch("releases", queryset=IncidentRelease.objects.order_by("at", "id"))
    )


def incident_visible_to_staff(user: Any) -> QuerySet[Incident]:
    qs = Incident.objects.select_related("department")
    if _sees_all(user):
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(department_id=department_id)


def clock_rows(subject: Any, *, now: dt.datetime) -> list[dict[str, Any]]:
    """Each clock of a subject with its live status and "why this date" lines."""
    return [
        {"clock": clock, "status": clock_status(clock, now=now)}
        for clock in clocks_for(subject).order_by("due_at", "id")
    ]
