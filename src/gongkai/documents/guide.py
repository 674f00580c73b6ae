"""The 政府信息公开指南 (条例 第十二条): read it, and change it as the office does."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_review_content
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.documents.audit_actions import DocumentsAudit

from . import rules
from .models import Guide

FIELDS = tuple(
    f.name for f in Guide._meta.get_fields() if f.name not in ("id", "updated_on")
)


def guide_get() -> Guide | None:
    """The guide, or None while the office has not written it."""
    return Guide.objects.filter(pk=1).first()


@transaction.atomic
def guide_update(*, by: Staff, now: dt.datetime | None = None, **values: str) -> Guide:
    """Write the guide (every 条例 第十二条 item required); dated today, audited."""
    if not can_review_content(by):
        raise PermissionDeniedError()
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise InvalidInputError(_("不能修改这些字段：%s") % ", ".join(sorted(unknown)))
    guide = Guide.objects.select_for_update().filter(pk=1).first() or Guide(pk=1)
    current = {name: getattr(guide, name) for name in FIELDS}
    merged = {**current, **{k: str(v).strip() for k, v in values.items()}}
    missing = rules.guide_missing(merged)
    if missing:
        labels = "、".join(str(Guide._meta.get_field(n).verbose_name) for n in missing)
        raise InvalidInputError(
            _("公开指南缺少条例第十二条要求的内容：%s。") % labels,
            code="guide.missing",
            detail={"fields": missing},
        )
    changed = sorted(k for k in FIELDS if merged[k] != current[k])
    for name, value in merged.items():
        setattr(guide, name, value)
    guide.updated_on = (now or timezone.now()).astimezone(SHANGHAI).date()
    try:
        guide.full_clean()
    except ValidationError as error:
        raise InvalidInputError(
            "；".join(m for ms in error.message_dict.values() for m in ms),
            code="guide.invalid",
            detail=error.message_dict,
        ) from None
    guide.save()
    audit_record(
        actor=by,
        action=DocumentsAudit.GUIDE_UPDATE,
        obj=guide,
        now=now,
        changes={"fields": changed},
    )
    return guide
