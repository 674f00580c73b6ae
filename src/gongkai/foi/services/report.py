"""Writes of the annual report: the office's prose and entered table-two figures."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError

from ..models import AnnualReportDraft
from ..permissions import can_edit_report


@transaction.atomic
def report_draft_save(
    *,
    year: int,
    overview: str,
    problems: str,
    other: str,
    t2: dict[str, Any],
    by: Any,
    now: dt.datetime | None = None,
) -> AnnualReportDraft:
    """Save sections 一, 五, 六 and the entered T2 figures of one year."""
    if not can_edit_report(by):
        raise PermissionDeniedError()
    if not 2008 <= year <= 2100:
        raise InvalidInputError("年度无效。", code="foi.report_year")
    draft, _created = AnnualReportDraft.objects.select_for_update().get_or_create(
        year=year
    )
    draft.overview, draft.problems, draft.other = overview, problems, other
    draft.t2_entered = t2
    draft.save()
    audit_record(
        actor=by,
        action="foi.report_draft",
        obj=draft,
        changes={
            "year": year,
            "t2": json.dumps(t2, ensure_ascii=False, sort_keys=True),
        },
        now=now or timezone.now(),
    )
    return draft
