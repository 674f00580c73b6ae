"""Writes of the public mailbox: submit, assign or transfer, answer, mark invalid,
and the writer's satisfaction. Two clocks run on each message: the site's reply rule
(``message.reply``) and the national 3-month red line (``message.red_line``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.choices import Role
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import has_role
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI, clocks_for
from gongkai.clocks.services import (
    clock_event_add,
    clock_start,
    clocks_delete_for,
    clocks_reassign,
)
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)

from ..audit_actions import ParticipationAudit
from ..clock_rules import MESSAGE_RED_LINE, MESSAGE_REPLY
from ..mailbox_rules import clean_about
from ..models import (
    Message,
    MessageCategory,
    MessageStatus,
    MessageTransfer,
    Satisfaction,
)

__all__ = [
    "can_handle_message",
    "message_answer",
    "message_assign",
    "message_mark_invalid",
    "message_rate",
    "message_submit",
    "query_code_hash",
]

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def query_code_hash(code: str) -> str:
    """HMAC of a query code (only the hash is stored; the code is shown once)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, code.strip().upper().encode(), hashlib.sha256).hexdigest()


def can_handle_message(user: object, message: Message) -> bool:
    """The office and admins handle every message; a department its own."""
    if has_role(user, Role.REVIEWER, Role.ADMIN):
        return True
    return (
        has_role(user, Role.STAFF)
        and message.department_id is not None
        and getattr(user, "department_id", None) == message.department_id
    )


def _tracking_number(now: dt.datetime) -> str:
    day = now.astimezone(SHANGHAI).strftime("%Y%m%d")
    return f"LY{day}{secrets.randbelow(10**6):06d}"


@transaction.atomic
def message_submit(
    *,
    category: str,
    subject: str,
    body: str,
    name: str,
    phone: str = "",
    email: str = "",
    is_public: bool,
    about: str = "",
    department: Department | None = None,
    now: dt.datetime | None = None,
) -> tuple[Message, str]:
    """Record a message from the public and start its clocks; returns the message
    and its query code (shown once, only its hash is kept)."""
    now = now or timezone.now()
    if category not in MessageCategory.values:
        raise InvalidInputError(_("请选择留言类别。"), code="message.category")
    if not subject.strip() or not body.strip() or not name.strip():
        raise InvalidInputError(_("标题、内容和姓名必须填写。"), code="message.blank")
    if not phone.strip() and not email.strip():
        raise InvalidInputError(
            _("请至少留下联系电话或电子邮箱，以便答复。"), code="message.contact"
        )
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    fields = {
        "query_code_hash": query_code_hash(code),
        "category": category,
        "subject": subject.strip()[:200],
        "body": body.strip(),
        "name": name.strip()[:60],
        "phone": phone.strip()[:30],
        "email": email.strip(),
        "is_public": is_public,
        "about": clean_about(about),
        "department": department,
        "received_at": now,
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    tracking_number=_tracking_number(now), **fields
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - a million numbers a day
        raise ConflictError(_("留言编号分配失败，请稍后再试。"))
    title = _("留言 %(number)s %(subject)s") % {
        "number": message.tracking_number,
        "subject": message.subject,
    }
    for key in (MESSAGE_REPLY, MESSAGE_RED_LINE):
        clock_start(
            subject=message,
            rule_key=key,
            at=now,
            title=title,
            department=department,
            now=now,
        )
    audit_record(
        actor=None,
        action=ParticipationAudit.MESSAGE_SUBMIT,
        obj=message,
        changes={"category": category, "public": is_public, "about": message.about},
        now=now,
    )
    return message, code


@transaction.atomic
def message_assign(
    *,
    message: Message,
    department: Department,
    reason: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> Message:
    """Assign a message to a department, or transfer it to another one: the office
    assigns any message, a department transfers only its own (the clocks go along)."""
    now = now or timezone.now()
    message = Message.objects.select_for_update().get(pk=message.pk)
    if not can_handle_message(by, message):
        raise PermissionDeniedError()
    if message.status != MessageStatus.RECEIVED:
        raise ConflictError(_("留言已办结，不能再转办。"), code="message.closed")
    if message.department_id == department.pk:
        raise InvalidInputError(_("留言已由该处室办理。"), code="message.same")
    MessageTransfer.objects.create(
        message=message,
        from_department_id=message.department_id,
        to_department=department,
        reason=reason[:300],
        by=by,
        at=now,
    )
    before = message.department_id
    message.department = department
    message.save(update_fields=["department"])
    clocks_reassign(subject=message, department=department, by=by, now=now)
    audit_record(
        actor=by,
        action=ParticipationAudit.MESSAGE_ASSIGN,
        obj=message,
        changes={"department": [before, department.pk], "reason": reason},
        now=now,
    )
    return message


@transaction.atomic
def message_answer(
    *,
    message: Message,
    answer: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Message:
    """Answer a message: the answer is recorded and both clocks stop."""
    now = now or timezone.now()
    message = Message.objects.select_for_update().get(pk=message.pk)
    if not can_handle_message(by, message):
        raise PermissionDeniedError()
    if message.status != MessageStatus.RECEIVED:
        raise ConflictError(_("留言已办结。"), code="message.closed")
    if not answer.strip():
        raise InvalidInputError(_("请填写答复内容。"), code="message.answer_blank")
    message.answer = answer.strip()
    message.answered_at = now
    message.answered_by = by
    message.status = MessageStatus.ANSWERED
    message.save(update_fields=["answer", "answered_at", "answered_by", "status"])
    for clock in clocks_for(message):
        if clock.stopped_at is None:
            clock_event_add(clock=clock, kind="answered", at=now, by=by, now=now)
    audit_record(
        actor=by,
        action=ParticipationAudit.MESSAGE_ANSWER,
        obj=message,
        changes={"answered_at": now},
        now=now,
    )
    return message


@transaction.atomic
def message_mark_invalid(
    *,
    message: Message,
    reason: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Message:
    """Mark a message invalid (spam, abuse, no content), with the reason; only the
    office does, and its clocks are removed (an invalid message counts nowhere)."""
    now = now or timezone.now()
    message = Message.objects.select_for_update().get(pk=message.pk)
    if not has_role(by, Role.REVIEWER, Role.ADMIN):
        raise PermissionDeniedError(
            _("只有公开办可以认定无效留言。"), code="message.invalid_denied"
        )
    if message.status != MessageStatus.RECEIVED:
        raise ConflictError(_("留言已办结。"), code="message.closed")
    if not reason.strip():
        raise InvalidInputError(_("请说明无效原因。"), code="message.reason_blank")
    message.status = MessageStatus.INVALID
    message.invalid_reason = reason.strip()[:300]
    message.save(update_fields=["status", "invalid_reason"])
    clocks_delete_for(subject=message, by=by, now=now)
    audit_record(
        actor=by,
        action=ParticipationAudit.MESSAGE_INVALID,
        obj=message,
        changes={"reason": message.invalid_reason},
        now=now,
    )
    return message


@transaction.atomic
def message_rate(
    *,
    message: Message,
    satisfaction: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> Message:
    """The writer's satisfaction with the answer (once, after the answer)."""
    now = now or timezone.now()
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != MessageStatus.ANSWERED:
        raise ConflictError(_("留言答复后才能评价。"), code="message.not_answered")
    if message.satisfaction:
        raise ConflictError(_("您已经评价过了。"), code="message.rated")
    if satisfaction not in Satisfaction.values:
        raise InvalidInputError(_("请选择满意度。"), code="message.satisfaction")
    message.satisfaction = satisfaction
    message.satisfaction_note = note.strip()[:500]
    message.satisfaction_at = now
    message.save(update_fields=["satisfaction", "satisfaction_note", "satisfaction_at"])
    audit_record(
        actor=None,
        action=ParticipationAudit.MESSAGE_RATE,
        obj=message,
        changes={"satisfaction": satisfaction},
        now=now,
    )
    return message
