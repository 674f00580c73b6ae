"""Import consultations from a spreadsheet (XLSX or CSV), as staff keep them.

Columns (Chinese or English headers): 标题 title, 起草说明 explanation, 开始时间
open_at, 截止时间 close_at, 缩短期限的理由 shortened_reason, 草案链接 draft_url,
草案编号 draft_document_id, 其他提交意见的方式 channels. A time is Beijing time; a
date alone opens at 00:00 and closes at 24:00 of that day. Every row is checked by
the same rules as the staff form (``consultation_problems``): a bad row is reported
with its row number and reason, the good rows become drafts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Department
from gongkai.accounts.permissions import can_edit_content
from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import GongkaiError, InvalidInputError, PermissionDeniedError
from gongkai.core.clocks import SHANGHAI
from gongkai.core.tabular import TableError, read_table

from ..audit_actions import ConsultationsAudit
from ..models import PublicConsultation
from .consultations import ConsultationData, consultation_create, consultation_problems

HEADERS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "title"),
    "explanation": ("起草说明", "说明", "explanation"),
    "open_at": ("开始时间", "开始日期", "open_at"),
    "close_at": ("截止时间", "截止日期", "close_at"),
    "shortened_reason": ("缩短期限的理由", "缩短理由", "shortened_reason"),
    "draft_url": ("草案链接", "draft_url"),
    "draft_document_id": ("草案编号", "draft_document_id"),
    "channels": ("其他提交意见的方式", "channels"),
}
_NAMES = {a.lower(): key for key, aliases in HEADERS.items() for a in aliases}
_DT_RE = re.compile(
    r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?)?\s*"
)


@dataclass
class ImportResult:
    created: list[PublicConsultation] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, message)


def _moment(value: Any, name: str, *, end_of_day: bool) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=SHANGHAI)
    if isinstance(value, dt.date):
        day, time = value, None
    else:
        match = _DT_RE.fullmatch(str(value))
        if not match:
            raise ValueError(_("%(name)s“%(value)s”不是日期或时间（例如 2026-12-01 09:00）")
                             % {"name": name, "value": value})  # fmt: skip
        y, m, d, hh, mm = match.groups()
        try:
            day = dt.date(int(y), int(m), int(d))
            time = dt.time(int(hh), int(mm)) if hh is not None else None
        except ValueError as exc:
            raise ValueError(
                _("%(name)s“%(value)s”不是有效的日期或时间")
                % {"name": name, "value": value}
            ) from exc
    if time is None:
        if end_of_day:  # 民法典 第二百零三条: a period ends at 24:00 of its last day
            return dt.datetime.combine(
                day + dt.timedelta(days=1), dt.time.min, SHANGHAI
            )
        time = dt.time.min
    return dt.datetime.combine(day, time, SHANGHAI)


def parse_row(record: dict[str, Any]) -> ConsultationData:
    """One row (canonical keys) → the form's data; ValueError names what is wrong."""
    raw_id = record.get("draft_document_id")
    try:
        document_id = int(raw_id) if raw_id not in (None, "") else None
    except (TypeError, ValueError) as exc:
        raise ValueError(_("草案编号“%s”不是数字") % raw_id) from exc
    return ConsultationData(
        title=str(record.get("title") or "")[:300],
        explanation=str(record.get("explanation") or ""),
        open_at=_moment(record.get("open_at"), _("开始时间"), end_of_day=False),
        close_at=_moment(record.get("close_at"), _("截止时间"), end_of_day=True),
        shortened_reason=str(record.get("shortened_reason") or "")[:500],
        draft_url=str(record.get("draft_url") or "")[:500],
        draft_document_id=document_id,
        channels=str(record.get("channels") or ""),
    )


def consultation_import(
    *,
    data: bytes,
    file_name: str,
    department: Department,
    by: Staff,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Create a draft for every valid row; report every bad row by its number."""
    now = now or timezone.now()
    if not can_edit_content(by, PublicConsultation(department=department)):
        raise PermissionDeniedError()
    try:
        table = read_table(data, file_name)
    except TableError as exc:
        raise InvalidInputError(str(exc), code="import.unreadable") from exc
    keys = [_NAMES.get(str(h).strip().lower()) for h in table.headers]
    missing = [HEADERS[k][0] for k in ("title", "open_at", "close_at") if k not in keys]
    if missing:
        raise InvalidInputError(
            _("缺少必需的列：%s") % "、".join(missing), code="import.columns"
        )
    result = ImportResult()
    for line, cells in table.rows:
        record = {k: v for k, v in zip(keys, cells, strict=False) if k}
        try:
            row = parse_row(record)
        except ValueError as exc:
            result.errors.append((line, str(exc)))
            continue
        problems = consultation_problems(row)
        if problems:
            result.errors.append((line, "；".join(p["message"] for p in problems)))
            continue
        try:
            with transaction.atomic():
                result.created.append(
                    consultation_create(data=row, department=department, by=by, now=now)
                )
        except GongkaiError as exc:
            result.errors.append((line, str(exc.message)))
    with transaction.atomic():
        audit_record(
            actor=by,
            action=ConsultationsAudit.IMPORT,
            now=now,
            changes={
                "file": file_name,
                "created": [c.pk for c in result.created],
                "errors": len(result.errors),
            },
        )
    return result
