"""Helpers shared by the handling services (locking, clock events, audit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.models import CachedState, Clock
from gongkai.clocks.selectors import clock_status, clocks_for
from gongkai.clocks.services import clock_event_add
from gongkai.common.audit import audit_record
from gongkai.common.errors import PermissionDeniedError
from gongkai.foi.audit_actions import FoiAudit

from ..choices import ConsultationKind, LetterKind, Status
from ..codes import NOTICE_CLOCK, REPLY_CLOCK
from ..models import FoiRequest
from ..permissions import can_handle_request
from .intake import _require, notify_applicant
from .letters import letter_issue

PAUSING = (ConsultationKind.THIRD_PARTY, ConsultationKind.CO_PRODUCER)


def _lock(
    request: FoiRequest, by: Staff, step: str, *, system_ok: bool = False
) -> FoiRequest:
    """Lock the request for a step; ``system_ok``: the scheduler (by=None) may act."""
    if not (system_ok and by is None) and not can_handle_request(by, request):
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
    by: Staff | None,
    now: dt.datetime,
    value: int | None = None,
    note: str = "",
) -> Clock | None:
    clock = _clock(subject, key)
    if clock is not None and clock.state != CachedState.STOPPED:
        clock = clock_event_add(
            clock=clock, kind=kind, at=at, value=value, note=note, by=by, now=now
        )
    return clock


# 条例 第三十二条: the written notice to an overridden third party, before disclosure
THIRD_PARTY_NOTICE_CLOCK = "foi.third_party_notice"


def _close_side_clocks(
    request: FoiRequest, *, by: Staff, now: dt.datetime, stop: str = "withdrawn"
) -> None:
    """Stop the correction, fee and consultation clocks when a case ends."""
    _event(request, NOTICE_CLOCK, stop, at=now, by=by, now=now)
    for key in ("foi.correction_period", "foi.fee_payment"):
        _event(request, key, "withdrawn", at=now, by=by, now=now)
    for consultation in request.consultations.filter(answered_at__isnull=True):
        _event(
            consultation, "foi.third_party_reply", "withdrawn", at=now, by=by, now=now
        )
    for consultation in request.consultations.filter(
        disclosure_decided_at__isnull=False, notified_at__isnull=True
    ):
        _event(
            consultation, THIRD_PARTY_NOTICE_CLOCK, "withdrawn", at=now, by=by, now=now
        )


def _notice_settled(request: FoiRequest, *, by: Staff, now: dt.datetime) -> None:
    """A step that treats the application as clear closes the correction-notice
    clock (条例 第三十条: a correction can only be asked before handling it)."""
    _event(request, NOTICE_CLOCK, "correction_waived", at=now, by=by, now=now)


def _audit(
    by: Staff | None,
    action: FoiAudit,
    request: FoiRequest,
    now: dt.datetime,
    **changes: Any,
) -> None:
    audit_record(actor=by, action=action, obj=request, changes=changes, now=now)


def _due(request: FoiRequest, key: str, now: dt.datetime) -> dt.date | None:
    clock = _clock(request, key)
    return clock_status(clock, now=now).due_date if clock else None


def _close(
    request: FoiRequest, *, code: str, by: Staff, now: dt.datetime, stop: str
) -> FoiRequest:
    request.outcome, request.status, request.closed_at = code, Status.CLOSED, now
    request.save(update_fields=["outcome", "status", "closed_at"])
    _event(request, REPLY_CLOCK, stop, at=now, by=by, now=now)
    _close_side_clocks(request, by=by, now=now)
    letter_issue(request=request, kind=LetterKind.CLOSURE, now=now)
    notify_applicant(request, what=_("已终止办理"))
    _audit(by, FoiAudit(f"foi.{code}"), request, now, outcome=code)
    return request
