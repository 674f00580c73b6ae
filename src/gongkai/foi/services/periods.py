"""Consultation (条例 第三十二条、第三十四条; not counted, 第三十三条第三款), the
office-approved extension (条例 第三十三条第二款) and the delayed reply (第三十五条)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI
from gongkai.clocks.services import clock_start
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from gongkai.foi.audit_actions import FoiAudit

from .. import rules
from ..choices import ConsultationKind, LetterKind
from ..codes import REPLY_CLOCK
from ..models import Consultation, FoiRequest
from ..permissions import can_approve_extension
from .common import (
    PAUSING,
    THIRD_PARTY_NOTICE_CLOCK,
    _audit,
    _due,
    _event,
    _lock,
    _notice_settled,
)
from .intake import notify_applicant
from .letters import letter_issue


@transaction.atomic
def consultation_send(
    *,
    request: FoiRequest,
    kind: str,
    party: str,
    question: str,
    by: Staff,
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
    _notice_settled(request, by=by, now=now)
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
    _audit(by, FoiAudit.CONSULTATION_SENT, request, now, kind=kind, party=party)
    return consultation


@transaction.atomic
def consultation_answer(
    *,
    consultation: Consultation,
    answer: str,
    at: dt.datetime,
    by: Staff,
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
    _audit(by, FoiAudit.CONSULTATION_ANSWERED, request, now, party=consultation.party)
    return consultation


def _consultation_of(
    request: FoiRequest, consultation: Consultation | int
) -> Consultation:
    pk = consultation.pk if isinstance(consultation, Consultation) else consultation
    found = Consultation.objects.select_for_update().filter(request=request, pk=pk)
    result = found.first()
    if result is None:
        raise NotFoundError()
    return result


@transaction.atomic
def third_party_disclosure_decide(
    *,
    request: FoiRequest,
    consultation: Consultation | int,
    content: str,
    reason: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Consultation:
    """Record the decision to disclose over a third party's objection (条例 第三十二条:
    不公开可能对公共利益造成重大影响); the written-notice clock starts."""
    now = now or timezone.now()
    request = _lock(request, by, "decide_disclosure")
    found = _consultation_of(request, consultation)
    problems = rules.disclosure_problems(
        kind=found.kind,
        answered=found.answered_at is not None,
        decided=found.disclosure_decided_at is not None,
        reason=reason,
        content=content,
    )
    if problems:
        raise InvalidInputError(" ".join(problems), code="foi.disclosure")
    found.disclosure_decided_at = now
    found.disclosure_content, found.disclosure_reason = content.strip(), reason.strip()
    found.save(
        update_fields=[
            "disclosure_decided_at",
            "disclosure_content",
            "disclosure_reason",
        ]
    )
    clock_start(
        subject=found,
        rule_key=THIRD_PARTY_NOTICE_CLOCK,
        at=now,
        title=_("书面告知第三方 %(n)s %(p)s")
        % {"n": request.tracking_number, "p": found.party},
        department=request.department,
        start_event="disclosure_decided",
        by=by,
        now=now,
    )
    _audit(by, FoiAudit.DISCLOSURE_DECIDED, request, now, party=found.party)
    return found


@transaction.atomic
def third_party_notice_issue(
    *,
    request: FoiRequest,
    consultation: Consultation | int,
    by: Staff,
    now: dt.datetime | None = None,
) -> Consultation:
    """Issue the written notice to the third party (条例 第三十二条: the content to be
    disclosed and the reasons), as a letter (.docx / PDF); stops its clock."""
    now = now or timezone.now()
    request = _lock(request, by, "notify_third_party")
    found = _consultation_of(request, consultation)
    if found.disclosure_decided_at is None:
        raise ConflictError(_("尚未决定公开，无需告知第三方。"), code="foi.not_decided")
    if found.notified_at is not None:
        raise ConflictError(_("已经书面告知第三方。"), code="foi.notified")
    letter = letter_issue(
        request=request,
        kind=LetterKind.THIRD_PARTY_NOTICE,
        now=now,
        visible=False,
        extra={
            "party": found.party,
            "disclosure_content": found.disclosure_content,
            "disclosure_reason": found.disclosure_reason,
        },
    )
    found.notified_at = now
    found.save(update_fields=["notified_at"])
    _event(
        found, THIRD_PARTY_NOTICE_CLOCK, "third_party_notified", at=now, by=by, now=now
    )
    _audit(
        by,
        FoiAudit.THIRD_PARTY_NOTIFIED,
        request,
        now,
        party=found.party,
        letter=letter.number,
    )
    return found


@transaction.atomic
def extension_request(
    *,
    request: FoiRequest,
    days: int,
    reason: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """Ask the office head to extend the period (at most 20 working days, once)."""
    now = now or timezone.now()
    request = _lock(request, by, "request_extension")
    _notice_settled(request, by=by, now=now)
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
    _audit(by, FoiAudit.EXTENSION_REQUESTED, request, now, days=days)
    return request


@transaction.atomic
def extension_approve(
    *, request: FoiRequest, by: Staff, now: dt.datetime | None = None
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
    notify_applicant(request, what=_("的答复期限已依法延长"))
    letter_issue(
        request=request,
        kind=LetterKind.EXTENSION,
        now=now,
        extra={"due_date": _due(request, REPLY_CLOCK, now)},
    )
    _audit(by, FoiAudit.EXTENSION_APPROVED, request, now, days=request.extension_days)
    return request


@transaction.atomic
def reasons_request(
    *, request: FoiRequest, question: str, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """条例 第三十五条: ask the applicant to explain many or frequent requests (a
    letter; the reply period keeps running)."""
    now = now or timezone.now()
    request = _lock(request, by, "ask_reasons")
    if not question.strip():
        raise InvalidInputError(
            _("请写明需要申请人说明的事项。"), code="foi.reasons_question"
        )
    _notice_settled(request, by=by, now=now)
    notify_applicant(request, what=_("需要您说明申请理由"))
    letter_issue(
        request=request,
        kind=LetterKind.REASONS,
        now=now,
        extra={"reasons_question": question.strip()},
    )
    _audit(by, FoiAudit.REASONS_REQUESTED, request, now, question=question)
    return request


@transaction.atomic
def reply_delay(
    *,
    request: FoiRequest,
    until: dt.date,
    reasons: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> FoiRequest:
    """条例 第三十五条: many or frequent requests for which the applicant gave good
    reasons, that cannot be answered within 第三十三条: the office sets a later,
    reasonable date and tells the applicant; the reply clock is due on that date."""
    now = now or timezone.now()
    if not can_approve_extension(by):
        raise PermissionDeniedError(_("延迟答复须经政府信息公开工作机构负责人确定。"))
    request = _lock(request, by, "delay_reply")
    if not reasons.strip():
        raise InvalidInputError(
            _("请写明不能在法定期限内答复的原因（条例第三十五条）。"),
            code="foi.delay_reasons",
        )
    told = now.astimezone(SHANGHAI).date()
    if until <= told:
        raise InvalidInputError(_("延迟答复的期限须晚于今天。"), code="foi.delay_date")
    # The clock refuses a date not later than the statutory one, with both dates.
    _event(
        request,
        REPLY_CLOCK,
        "reply_delayed",
        at=now,
        value=(until - told).days,
        note=_("告知于 %(d)s 前答复") % {"d": until.isoformat()},
        by=by,
        now=now,
    )
    _notice_settled(request, by=by, now=now)
    notify_applicant(request, what=_("的答复期限已依条例第三十五条延迟"))
    letter_issue(
        request=request,
        kind=LetterKind.DELAY,
        now=now,
        extra={"delay_until": until, "delay_reasons": reasons.strip()},
    )
    _audit(by, FoiAudit.REPLY_DELAYED, request, now, until=until, reasons=reasons)
    return request
