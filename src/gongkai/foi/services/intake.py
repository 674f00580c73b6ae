"""Intake: online applications, registration from every channel, receipt, assignment.

条例 第二十九条 (content of an application), 第三十一条 (the day of receipt: in person
the day handed in; post the day signed for; a plain letter the day confirmed with the
applicant; online and fax the day both sides confirm).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import clocks_for
from gongkai.clocks.services import clock_start
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.core import ids, text
from gongkai.foi.audit_actions import FoiAudit

from .. import rules
from ..choices import ApplicantType, Channel, IdType, LetterKind, Status
from ..codes import NOTICE_CLOCK, REPLY_CLOCK, query_code_hash
from ..models import Attachment, FoiRequest, Letter
from ..permissions import (
    can_assign_request,
    can_register_request,
    can_register_request_into,
)
from .letters import letter_issue

log = logging.getLogger(__name__)
_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
MAX_ATTACHMENT = 10 * 1024 * 1024


@dataclass(frozen=True)
class Application:
    """What an applicant submits (条例 第二十九条)."""

    applicant_type: str
    name: str
    phone: str
    description: str
    form: str
    delivery: str
    id_type: str = ""
    id_number: str = ""
    uscc: str = ""
    contact_person: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    doc_number: str = ""
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


def _clean(app: Application) -> dict[str, Any]:
    """Business validation of an application; returns the canonical field values."""
    problems: list[str] = []
    if app.applicant_type not in ApplicantType.values:
        problems.append(_("请选择申请人类型。"))
    if not app.name.strip():
        problems.append(_("请填写申请人姓名或名称。"))
    if not app.phone.strip():
        problems.append(_("请填写联系电话。"))
    if not app.description.strip():
        problems.append(
            _("请填写所需政府信息的名称、文号或者便于查询的其他特征性描述。")
        )
    values: dict[str, Any] = {
        "id_type": app.id_type,
        "id_number": app.id_number.strip(),
        "uscc": "",
    }
    if app.applicant_type == ApplicantType.NATURAL_PERSON:
        if app.id_type not in IdType.values or not values["id_number"]:
            problems.append(_("自然人申请须填写身份证明（证件类型和号码）。"))
        elif app.id_type == IdType.RESIDENT_ID:
            try:
                values["id_number"] = ids.canonical_id_number(app.id_number)
            except ids.IdentifierError:
                problems.append(_("居民身份证号码无效，请检查校验位。"))
    elif app.applicant_type in ApplicantType.values:
        try:
            values["uscc"] = ids.canonical_uscc(app.uscc)
        except ids.IdentifierError:
            problems.append(_("统一社会信用代码无效，请检查后重新填写。"))
        values["id_type"], values["id_number"] = "", ""
    if app.delivery == "post" and not app.address.strip():
        problems.append(_("选择邮寄的，请填写通信地址。"))
    if app.delivery == "email" and not app.email.strip():
        problems.append(_("选择电子邮件的，请填写电子邮箱。"))
    for name, content in app.attachments:
        if len(content) > MAX_ATTACHMENT:
            problems.append(_("附件“%(name)s”超过 10 MB。") % {"name": name})
    if problems:
        raise InvalidInputError(" ".join(problems), code="foi.invalid_application")
    return values


def _tracking_number(year: int) -> str:
    prefix = f"YSQ{year}-"
    last = (
        FoiRequest.objects.filter(tracking_number__startswith=prefix)
        .order_by("-tracking_number")
        .values_list("tracking_number", flat=True)
        .first()
    )
    return f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:05d}"


def _create(
    app: Application, *, channel: str, now: dt.datetime, department: Any
) -> tuple[FoiRequest, str]:
    values = _clean(app)
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    year = timezone.localtime(now).year
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = FoiRequest.objects.create(
                    tracking_number=_tracking_number(year),
                    query_code_hash=query_code_hash(code),
                    channel=channel,
                    submitted_at=now,
                    applicant_type=app.applicant_type,
                    name=app.name.strip()[:200],
                    contact_person=app.contact_person.strip()[:60],
                    phone=app.phone.strip()[:40],
                    email=app.email.strip(),
                    address=app.address.strip()[:300],
                    postcode=app.postcode.strip()[:10],
                    description=app.description.strip(),
                    doc_number=app.doc_number.strip()[:100],
                    form=app.form,
                    delivery=app.delivery,
                    keywords=_keywords(app.description),
                    department=department,
                    **values,
                )
            break
        except IntegrityError:  # two applications took the same number; retry
            continue
    else:
        raise ConflictError(_("系统繁忙，请稍后再提交。"), code="foi.busy")
    for name, content in app.attachments:
        attachment = Attachment(request=request, name=name[:200])
        try:
            with transaction.atomic():
                attachment.file.save(name, ContentFile(content), save=True)
        except OSError:
            # the application itself is kept; staff see the missing file in the audit
            log.exception("foi: attachment %r of %s not stored", name, request)
            audit_record(
                actor=None,
                action=FoiAudit.ATTACHMENT_FAILED,
                obj=request,
                changes={"name": name[:200]},
                now=now,
            )
    return request, code


def _keywords(description: str) -> list[str]:
    try:
        return sorted(set(text.search_terms(description)))[:40]
    except Exception:  # segmentation is a convenience; never refuse an application
        log.exception("foi: keyword segmentation failed")
        return []


@transaction.atomic
def request_submit(
    *, application: Application, now: dt.datetime | None = None
) -> tuple[FoiRequest, str]:
    """Accept an online application; returns it and its query code (shown once)."""
    now = now or timezone.now()
    request, code = _create(
        application, channel=Channel.ONLINE, now=now, department=None
    )
    audit_record(
        actor=None,
        action=FoiAudit.SUBMIT,
        obj=request,
        changes={"channel": Channel.ONLINE, "applicant_type": request.applicant_type},
        now=now,
    )
    if request.email:
        transaction.on_commit(lambda: _acknowledge_by_mail(request, code))
    return request, code


def _acknowledge_by_mail(request: FoiRequest, code: str) -> None:
    """E-mail the acknowledgement; a mail failure never loses the application."""
    subject = _("已收到您的政府信息公开申请（%(n)s）") % {"n": request.tracking_number}
    body = _(
        "您的申请已提交。申请编号：%(n)s，查询码：%(code)s。"
        "网上提交的申请，自本机关与您双方确认之日起计算答复期限"
        "（《中华人民共和国政府信息公开条例》第三十一条）。"
        "您可以在本网站“依申请公开”栏目凭申请编号和查询码查询办理进度和下载文书。"
    ) % {"n": request.tracking_number, "code": code}
    try:
        send_mail(subject, body, None, [request.email])
    except Exception:
        log.exception(
            "foi: acknowledgement mail for %s failed", request.tracking_number
        )


def notify_applicant(
    request: FoiRequest, *, what: str, letter: Letter | None = None
) -> None:
    """After commit, e-mail the applicant that a letter is ready (never fails the
    step); ``letter``: the letter itself goes with the mail, as PDF."""
    if not request.email:
        return
    subject = _("您的政府信息公开申请（%(n)s）有新的办理文书") % {
        "n": request.tracking_number
    }
    body = _(
        "您的申请（编号 %(n)s）%(what)s。请在本网站“依申请公开”栏目凭申请编号和查询码"
        "查看办理进度并下载文书。"
    ) % {"n": request.tracking_number, "what": what}

    def send() -> None:
        try:
            mail = EmailMessage(subject, body, None, [request.email])
            if letter is not None:
                from ..letter_files import letter_pdf

                pdf = letter_pdf(letter).getvalue()
                mail.attach(f"{letter.number}.pdf", pdf, "application/pdf")
            mail.send()
        except Exception:
            log.exception("foi: notice mail for %s failed", request.tracking_number)

    transaction.on_commit(send)


@transaction.atomic
def request_register(
    *,
    application: Application,
    channel: str,
    received_at: dt.datetime,
    department: Any = None,
    by: Staff,
    now: dt.datetime | None = None,
) -> tuple[FoiRequest, str]:
    """Register an application received in person, by post, by letter or by fax."""
    now = now or timezone.now()
    if not can_register_request(by):
        raise PermissionDeniedError()
    if channel not in Channel.values:
        raise InvalidInputError(_("请选择申请渠道。"), code="foi.channel")
    if not can_register_request_into(by, department):
        raise PermissionDeniedError(
            _("只有公开办可以把申请登记到其他处室。"), code="foi.assign_denied"
        )
    if department is None and getattr(by, "role", "") == "staff":
        department = by.department
    request, code = _create(
        application, channel=channel, now=now, department=department
    )
    if received_at <= now:
        # A letter or a visit is submitted when it reaches the office, not when staff
        # key it in: the case must not read "submitted" after "received".
        FoiRequest.objects.filter(pk=request.pk).update(submitted_at=received_at)
        request.submitted_at = received_at
    audit_record(
        actor=by,
        action=FoiAudit.REGISTER,
        obj=request,
        changes={"channel": channel, "received_at": received_at},
        now=now,
    )
    request_confirm_receipt(request=request, at=received_at, by=by, now=now)
    request.refresh_from_db()
    return request, code


@transaction.atomic
def request_confirm_receipt(
    *, request: FoiRequest, at: dt.datetime, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """Fix the day of receipt (条例 第三十一条) and start the 20-working-day clock."""
    now = now or timezone.now()
    request = FoiRequest.objects.select_for_update().get(pk=request.pk)
    if not can_register_request(by):
        raise PermissionDeniedError()
    _require(request, "confirm_receipt")
    if at > now:
        raise InvalidInputError(_("收到申请的时间不能晚于现在。"), code="foi.future")
    if at < request.submitted_at - dt.timedelta(days=366):
        raise InvalidInputError(_("收到申请的时间不合理。"), code="foi.receipt_date")
    request.received_at = at
    request.status = Status.IN_PROGRESS
    request.save(update_fields=["received_at", "status"])
    clock_start(
        subject=request,
        rule_key=REPLY_CLOCK,
        at=at,
        title=_("依申请公开答复 %(n)s") % {"n": request.tracking_number},
        department=request.department,
        by=by,
        now=now,
    )
    clock_start(
        subject=request,
        rule_key=NOTICE_CLOCK,
        at=at,
        title=_("补正告知 %(n)s") % {"n": request.tracking_number},
        department=request.department,
        by=by,
        now=now,
    )
    letter_issue(request=request, kind=LetterKind.ACKNOWLEDGEMENT, now=now)
    audit_record(
        actor=by,
        action=FoiAudit.RECEIPT_CONFIRMED,
        obj=request,
        changes={"received_at": at, "channel": request.channel},
        now=now,
    )
    return request


@transaction.atomic
def request_assign(
    *, request: FoiRequest, department: Any, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """Assign a request (and its clocks) to a department."""
    if not can_assign_request(by):
        raise PermissionDeniedError()
    request = FoiRequest.objects.select_for_update().get(pk=request.pk)
    _require(request, "assign")
    before = request.department_id
    request.department = department
    request.save(update_fields=["department"])
    # The clocks follow the case into the new department's inbox (no clocks service
    # changes a department; this touches only the clocks of this request).
    ids_ = list(clocks_for(request).values_list("id", flat=True))
    ids_ += [c.id for c in _consultation_clocks(request)]
    Clock.objects.filter(id__in=ids_).update(department=department)
    audit_record(
        actor=by,
        action=FoiAudit.ASSIGN,
        obj=request,
        changes={"department_before": before, "department_after": department},
        now=now,
    )
    return request


def _consultation_clocks(request: FoiRequest) -> list[Clock]:
    return [c for x in request.consultations.all() for c in clocks_for(x)]


def _require(request: FoiRequest, step: str) -> None:
    if not rules.step_allowed(step, request.status):
        raise ConflictError(
            _("申请处于“%(status)s”状态，不能进行此操作。")
            % {"status": Status(request.status).label},
            code="foi.step",
        )


def applicant_data_viewed(
    *, request: FoiRequest, by: Staff, now: dt.datetime | None = None
) -> None:
    """Audit one view of an applicant's personal data (DESIGN: every view audited)."""
    audit_record(
        actor=by,
        action=FoiAudit.PERSONAL_DATA_VIEW,
        obj=request,
        changes={"fields": ["name", "id_number", "uscc", "phone", "email", "address"]},
        now=now,
    )


def attachment_viewed(
    *, attachment: Attachment, by: Staff, now: dt.datetime | None = None
) -> None:
    """Audit one download of an applicant's attachment."""
    audit_record(
        actor=by,
        action=FoiAudit.ATTACHMENT_VIEW,
        obj=attachment.request,
        changes={"attachment": attachment.pk, "name": attachment.name},
        now=now,
    )
