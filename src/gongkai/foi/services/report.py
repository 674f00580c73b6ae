"""Writes of the annual report: the office's prose and entered table-two figures."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.types import Staff
from gongkai.clocks.models import CachedState, Clock
from gongkai.clocks.selectors import SHANGHAI, clocks_for
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.core import report_tables as rt
from gongkai.foi.audit_actions import FoiAudit

from ..codes import REPORT_CLOCK
from ..models import AnnualReportDraft
from ..permissions import can_edit_report
from ..report.build import annual_report


@transaction.atomic
def report_draft_save(
    *,
    year: int,
    overview: str,
    problems: str,
    other: str,
    t2: dict[str, Any],
    by: Staff,
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
        action=FoiAudit.REPORT_DRAFT,
        obj=draft,
        changes={
            "year": year,
            "t2": json.dumps(t2, ensure_ascii=False, sort_keys=True),
        },
        now=now or timezone.now(),
    )
    return draft


@transaction.atomic
def report_publish(
    *, year: int, by: Staff, now: dt.datetime | None = None
) -> AnnualReportDraft:
    """Freeze and publish a year's report (条例 第四十九条: by 31 January).

    Refused while a consistency rule fails, including the cross-year rule against
    last year's published report.
    """

    now = now or timezone.now()
    if not can_edit_report(by):
        raise PermissionDeniedError()
    report = annual_report(year)
    problems = rt.check_report(report)
    previous = AnnualReportDraft.objects.filter(year=year - 1).first()
    if previous is not None and previous.published:
        problems += rt.check_cross_year(rt.report_from_json(previous.published), report)
    if problems:
        raise ConflictError(
            "年度报告未通过一致性检查，不能公布："
            + "；".join(p.text for p in problems),
            code="foi.report_inconsistent",
        )
    draft, _created = AnnualReportDraft.objects.select_for_update().get_or_create(
        year=year
    )
    draft.published = rt.report_to_json(report)
    draft.published_at = now
    draft.save(update_fields=["published", "published_at", "updated_at"])
    clock = report_clock_open(year=year, now=now)
    if clock is not None and clock.state != CachedState.STOPPED:
        clock_event_add(clock=clock, kind="report_published", at=now, by=by, now=now)
    audit_record(
        actor=by,
        action=FoiAudit.REPORT_PUBLISH,
        obj=draft,
        changes={"year": year},
        now=now,
    )
    return draft


@transaction.atomic
def report_clock_open(*, year: int, now: dt.datetime | None = None) -> Clock | None:
    """Start the clock of ``year``'s report once the year has ended (条例 第四十九条:
    published by 31 January); idempotent, None while the year runs.

    The clock has no department: the openness office sees it in its inbox. Publishing
    the report stops it; one opened after the report was published is stopped at once.
    """
    now = now or timezone.now()
    ended = dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)
    if now < ended:
        return None
    draft, _created = AnnualReportDraft.objects.get_or_create(year=year)
    clock = clocks_for(draft).filter(rule_key=REPORT_CLOCK).first()
    if clock is not None:
        return clock
    clock = clock_start(
        subject=draft,
        rule_key=REPORT_CLOCK,
        at=ended,
        title=f"{year}年度政府信息公开工作年度报告",
        by=None,
        now=now,
    )
    if draft.published_at is not None:
        published = max(draft.published_at, ended)
        clock = clock_event_add(
            clock=clock, kind="report_published", at=published, now=now
        )
    return clock
