"""Consultations and meetings in given states, through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.participation.services import consultations as services
from gongkai.participation.services.meetings import MeetingData, meeting_create
from gongkai.publishing import services as pub


def data(**overrides: Any) -> services.ConsultationData:
    now = timezone.now()
    values: dict[str, Any] = {
        "title": "《电动自行车产品质量监督管理办法（征求意见稿）》",
        "explanation": "为规范电动自行车产品质量监督管理，起草本办法。",
        "open_at": now - dt.timedelta(days=1),
        "close_at": now + dt.timedelta(days=40),
        "draft_url": "https://example.gov.cn/draft.pdf",
        "publish_comments": True,
    }
    values.update(overrides)
    return services.ConsultationData(**values)


def consultation(*, staff: Any, reviewer: Any | None = None, **overrides: Any) -> Any:
    """A consultation: a draft, or published when a reviewer is given."""
    c = services.consultation_create(
        data=data(**overrides), department=staff.department, by=staff
    )
    if reviewer is not None:
        c = publish(c, staff=staff, reviewer=reviewer)
    return c


def publish(obj: Any, *, staff: Any, reviewer: Any) -> Any:
    pub.publishing_submit(obj=obj, by=staff)
    pub.publishing_approve(obj=obj, by=reviewer, accept_warnings=True)
    return pub.publishing_publish(obj=obj, by=reviewer)


def meeting(*, staff: Any, reviewer: Any | None = None, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "title": "局务会议（开放）",
        "held_at": timezone.now() - dt.timedelta(days=2),
        "agenda": "审议征求意见稿。",
        "participants": "市民代表2名",
        "livestream_url": "https://live.example.gov.cn/1",
        "recording_url": "https://video.example.gov.cn/1",
        "outcome": "原则通过。",
    }
    values.update(overrides)
    m = meeting_create(
        data=MeetingData(**values), department=staff.department, by=staff
    )
    if reviewer is not None:
        m = publish(m, staff=staff, reviewer=reviewer)
    return m


ITEMS = [
    services.FeedbackItemData("第五条", "建议明确抽检频次。", "adopted", count=2),
    services.FeedbackItemData(
        "第八条", "建议取消备案。", "not_adopted", reason="备案由上位法规定。"
    ),
]
