"""The processing fee: quote, notice, payment, lapse (国办函〔2020〕109号)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI, clock_status
from gongkai.clocks.services import clock_start
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
)
from gongkai.common.selectors import rule_value
from gongkai.core import fees
from gongkai.core.clocks import State
from gongkai.foi.audit_actions import FoiAudit

from ..choices import FeeMethod, LetterKind, Status
from ..codes import REPLY_CLOCK
from ..models import FoiRequest
from .common import (
    _audit,
    _clock,
    _close,
    _due,
    _event,
    _lock,
    _notice_settled,
)
from .letters import letter_issue


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
    by: Staff,
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
    # 国办函〔2020〕109号 第七条: the answer period pauses until the payment when the
    # rule value clock.foi.reply.fee_pauses in force at the case's start says so
    _event(request, REPLY_CLOCK, "fee_notified", at=now, by=by, now=now)
    _notice_settled(request, by=by, now=now)
    letter_issue(
        request=request,
        kind=LetterKind.FEE,
        now=now,
        extra={
            "fee_lines": "；".join(quote.explanation()),
            "fee_due": _due(request, "foi.fee_payment", now),
        },
    )
    _audit(by, FoiAudit.FEE_NOTIFIED, request, now, method=method, amount=quote.total)
    return request


@transaction.atomic
def fee_receive(
    *, request: FoiRequest, at: dt.datetime, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    now = now or timezone.now()
    request = _lock(request, by, "receive_fee")
    if at > now:
        raise InvalidInputError(_("缴费时间不能晚于现在。"), code="foi.future")
    request.fee_paid_at, request.status = at, Status.IN_PROGRESS
    request.save(update_fields=["fee_paid_at", "status"])
    _event(request, "foi.fee_payment", "fee_paid", at=at, by=by, now=now)
    _event(request, REPLY_CLOCK, "fee_paid", at=at, by=by, now=now)
    _audit(by, FoiAudit.FEE_PAID, request, now, amount=request.fee_amount)
    return request


@transaction.atomic
def fee_lapse(
    *, request: FoiRequest, by: Staff, now: dt.datetime | None = None
) -> FoiRequest:
    """Not paid within 20 working days: deemed withdrawn (年报 三（六）2)."""
    now = now or timezone.now()
    request = _lock(request, by, "lapse_fee", system_ok=True)
    clock = _clock(request, "foi.fee_payment")
    if clock is None or clock_status(clock, now=now).state != State.OVERDUE:
        raise ConflictError(_("缴费期限尚未届满。"), code="foi.not_lapsed")
    return _close(request, code="fee_unpaid", by=by, now=now, stop="lapsed")
