"""Shared helpers of the participation tests (mailbox, proposals, incidents)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from gongkai.common.models import AuditEvent
from gongkai.participation.services import mailbox

TZ = ZoneInfo("Asia/Shanghai")


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=TZ)


def submit(*, now: dt.datetime, department: Any = None, **fields: Any) -> Any:
    values = {
        "category": "consult",
        "subject": "电梯年检标志过期",
        "body": "我是张三，电话13800138000，商场电梯年检标志过期。",
        "name": "张三",
        "phone": "13800138000",
        "is_public": True,
    }
    values.update(fields)
    return mailbox.message_submit(department=department, now=now, **values)


def audited(action: str, obj: Any) -> bool:
    return AuditEvent.objects.filter(action=action, object_id=str(obj.pk)).exists()
