"""Four-eyes on replies: a department drafts, the openness office approves.

With the rule value ``foi.reply.four_eyes`` on (the default), a department's staff
cannot send a reply (``request_reply`` refuses); they save a draft, which the office
(公开办: reviewers and administrators) approves — the reply then goes out exactly as
drafted, with its letter, clock event and mail — or returns with a note for the
department to revise. The office's own replies go out directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)

from .. import rules
from ..audit_actions import FoiAudit
from ..models import FoiRequest
from ..permissions import can_approve_reply
from .common import _audit, _lock
from .handling import reply_issue

_DRAFT_FIELDS = ["reply_draft", "reply_drafted_by", "reply_drafted_at"]


def _pending(request: FoiRequest) -> dict[str, Any]:
    draft = dict(request.reply_draft or {})
    if not draft or draft.get("returned_note"):
        raise ConflictError(_("没有待审核的答复草稿。"), code="foi.no_reply_draft")
    return draft


@transaction.atomic
def reply_draft(
    *,
    request: FoiRequest,
    outcome: str,
    reply_text: str,
    reasons: str = "",
    referral: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """Save the reply as a draft for the office to approve (replaces an earlier one)."""
    now = now or timezone.now()
    request = _lock(request, by, "draft_reply")
    problems = rules.reply_problems(outcome, reasons=reasons, referral=referral)
    if problems:
        raise InvalidInputError(" ".join(problems), code="foi.reply_incomplete")
    request.reply_draft = {
        "outcome": outcome,
        "reply_text": reply_text.strip(),
        "reasons": reasons.strip(),
        "referral": referral.strip()[:300],
    }
    request.reply_drafted_by, request.reply_drafted_at = by, now
    request.save(update_fields=_DRAFT_FIELDS)
    _audit(by, FoiAudit.REPLY_DRAFTED, request, now, outcome=outcome)
    return request


@transaction.atomic
def reply_approve(
    *, request: FoiRequest, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """The office approves the draft: the reply goes out as drafted."""
    now = now or timezone.now()
    if not can_approve_reply(by):
        raise PermissionDeniedError(
            _("答复草稿须由公开办审核批准。"), code="foi.reply_approval"
        )
    request = _lock(request, by, "approve_reply")
    draft = _pending(request)
    drafter = request.reply_drafted_by
    request.reply_draft = {}
    request.save(update_fields=["reply_draft"])
    _audit(
        by,
        FoiAudit.REPLY_APPROVED,
        request,
        now,
        outcome=draft["outcome"],
        drafted_by=drafter.get_username() if drafter else "",
    )
    return reply_issue(
        request,
        outcome=draft["outcome"],
        reply_text=draft["reply_text"],
        reasons=draft["reasons"],
        referral=draft["referral"],
        by=by,
        now=now,
    )


@transaction.atomic
def reply_return(
    *, request: FoiRequest, note: str, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """The office returns the draft with a note; the department revises it."""
    now = now or timezone.now()
    if not can_approve_reply(by):
        raise PermissionDeniedError(
            _("答复草稿须由公开办审核批准。"), code="foi.reply_approval"
        )
    request = _lock(request, by, "return_reply")
    draft = _pending(request)
    if not note.strip():
        raise InvalidInputError(_("请写明退回意见。"), code="foi.reply_return_note")
    request.reply_draft = {**draft, "returned_note": note.strip()[:500]}
    request.save(update_fields=["reply_draft"])
    _audit(by, FoiAudit.REPLY_RETURNED, request, now, note=note.strip()[:500])
    return request
