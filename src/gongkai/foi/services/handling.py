"""Handling a received request: correction, consultation, extension, fee, reply.

Every step records an event on the request's clocks (core/clock_rules: foi.reply,
foi.correction_period, foi.third_party_reply, foi.fee_payment) and issues its letter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import SHANGHAI, clock_status, clocks_for
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.selectors import rule_value
from gongkai.core import fees
from gongkai.core.clocks import State

from .. import rules
from ..choices import ConsultationKind, FeeMethod, LetterKind, Status
from ..codes import REPLY_CLOCK
from ..models import Appeal, Consultation, FoiRequest
from ..permissions import can_approve_extension, can_handle_request
from ..selectors import correction_notice_due
from .intake import _require
from .letters import letter_issue

PAUSING = (ConsultationKind.THIRD_PARTY, ConsultationKind.CO_PRODUCER)


def _lock(request: FoiRequest, by: Any, step: str) -> FoiRequest:
    if not can_handle_request(by, request):
        raise PermissionDeniedError()
    request = FoiRequest.objects.select_for_update().get(pk=request.pk)
    _require(request, step)
    return request


def _clock(subject: Any, key: str) -> Clock | None:
    return clocks_for(subject).filter(rule_key=key).order_by("-id").first()


def _event(
    subject: Any,
    key: str,
    kind: str,
    *,
    at: dt.datetime,
    by: Any,
    now: dt.datetime,
    value: int | None = None,
) -> Clock | None:
    clock = _clock(subject, key)
    if clock is not None and clock.state != "stopped":
        clock = clock_event_add(
            clock=clock, kind=kind, at=at, value=value, by=by, now=now
        )
    return clock


def _close_side_clocks(request: FoiRequest, *, by: Any, now: dt.datetime) -> None:
    """Stop the correction, fee and consultation clocks when a case ends."""
    for key in ("foi.correction_period", "foi.fee_payment"):
        _event(request, key, "withdrawn", at=now, by=by, now=now)
    for consultation in request.consultations.filter(answered_at__isnull=True):
        _event(
            consultation, "foi.third_party_reply", "withdrawn", at=now, by=by, now=now
        )


def _audit(
    by: Any, action: str, request: FoiRequest, now: dt.datetime, **changes: Any
) -> None:
    audit_record(actor=by, action=action, obj=request, changes=changes, now=now)


def _due(request: FoiRequest, key: str, now: dt.datetime) -> dt.date | None:
    clock = _clock(request, key)
    return clock_status(clock, now=now).due_date if clock else None


@transaction.atomic
def correction_request(
    *, request: FoiRequest, text: str, by: Any, now: dt.datetime | None = None
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
    _audit(by, "foi.correction_request", request, now, notice_late=late)
    return request


@transaction.atomic
def correction_receive(
    *,
    request: FoiRequest,
    at: dt.datetime,
    text: str = "",
    by: Any,
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
    _audit(by, "foi.correction_received", request, now, at=at)
    return request


def _close(
    request: FoiRequest, *, code: str, by: Any, now: dt.datetime, stop: str
) -> FoiRequest:
    request.outcome, request.status, request.closed_at = code, Status.CLOSED, now
    request.save(update_fields=["outcome", "status", "closed_at"])
    _event(request, REPLY_CLOCK, stop, at=now, by=by, now=now)
    _close_side_clocks(request, by=by, now=now)
    letter_issue(request=request, kind=LetterKind.CLOSURE, now=now)
    _audit(by, f"foi.{code}", request, now, outcome=code)
    return request


@transaction.atomic
def correction_lapse(
    *, request: FoiRequest, by: Any, now: dt.datetime | None = None
) -> FoiRequest:
    """Not corrected within the period: deemed withdrawn (年报 三（六）1)."""
    now = now or timezone.now()
    request = _lock(request, by, "lapse_correction")
    clock = _clock(request, "foi.correction_period")
    if clock is None or clock_status(clock, now=now).state != State.OVERDUE:
        raise ConflictError(_("补正期限尚未届满。"), code="foi.not_lapsed")
    return _close(request, code="correction_lapsed", by=by, now=now, stop="lapsed")


@transaction.atomic
def consultation_send(
    *,
    request: FoiRequest,
    kind: str,
    party: str,
    question: str,
    by: Any,
    now: dt.datetime | None = None,
) -> Consultation:
    """Consult a third party, a co-producer or a department; outside ones pause the clock."""
    now = now or timezone.now()
    request = _lock(request, by, "consult")
    if kind not in ConsultationKind.values or not party.strip():
        raise InvalidInputError(
            _("请选择征求意见类型并填写被征求意见方。"), code="foi.consult"
        )
    consultation = Consultation.objects.create(
        request=request,
        kind=kind,
        party=party.strip()[:200],
        question=question,
        sent_at=now,
    )
    if kind in PAUSING:
        # 条例 第三十三条第三款: consultation time is not counted
        _event(request, REPLY_CLOCK, "consultation_sent", at=now, by=by, now=now)
        clock_start(
            subject=consultation,
            rule_key="foi.third_party_reply",
            at=now,
            title=_("第三方答复 %(n)s %(p)s")
            % {"n": request.tracking_number, "p": consultation.party},
            department=request.department,
            by=by,
            now=now,
        )
        letter_issue(
            request=request,
            kind=LetterKind.CONSULTATION,
            now=now,
            visible=False,
            extra={"party": consultation.party, "question": question},
        )
    _audit(by, "foi.consultation_sent", request, now, kind=kind, party=party)
    return consultation


@transaction.atomic
def consultation_answer(
    *,
    consultation: Consultation,
    answer: str,
    at: dt.datetime,
    by: Any,
    now: dt.datetime | None = None,
) -> Consultation:
    """Record the answer (or the end of the 15 working days without one)."""
    now = now or timezone.now()
    request = _lock(consultation.request, by, "consultation_answer")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.answered_at is not None:
        raise ConflictError(_("该征求意见已经记录答复。"), code="foi.answered")
    if at > now or at < consultation.sent_at:
        raise InvalidInputError(_("答复时间不合理。"), code="foi.answer_time")
    consultation.answer, consultation.answered_at = answer, at
    consultation.save(update_fields=["answer", "answered_at"])
    if consultation.kind in PAUSING:
        _event(
            consultation,
            "foi.third_party_reply",
            "consultation_answered",
            at=at,
            by=by,
            now=now,
        )
        _event(request, REPLY_CLOCK, "consultation_answered", at=at, by=by, now=now)
    _audit(by, "foi.consultation_answered", request, now, party=consultation.party)
    return consultation


@transaction.atomic
def extension_request(
    *,
    request: FoiRequest,
    days: int,
    reason: str,
    by: Any,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """Ask the office head to extend the period (at most 20 working days, once)."""
    now = now or timezone.now()
    request = _lock(request, by, "request_extension")
    if request.extension_approved_by_id:
        raise ConflictError(
            _("答复期限只能延长一次（条例第三十三条）。"), code="foi.extension_once"
        )
    if not 1 <= days <= 20 or not reason.strip():
        raise InvalidInputError(
            _("延长期限为1至20个工作日，并须说明理由。"), code="foi.extension"
        )
    request.extension_days, request.extension_reason = days, reason.strip()[:300]
    request.extension_requested_by = by
    request.save(
        update_fields=["extension_days", "extension_reason", "extension_requested_by"]
    )
    _audit(by, "foi.extension_requested", request, now, days=days)
    return request


@transaction.atomic
def extension_approve(
    *, request: FoiRequest, by: Any, now: dt.datetime | None = None
) -> FoiRequest:
    """条例 第三十三条第二款: the office head approves; the applicant is told."""
    now = now or timezone.now()
    if not can_approve_extension(by):
        raise PermissionDeniedError(
            _("延长答复期限须经政府信息公开工作机构负责人同意。")
        )
    request = _lock(request, by, "approve_extension")
    if not request.extension_days or request.extension_approved_by_id:
        raise ConflictError(_("没有待批准的延期申请。"), code="foi.no_extension")
    _event(
        request,
        REPLY_CLOCK,
        "extended",
        at=now,
        value=request.extension_days,
        by=by,
        now=now,
    )
    request.extension_approved_by = by
    request.save(update_fields=["extension_approved_by"])
    letter_issue(
        request=request,
        kind=LetterKind.EXTENSION,
        now=now,
        extra={"due_date": _due(request, REPLY_CLOCK, now)},
    )
    _audit(by, "foi.extension_approved", request, now, days=request.extension_days)
    return request


def fee_quote(*, request: FoiRequest, method: str, quantity: int) -> fees.FeeQuote:
    """The fee by the tables in force on the day of receipt (国办函〔2020〕109号)."""
    on = (request.received_at or request.submitted_at).astimezone(SHANGHAI).date()
    try:
        if method == FeeMethod.BY_PAGE:
            return fees.fee_by_page(
                quantity, tiers=rule_value("fee.per_page_tiers", on=on)
            )
        if method == FeeMethod.BY_ITEM:
            return fees.fee_by_item(
                quantity,
                earlier_in_month=_earlier_items(request, on),
                table=rule_value("fee.per_item", on=on),
            )
    except fees.FeeError as exc:
        raise InvalidInputError(str(exc), code="foi.fee") from exc
    raise InvalidInputError(_("请选择收费方式。"), code="foi.fee_method")


def _earlier_items(request: FoiRequest, on: dt.date) -> int:
    """Items already charged by item to the same applicant this calendar month."""
    who = {"uscc": request.uscc} if request.uscc else {"id_number": request.id_number}
    if not any(who.values()):
        who = {"name": request.name}
    earlier = FoiRequest.objects.filter(
        fee_method=FeeMethod.BY_ITEM,
        received_at__year=on.year,
        received_at__month=on.month,
        **who,
    ).exclude(pk=request.pk)
    return sum(earlier.values_list("fee_quantity", flat=True))


@transaction.atomic
def fee_notify(
    *,
    request: FoiRequest,
    method: str,
    quantity: int,
    by: Any,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """Send the fee notice; the applicant pays within 20 working days."""
    now = now or timezone.now()
    request = _lock(request, by, "notify_fee")
    quote = fee_quote(request=request, method=method, quantity=quantity)
    if quote.total <= Decimal(0):
        raise InvalidInputError(_("按此数量不收取信息处理费。"), code="foi.fee_free")
    request.fee_method, request.fee_quantity = method, quantity
    request.fee_amount, request.status = quote.total, Status.AWAITING_FEE
    request.save(update_fields=["fee_method", "fee_quantity", "fee_amount", "status"])
    clock_start(
        subject=request,
        rule_key="foi.fee_payment",
        at=now,
        title=_("缴纳信息处理费 %(n)s") % {"n": request.tracking_number},
        department=request.department,
        by=by,
        now=now,
    )
    # paused only if the rule value clock.foi.reply.fee_pauses says so (RULES §13.2)
    _event(request, REPLY_CLOCK, "fee_notified", at=now, by=by, now=now)
    letter_issue(
        request=request,
        kind=LetterKind.FEE,
        now=now,
        extra={
            "fee_lines": "；".join(quote.explanation()),
            "fee_due": _due(request, "foi.fee_payment", now),
        },
    )
    _audit(by, "foi.fee_notified", request, now, method=method, amount=quote.total)
    return request


@transaction.atomic
def fee_receive(
    *, request: FoiRequest, at: dt.datetime, by: Any, now: dt.datetime | None = None
) -> FoiRequest:
    now = now or timezone.now()
    request = _lock(request, by, "receive_fee")
    if at > now:
        raise InvalidInputError(_("缴费时间不能晚于现在。"), code="foi.future")
    request.fee_paid_at, request.status = at, Status.IN_PROGRESS
    request.save(update_fields=["fee_paid_at", "status"])
    _event(request, "foi.fee_payment", "fee_paid", at=at, by=by, now=now)
    _event(request, REPLY_CLOCK, "fee_paid", at=at, by=by, now=now)
    _audit(by, "foi.fee_paid", request, now, amount=request.fee_amount)
    return request


@transaction.atomic
def fee_lapse(
    *, request: FoiRequest, by: Any, now: dt.datetime | None = None
) -> FoiRequest:
    """Not paid within 20 working days: deemed withdrawn (年报 三（六）2)."""
    now = now or timezone.now()
    request = _lock(request, by, "lapse_fee")
    clock = _clock(request, "foi.fee_payment")
    if clock is None or clock_status(clock, now=now).state != State.OVERDUE:
        raise ConflictError(_("缴费期限尚未届满。"), code="foi.not_lapsed")
    return _close(request, code="fee_unpaid", by=by, now=now, stop="lapsed")


@transaction.atomic
def request_withdraw(
    *, request: FoiRequest, by: Any, now: dt.datetime | None = None
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
        _audit(by, "foi.withdrawn", request, now)
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
    by: Any,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """Answer with exactly one statutory outcome and the remedy clause."""
    now = now or timezone.now()
    request = _lock(request, by, "reply")
    problems = rules.reply_problems(outcome, reasons=reasons, referral=referral)
    if problems:
        raise InvalidInputError(" ".join(problems), code="foi.reply_incomplete")
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
    _close_side_clocks(request, by=by, now=now)
    letter_issue(request=request, kind=LetterKind.REPLY, now=now)
    _audit(
        by,
        "foi.reply",
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
    by: Any,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """Record how and when the reply reached the applicant (送达)."""
    now = now or timezone.now()
    request = _lock(request, by, "record_delivery")
    if at > now or (request.closed_at and at < request.closed_at):
        raise InvalidInputError(_("送达时间不合理。"), code="foi.delivery_time")
    request.delivered_at, request.delivery_note = at, note.strip()[:300]
    request.save(update_fields=["delivered_at", "delivery_note"])
    _audit(by, "foi.delivered", request, now, at=at, note=note)
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
    by: Any,
    now: dt.datetime | None = None,
) -> Appeal:
    """Record an administrative review or lawsuit about the request (table 4)."""
    from ..choices import AppealKind, AppealResult

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
    _audit(by, "foi.appeal", request, now, kind=kind, result=result)
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
    _audit(None, "foi.correction_submitted", request, now)
    return request
