"""Published penalties for page, API and browser tests (through the real services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.penalties import services
from gongkai.penalties.models import Penalty
from gongkai.penalties.tests.factories import record
from gongkai.publishing import services as pub


def publish(
    *,
    staff: Any,
    reviewer: Any,
    raw: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> Penalty:
    """Create, review and publish one penalty record."""
    p = services.penalty_create(
        record=raw or record(), department=staff.department, by=staff, now=now
    )
    pub.publishing_submit(obj=p, by=staff, now=now)
    pub.publishing_approve(obj=p, by=reviewer, now=now)
    return services.penalty_publish(penalty=p, by=reviewer, now=now)
