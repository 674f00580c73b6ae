"""Builders for the foi tests: applications and requests at fixed 2026 moments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.foi import services
from gongkai.foi.services import Application

SH = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hour: int = 10) -> dt.datetime:
    """A fixed moment in Asia/Shanghai, e.g. at("2026-02-10")."""
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SH)


def application(**kw: Any) -> Application:
    values = {
        "applicant_type": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13800138000",
        "email": "zhang@example.com",
        "description": "2025年电动自行车产品质量监督抽查结果及不合格企业名单",
        "form": "electronic",
        "delivery": "email",
    }
    values.update(kw)
    return Application(**values)


def received(
    *, by: Any, day: str = "2026-02-10", department: Any = None, **kw: Any
) -> Any:
    """A request handed in person on ``day`` (day 0 of the reply period)."""
    request, _code = services.request_register(
        application=application(**kw),
        channel="in_person",
        received_at=at(day),
        department=department if department is not None else by.department,
        by=by,
        now=at(day, 11),
    )
    return request


def reply(*, request: Any, by: Any, now: dt.datetime, **kw: Any) -> Any:
    """A department's reply under four-eyes: ``by`` drafts it, the office approves it
    at the same moment (the reply goes out then)."""
    from gongkai.accounts.models import Department, User

    services.reply_draft(request=request, by=by, now=now, **kw)
    office, _new = Department.objects.get_or_create(
        code="office", defaults={"name": "办公室", "is_office": True}
    )
    approver, _new = User.objects.get_or_create(
        username="office-approver", defaults={"role": "reviewer", "department": office}
    )
    return services.reply_approve(request=request, by=approver, now=now)
