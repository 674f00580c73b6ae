"""One row behind every page kind of participation, government services, budgets
and oversight (the static build's ``site`` fixture), through their own services
and test factories."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.budgets.tests.factories import published_set
from gongkai.govservices.tests import factories as services
from gongkai.oversight.tests.support import room
from gongkai.participation.services import consultations, incidents, mailbox
from gongkai.participation.services import proposals as proposal_services
from gongkai.participation.tests import factories as consult
from gongkai.participation.tests.support import submit


def newer_modules(*, staff: Any, reviewer: Any) -> dict[str, Any]:
    """A closed consultation with its published report, an open one (its page is
    for one visitor: never a file), a meeting, an answered public message, a
    proposal, an incident, a guide, a power item, a budget set, a reading room."""
    now = timezone.now()
    department = staff.department
    closed = consult.consultation(
        staff=staff, reviewer=reviewer, title="已截止的征求意见稿",
        open_at=now - dt.timedelta(days=40), close_at=now - dt.timedelta(days=1),
    )  # fmt: skip
    report = consultations.feedback_create(
        consultation=closed, title="", summary="共收到3条。", received_count=3,
        items=consult.ITEMS, by=staff,
    )  # fmt: skip
    consult.publish(report, staff=staff, reviewer=reviewer)
    open_one = consult.consultation(
        staff=staff, reviewer=reviewer, title="正在征求意见的草案"
    )
    meeting = consult.meeting(staff=staff, reviewer=reviewer)
    message, _code = submit(now=now - dt.timedelta(days=3), department=department)
    mailbox.message_answer(message=message, answer="已转有关处室办理。", by=staff)
    proposal = proposal_services.proposal_create(
        kind="deputy", year=2026, number="0012", title="关于加强电梯安全监管的建议",
        proposer="李代表", lead_department=department, assigned_at=now, by=reviewer,
    )  # fmt: skip
    incident = incidents.incident_create(
        title="自动扶梯故障", kind="concern", occurred_at=now - dt.timedelta(hours=3),
        department=department, summary="已组织调查。", by=staff,
    )  # fmt: skip
    guide = services.published(
        department=department, author=staff, reviewer=reviewer, now=now
    )
    power = services.power(code="P0001", department=department, name="电梯安装许可")
    budget = published_set(staff=staff, reviewer=reviewer, year=2025)
    room(reviewer)
    return {
        "consultation": closed, "open_consultation": open_one, "report": report,
        "meeting": meeting, "message": message, "proposal": proposal,
        "incident": incident, "guide": guide, "power": power, "budget": budget,
    }  # fmt: skip
