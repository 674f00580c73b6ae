"""Shared builders for the publishing lifecycle tests."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from gongkai.common.models import AuditEvent
from gongkai.publishing import services
from gongkai.publishing.models import Page

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
D = dt.date


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


def _last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def _to_approved(page: Page, author: Any, reviewer: Any) -> Page:
    services.publishing_submit(obj=page, by=author, now=NOW)
    return services.publishing_approve(obj=page, by=reviewer, now=NOW)
