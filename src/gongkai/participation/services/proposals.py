"""Writes of deputies' suggestions and members' proposals: registration with the
lead and co-handling departments (the reply clock starts at assignment), the reply
(a ``ProposalReply`` draft that goes through the review workflow to be published),
and the deputy's or member's satisfaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.choices import Role
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import has_role
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import clocks_for
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)

from ..audit_actions import ParticipationAudit
from ..clock_rules import DEPUTY_REPLY, MEMBER_REPLY
from ..mailbox_rules import mask_contacts
from ..models import (
    Proposal,
    ProposalKind,
    ProposalReply,
    ProposalStatus,
    Satisfaction,
)

__all__ = [
    "can_handle_proposal",
    "proposal_create",
    "proposal_rate",
    "proposal_reply",
]


def can_handle_proposal(user: object, proposal: Proposal) -> bool:
    """The office and admins; the lead department answers its own."""
    if has_role(user, Role.REVIEWER, Role.ADMIN):
        return True
    return has_role(user, Role.STAFF) and (
        getattr(user, "department_id", None) == proposal.lead_department_id
    )


def reply_rule_key(kind: str) -> str:
    """The clock of a kind: members' proposals have their own configurable length."""
    return MEMBER_REPLY if kind == ProposalKind.MEMBER else DEPUTY_REPLY


@transaction.atomic
def proposal_create(
    *,
    kind: str,
    year: int,
    number: str,
    title: str,
    proposer: str,
    lead_department: Department,
    co_departments: Iterable[Department] = (),
    assigned_at: dt.datetime,
    by: Staff,
    now: dt.datetime | None = None,
) -> Proposal:
    """Register a proposal assigned to the bureau and start its reply clock."""
    now = now or timezone.now()
    if not has_role(by, Role.REVIEWER, Role.ADMIN):
        raise PermissionDeniedError(
            _("只有公开办可以登记和交办建议提案。"), code="proposal.create_denied"
        )
    if kind not in ProposalKind.values:
        raise InvalidInputError(_("请选择建议或提案。"), code="proposal.kind")
    if not number.strip() or not title.strip():
        raise InvalidInputError(_("编号和标题必须填写。"), code="proposal.blank")
    if assigned_at > now:
        raise InvalidInputError(_("交办时间不能晚于现在。"), code="proposal.future")
    if Proposal.objects.filter(kind=kind, year=year, number=number.strip()).exists():
        raise ConflictError(
            _("%(year)s年已有编号为 %(number)s 的%(kind)s。")
            % {"year": year, "number": number, "kind": ProposalKind(kind).label},
            code="proposal.duplicate",
        )
    proposal = Proposal.objects.create(
        kind=kind,
        year=year,
        number=number.strip(),
        title=title.strip()[:300],
        proposer=proposer.strip()[:200],
        lead_department=lead_department,
        assigned_at=assigned_at,
    )
    co = [d for d in co_departments if d.pk != lead_department.pk]
    proposal.co_departments.set(co)
    clock_start(
        subject=proposal,
        rule_key=reply_rule_key(kind),
        at=assigned_at,
        title=f"{ProposalKind(kind).label} {year} {proposal.number} {proposal.title}",
        department=lead_department,
        by=by,
        now=now,
    )
    audit_record(
        actor=by,
        action=ParticipationAudit.PROPOSAL_CREATE,
        obj=proposal,
        changes={
            "kind": kind,
            "lead": lead_department.pk,
            "co": [d.pk for d in co],
            "assigned_at": assigned_at,
        },
        now=now,
    )
    return proposal


@transaction.atomic
def proposal_reply(
    *,
    proposal: Proposal,
    title: str,
    body: str,
    is_summary: bool = False,
    summary_reason: str = "",
    replied_at: dt.datetime | None = None,
    by: Staff,
    now: dt.datetime | None = None,
) -> ProposalReply:
    """Record the reply sent to the deputy or member: the clock stops, and the text
    becomes a draft for the review workflow (published in full, or as a summary
    with its reason, 国办发〔2014〕46号)."""
    now = now or timezone.now()
    replied_at = replied_at or now
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_handle_proposal(by, proposal):
        raise PermissionDeniedError()
    if proposal.status == ProposalStatus.REPLIED:
        raise ConflictError(_("该建议提案已经答复。"), code="proposal.replied")
    if not title.strip() or not body.strip():
        raise InvalidInputError(_("答复标题和内容必须填写。"), code="proposal.blank")
    if is_summary and not summary_reason.strip():
        raise InvalidInputError(
            _("摘要公开必须说明理由（国办发〔2014〕46号：原则上全文公开）。"),
            code="proposal.summary_reason",
        )
    if replied_at > now or replied_at < proposal.assigned_at:
        raise InvalidInputError(
            _("答复时间必须在交办之后、不晚于现在。"), code="proposal.replied_at"
        )
    reply = ProposalReply.objects.create(
        proposal=proposal,
        title=title.strip()[:300],
        # the public text: contact details stripped (国办发〔2014〕46号), so the
        # pre-publication personal-data check has nothing left to refuse
        body=mask_contacts(body.strip()),
        is_summary=is_summary,
        summary_reason=summary_reason.strip()[:500] if is_summary else "",
        department=proposal.lead_department,
        author=by,
        formed_on=replied_at.date(),
    )
    proposal.status = ProposalStatus.REPLIED
    proposal.replied_at = replied_at
    proposal.save(update_fields=["status", "replied_at"])
    for clock in clocks_for(proposal):
        if clock.stopped_at is None:
            clock_event_add(clock=clock, kind="replied", at=replied_at, by=by, now=now)
    audit_record(
        actor=by,
        action=ParticipationAudit.PROPOSAL_REPLY,
        obj=proposal,
        changes={"replied_at": replied_at, "summary": is_summary},
        now=now,
    )
    return reply


@transaction.atomic
def proposal_rate(
    *,
    proposal: Proposal,
    satisfaction: str,
    note: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> Proposal:
    """Record the deputy's or member's satisfaction with the reply (征询意见表)."""
    now = now or timezone.now()
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_handle_proposal(by, proposal):
        raise PermissionDeniedError()
    if proposal.status != ProposalStatus.REPLIED:
        raise ConflictError(_("答复后才能记录满意度。"), code="proposal.not_replied")
    if satisfaction not in Satisfaction.values:
        raise InvalidInputError(_("请选择满意度。"), code="proposal.satisfaction")
    proposal.satisfaction = satisfaction
    proposal.satisfaction_note = note.strip()[:500]
    proposal.save(update_fields=["satisfaction", "satisfaction_note"])
    audit_record(
        actor=by,
        action=ParticipationAudit.PROPOSAL_RATE,
        obj=proposal,
        changes={"satisfaction": satisfaction},
        now=now,
    )
    return proposal
