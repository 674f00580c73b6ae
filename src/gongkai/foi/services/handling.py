"""Handling a received request: correction, reply, withdrawal, delivery, appeals.

Every step records an event on the request's clocks (core/clock_rules: foi.reply,
foi.correction_period) and issues its letter.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import SHANGHAI, clock_status
from gongkai.clocks.services import clock_start
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.selectors import rule_value
from gongkai.core.clocks import State
from gongkai.foi.audit_actions import FoiAudit

from .. import rules
from ..choices import AppealKind, AppealResult, LetterKind, Status
from ..codes import NOTICE_CLOCK, REPLY_CLOCK
from ..models import Appeal, FoiRequest
from ..permissions import can_approve_reply
from ..selectors import correction_notice_due
from .common import (
    _audit,
    _clock,
    _close,
    _close_side_clocks,
    _due,
    _event,
    _lock,
)
from .intake import _require, notify_applicant
from .letters import letter_issue
from .reply_files import require_releasable


@transaction.atomic
def correction_request(
    *, request: FoiRequest, text: str, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """条例 第三十条: tell the applicant once what to correct; the period starts."""
    now = now or timezone.now()
    request = _lock(request, by, "request_correction")
    if request.correction_request:
        raise ConflictError(
            _("补正只能一次性告知（条例第三十条）。"), code="foi.correction_once"
        )
    if not text.strip():
        raise InvalidInputError(_("请写明需要补正的事项。"), code="foi.correction_text")
    late = now.astimezone(SHANGHAI).date() > correction_notice_due(request, now=now)
    request.correction_request = text.strip()
    request.status = Status.AWAITING_CORRECTION
    request.save(update_fields=["correction_request", "status"])
    # The reply period waits while the applicant corrects (a pause in foi.reply);
    # the corrected application restarts it.
    _event(request, REPLY_CLOCK, "correction_requested", at=now, by=by, now=now)
    _event(request, NOTICE_CLOCK, "correction_requested", at=now, by=by, now=now)
    clock_start(
        subject=request,
        rule_key="foi.correction_period",
        at=now,
        title=_("申请人补正 %(n)s") % {"n": request.tracking_number},
        department=request.department,
        by=by,
        now=now,
    )
    letter_issue(
        request=request,
        kind=LetterKind.CORRECTION,
        now=now,
        extra={"correction_due": _due(request, "foi.correction_period", now)},
    )
    _audit(by, FoiAudit.CORRECTION_REQUEST, request, now, notice_late=late)
    return request


@transaction.atomic
def correction_waive(
    *, request: FoiRequest, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """The application is clear: no correction notice (closes its 7-day clock)."""
    now = now or timezone.now()
    request = _lock(request, by, "waive_correction")
    clock = _clock(request, NOTICE_CLOCK)
    if (
        request.correction_request
        or clock is None
        or clock.state == CachedState.STOPPED
    ):
        raise ConflictError(
            _("补正告知期限已经结束，无需再确认。"), code="foi.notice_closed"
        )
    _event(request, NOTICE_CLOCK, "correction_waived", at=now, by=by, now=now)
    _audit(by, FoiAudit.CORRECTION_WAIVED, request, now)
    return request


@transaction.atomic
def correction_receive(
    *,
    request: FoiRequest,
    at: dt.datetime,
    text: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """The corrected application arrived: the reply period runs again from ``at``."""
    now = now or timezone.now()
    request = _lock(request, by, "receive_correction")
    if at > now:
        raise InvalidInputError(_("收到补正的时间不能晚于现在。"), code="foi.future")
    if text.strip():
        request.description += "\n" + _("【补正】") + text.strip()
    request.status = Status.IN_PROGRESS
    request.save(update_fields=["description", "status"])
    _event(
        request, "foi.correction_period", "correction_received", at=at, by=by, now=now
    )
    _event(request, REPLY_CLOCK, "correction_received", at=at, by=by, now=now)
    _audit(by, FoiAudit.CORRECTION_RECEIVED, request, now, at=at)
    return request


@transaction.atomic
def correction_lapse(
    *, request: FoiRequest, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """Not corrected within the period: deemed withdrawn (年报 三（六）1)."""
    now = now or timezone.now()
    request = _lock(request, by, "lapse_correction", system_ok=True)
    clock = _clock(request, "foi.correction_period")
    if clock is None or clock_status(clock, now=now).state != State.OVERDUE:
        raise ConflictError(_("补正期限尚未届满。"), code="foi.not_lapsed")
    return _close(request, code="correction_lapsed", by=by, now=now, stop="lapsed")


@transaction.atomic
def request_withdraw(
    *, request: FoiRequest, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """The applicant withdrew the application (recorded by staff)."""
    now = now or timezone.now()
    request = _lock(request, by, "withdraw")
    if request.status == Status.SUBMITTED:
        request.outcome, request.status, request.closed_at = (
            "withdrawn",
            Status.CLOSED,
            now,
        )
        request.save(update_fields=["outcome", "status", "closed_at"])
        _audit(by, FoiAudit.WITHDRAWN, request, now)
        return request
    return _close(request, code="withdrawn", by=by, now=now, stop="withdrawn")


@transaction.atomic
def request_reply(
    *,
    request: FoiRequest,
    outcome: str,
    reply_text: str,
    reasons: str = "",
    referral: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """Answer with exactly one statutory outcome and the remedy clause.

    Four-eyes (rule value foi.reply.four_eyes): a department drafts instead
    (``reply_draft``) and the office approves (``reply_approve``)."""
    now = now or timezone.now()
    request = _lock(request, by, "reply")
    if reply_needs_approval(by, now=now):
        raise PermissionDeniedError(
            _("答复须经公开办审核后发出：请提交答复草稿。"),
            code="foi.reply_needs_approval",
        )
    return reply_issue(
        request,
        outcome=outcome,
        reply_text=reply_text,
        reasons=reasons,
        referral=referral,
        by=by,
        now=now,
    )


def reply_needs_approval(by: Staff, *, now: dt.datetime) -> bool:
    """Whether ``by``'s reply must wait for the office (four-eyes, rule value)."""
    on = now.astimezone(SHANGHAI).date()
    return rules.reply_needs_approval(
        four_eyes=bool(rule_value("foi.reply.four_eyes", on=on)),
        by_office=can_approve_reply(by),
    )


def reply_issue(
    request: FoiRequest,
    *,
    outcome: str,
    reply_text: str,
    reasons: str,
    referral: str,
    by: Staff,
    now: dt.datetime,
) -> FoiRequest:
    """Send the reply of a locked request: letter, clock, mail, audit."""
    problems = rules.reply_problems(outcome, reasons=reasons, referral=referral)
    if problems:
        raise InvalidInputError(" ".join(problems), code="foi.reply_incomplete")
    unnotified = request.consultations.filter(
        disclosure_decided_at__isnull=False, notified_at__isnull=True
    )
    if outcome in rules.DISCLOSING and unnotified.exists():
        # 条例 第三十二条: the third party is told in writing before disclosure
        raise ConflictError(
            _("决定公开前须先书面告知第三方：%s。")
            % "、".join(c.party for c in unnotified),
            code="foi.third_party_not_notified",
        )
    require_releasable(request)
    request.outcome, request.reply_text = outcome, reply_text.strip()
    request.reasons, request.referral = reasons.strip(), referral.strip()[:300]
    request.status, request.closed_at = Status.REPLIED, now
    request.save(
        update_fields=[
            "outcome",
            "reply_text",
            "reasons",
            "referral",
            "status",
            "closed_at",
        ]
    )
    clock = _event(request, REPLY_CLOCK, "replied", at=now, by=by, now=now)
    _close_side_clocks(request, by=by, now=now, stop="replied")
    letter = letter_issue(request=request, kind=LetterKind.REPLY, now=now)
    notify_applicant(request, what=_("已经答复"), letter=letter)
    _audit(
        by,
        FoiAudit.REPLY,
        request,
        now,
        outcome=outcome,
        late=bool(clock and clock.stopped_late),
    )
    return request


@transaction.atomic
def delivery_record(
    *,
    request: FoiRequest,
    at: dt.datetime,
    note: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """Record how and when the reply reached the applicant (送达)."""
    now = now or timezone.now()
    request = _lock(request, by, "record_delivery")
    if at > now or (request.closed_at and at < request.closed_at):
        raise InvalidInputError(_("送达时间不合理。"), code="foi.delivery_time")
    request.delivered_at, request.delivery_note = at, note.strip()[:300]
    request.save(update_fields=["delivered_at", "delivery_note"])
    _audit(by, FoiAudit.DELIVERED, request, now, at=at, note=note)
    return request


@transaction.atomic
def appeal_record(
    *,
    request: FoiRequest,
    kind: str,
    filed_on: dt.date,
    result: str,
    decided_on: dt.date | None = None,
    note: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> Appeal:
    """Record an administrative review or lawsuit about the request (table 4)."""
    now = now or timezone.now()
    request = _lock(request, by, "record_appeal")
    if kind not in AppealKind.values or result not in AppealResult.values:
        raise InvalidInputError(_("请选择类型和结果。"), code="foi.appeal")
    if decided_on and decided_on < filed_on:
        raise InvalidInputError(
            _("审结日期不能早于申请日期。"), code="foi.appeal_dates"
        )
    appeal = Appeal.objects.create(
        request=request,
        kind=kind,
        filed_on=filed_on,
        result=result,
        decided_on=decided_on,
        note=note[:300],
    )
    _audit(by, FoiAudit.APPEAL, request, now, kind=kind, result=result)
    return appeal


@transaction.atomic
def correction_submit(
    *, request: FoiRequest, text: str, now: dt.datetime | None = None
) -> FoiRequest:
    """The applicant corrects the application online, on the case page (条例 第三十条)."""
    now = now or timezone.now()
    request = FoiRequest.objects.select_for_update().get(pk=request.pk)
    _require(request, "receive_correction")
    if not text.strip():
        raise InvalidInputError(_("请填写补正内容。"), code="foi.correction_text")
    request.description += "\n" + _("【补正】") + text.strip()[:5000]
    request.status = Status.IN_PROGRESS
    request.save(update_fields=["description", "status"])
    # the case's receipt was already confirmed; the correction arrives on submission
    for key in ("foi.correction_period", REPLY_CLOCK):
        _event(request, key, "correction_received", at=now, by=None, now=now)
    _audit(None, FoiAudit.CORRECTION_SUBMITTED, request, now)
    return request


@transaction.atomic
def appeal_update(
    *,
    appeal: Appeal,
    result: str,
    decided_on: dt.date | None,
    by: Staff,
    now: dt.datetime | None = None,
) -> Appeal:
    """Record the outcome of a pending review or lawsuit (table 4)."""
    now = now or timezone.now()
    _lock(appeal.request, by, "update_appeal")
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if result not in AppealResult.values:
        raise InvalidInputError(_("请选择结果。"), code="foi.appeal")
    if result != AppealResult.PENDING and decided_on is None:
        raise InvalidInputError(_("已审结的须填写审结日期。"), code="foi.appeal_dates")
    if decided_on and decided_on < appeal.filed_on:
        raise InvalidInputError(
            _("审结日期不能早于申请日期。"), code="foi.appeal_dates"
        )
    before = appeal.result
    appeal.result, appeal.decided_on = result, decided_on
    appeal.save(update_fields=["result", "decided_on"])
    _audit(by, FoiAudit.APPEAL_UPDATE, appeal.request, now, before=before, after=result)
    return appeal
