"""Often-requested information becomes proactive (条例 第四十四条; plan task 14)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.documents.models import Issuer
from gongkai.documents.services import document_create
from gongkai.foi.audit_actions import FoiAudit

from ..models import FoiRequest
from ..permissions import can_handle_request


@transaction.atomic
def proactive_propose(
    *,
    requests: Sequence[FoiRequest],
    title: str,
    keywords: Sequence[str],
    by: Staff,
    now: dt.datetime | None = None,
) -> Any:
    """Create a catalogue draft (documents service) linked to the similar requests."""
    now = now or timezone.now()
    if not requests or not title.strip():
        raise InvalidInputError(
            _("请选择申请并填写拟公开信息的标题。"), code="foi.proactive"
        )
    if not all(can_handle_request(by, r) for r in requests):
        raise PermissionDeniedError()
    issuer = Issuer.objects.order_by("order", "name").first()
    if issuer is None or by.department is None:
        raise InvalidInputError(
            _("目录尚未设置发文机关或您不属于任何处室，无法创建目录草稿。"),
            code="foi.proactive_issuer",
        )
    numbers = "、".join(r.tracking_number for r in requests)
    today = now.astimezone(SHANGHAI).date()
    document = document_create(
        title=title.strip(),
        department=by.department,
        issuers=[issuer],
        written_on=today,
        by=by,
        keywords=" ".join(keywords)[:200],
        summary=(
            _(
                "申请公开较为集中的政府信息，拟纳入主动公开（条例第四十四条）。相关申请：%(n)s"
            )
            % {"n": numbers}
        )[:500],
        formed_on=today,
        now=now,
    )
    ids = [r.pk for r in requests]
    FoiRequest.objects.filter(pk__in=ids).update(
        proposed_proactive=True, proactive_document_id=document.pk
    )
    audit_record(
        actor=by,
        action=FoiAudit.PROACTIVE_PROPOSE,
        obj=document,
        changes={"requests": numbers, "title": title},
        now=now,
    )
    return document
