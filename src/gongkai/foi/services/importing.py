"""Write historical cases (see foi/importing.py for the file format)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI
from gongkai.common.audit import audit_record
from gongkai.foi.audit_actions import FoiAudit

from ..choices import AppealKind, Status
from ..codes import query_code_hash
from ..importing import ImportRow, parse_record
from ..models import Appeal, FoiRequest


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


def _create(row: ImportRow, number: str) -> FoiRequest:
    closed = _at(row.replied_on, 17) if row.replied_on else None
    lapsed = row.outcome in ("correction_lapsed", "fee_unpaid", "withdrawn")
    status = (
        Status.IN_PROGRESS
        if not row.outcome
        else Status.CLOSED
        if lapsed
        else Status.REPLIED
    )
    request = FoiRequest.objects.create(
        tracking_number=number,
        query_code_hash=query_code_hash(secrets.token_hex(8)),
        channel=row.channel,
        status=status,
        submitted_at=_at(row.received_on, 9),
        received_at=_at(row.received_on, 9),
        applicant_type=row.applicant_type,
        name="（历史数据导入）",
        phone="",
        description=row.description,
        form="paper",
        delivery="post",
        outcome=row.outcome,
        closed_at=closed,
        imported=True,
    )
    # the filing date of an old appeal is not in the file: the reply date stands in
    filed = row.replied_on or row.received_on

    def decided(result: str) -> dt.date | None:
        return None if result == "pending" else filed

    if row.review_result:
        Appeal.objects.create(
            request=request,
            kind=AppealKind.REVIEW,
            filed_on=filed,
            result=row.review_result,
            decided_on=decided(row.review_result),
            note="历史数据导入",
        )
    if row.litigation_result:
        kind = (
            AppealKind.LITIGATION_AFTER_REVIEW
            if row.review_result
            else AppealKind.LITIGATION_DIRECT
        )
        Appeal.objects.create(
            request=request,
            kind=kind,
            filed_on=filed,
            result=row.litigation_result,
            decided_on=decided(row.litigation_result),
            note="历史数据导入",
        )
    return request


def requests_import(
    *,
    records: Iterable[tuple[int, dict[str, Any]]],
    by: Staff,
    source: str,
    now: dt.datetime | None = None,
) -> tuple[int, list[tuple[int, str]]]:
    """Import historical cases row by row; returns (created, [(line, error), ...])."""
    now = now or timezone.now()
    created, errors = 0, []
    for line, record in records:
        if "_error" in record:
            errors.append((line, record["_error"]))
            continue
        try:
            row = parse_record(line, record)
        except ValueError as exc:
            errors.append((line, str(exc)))
            continue
        with transaction.atomic():
            year = row.received_on.year
            prefix = f"LS{year}-"
            last = (
                FoiRequest.objects.filter(tracking_number__startswith=prefix)
                .order_by("-tracking_number")
                .values_list("tracking_number", flat=True)
                .first()
            )
            n = int(last[len(prefix) :]) + 1 if last else 1
            request = _create(row, f"{prefix}{n:06d}")
            created += 1
            if created == 1:
                audit_record(
                    actor=by,
                    action=FoiAudit.IMPORT,
                    obj=request,
                    changes={"source": source},
                    now=now,
                )
    if created:
        audit_record(
            actor=by,
            action=FoiAudit.IMPORT_DONE,
            obj=None,
            changes={"source": source, "created": created, "errors": len(errors)},
            now=now,
        )
    return created, errors
