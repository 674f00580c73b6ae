"""Services of consultations and meetings: new state and audit event each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent
from gongkai.participation.choices import CommentStatus
from gongkai.participation.clock_rules import CONSULTATION_FEEDBACK
from gongkai.participation.services import consultations as services
from gongkai.participation.services.meetings import MeetingData, meeting_update
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status

from . import factories as f

pytestmark = pytest.mark.django_db


def last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("seq")


def test_create_refuses_a_short_period_without_reason(staff):
    now = timezone.now()
    with pytest.raises(InvalidInputError) as exc:
        f.consultation(staff=staff, open_at=now, close_at=now + dt.timedelta(days=10))
    assert "30日" in str(exc.value.message)
    assert exc.value.detail[0]["field"] == "shortened_reason"


def test_create_accepts_a_short_period_with_reason_and_audits(staff):
    now = timezone.now()
    c = f.consultation(
        staff=staff,
        open_at=now,
        close_at=now + dt.timedelta(days=10),
        shortened_reason="疫情防控需要，时间紧迫。",
    )
    assert c.status == Status.DRAFT and c.shortened and c.revision == 1
    assert last_event("consultation.create").object_id == str(c.pk)


def test_create_needs_a_draft_and_a_lawful_hearing(staff):
    with pytest.raises(InvalidInputError, match="草案"):
        f.consultation(staff=staff, draft_url="")
    now = timezone.now()
    with pytest.raises(InvalidInputError, match="7日"):
        f.consultation(
            staff=staff,
            hearing_at=now + dt.timedelta(days=10),
            hearing_materials_at=now + dt.timedelta(days=5),
        )


def test_other_department_cannot_change(staff, other_staff):
    c = f.consultation(staff=staff)
    with pytest.raises(PermissionDeniedError):
        services.consultation_update(
            consultation=c, data=f.data(title="x"), by=other_staff
        )


def test_update_only_a_draft(staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    with pytest.raises(ConflictError):
        services.consultation_update(consultation=c, data=f.data(), by=staff)


def test_comment_is_masked_and_moderated(staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    comment = services.comment_submit(
        consultation=c, body="请联系我13800138000。", contact="13800138000"
    )
    assert comment.masked_body == "请联系我［已隐去手机号码］。"
    assert comment.status == CommentStatus.PENDING
    assert last_event("consultation.comment_submit").actor is None
    services.comment_moderate(comment=comment, approve=True, by=staff)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == staff
    assert last_event("consultation.comment_moderate").actor == staff


def test_comment_refused_when_not_open(staff, reviewer):
    now = timezone.now()
    c = f.consultation(
        staff=staff,
        reviewer=reviewer,
        open_at=now + dt.timedelta(days=1),
        close_at=now + dt.timedelta(days=40),
    )
    with pytest.raises(ConflictError):
        services.comment_submit(consultation=c, body="意见")
    draft = f.consultation(staff=staff)
    with pytest.raises(ConflictError):
        services.comment_submit(consultation=draft, body="意见")


def test_close_early_needs_reason_then_starts_feedback_clock(staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    with pytest.raises(InvalidInputError):
        services.consultation_close(consultation=c, by=staff)
    c = services.consultation_close(consultation=c, by=staff, note="草案已撤回。")
    assert c.closed_at is not None and c.phase() == "closed"
    clock = clocks_for(c).get(rule_key=CONSULTATION_FEEDBACK)
    assert clock.started_at == c.closed_at
    assert last_event("consultation.close").changes["note"] == "草案已撤回。"
    with pytest.raises(ConflictError):
        services.consultation_close(consultation=c, by=staff, note="again")


def test_close_due_starts_clocks_once(staff, reviewer):
    now = timezone.now()
    c = f.consultation(
        staff=staff,
        reviewer=reviewer,
        open_at=now - dt.timedelta(days=40),
        close_at=now - dt.timedelta(days=5),
    )
    assert services.consultations_close_due(now=now) == 1
    assert services.consultations_close_due(now=now) == 0
    clock = clocks_for(c).get(rule_key=CONSULTATION_FEEDBACK)
    assert clock.started_at == c.close_at


def test_feedback_report_published_after_close_stops_clock(staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    report = services.feedback_create(
        consultation=c, title="", summary="收到2条。", received_count=2,
        items=f.ITEMS, by=staff,
    )  # fmt: skip
    assert report.items.count() == 2 and "征求意见采纳情况" in report.title
    pub.publishing_submit(obj=report, by=staff)
    pub.publishing_approve(obj=report, by=reviewer, accept_warnings=True)
    with pytest.raises(ConflictError, match="尚未截止"):
        services.feedback_publish(report=report, by=reviewer)
    services.consultation_close(consultation=c, by=staff, note="提前完成。")
    report = services.feedback_publish(report=report, by=reviewer)
    assert report.status == Status.PUBLISHED
    clock = clocks_for(c).get(rule_key=CONSULTATION_FEEDBACK)
    assert clock.state == "stopped"
    assert last_event("consultation.feedback_publish").actor == reviewer


def test_feedback_items_need_reasons(staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    with pytest.raises(InvalidInputError, match="理由"):
        services.feedback_create(
            consultation=c, title="", summary="s", received_count=1, by=staff,
            items=[services.FeedbackItemData("第一条", "意见", "partly")],
        )  # fmt: skip


def test_only_reviewers_publish_feedback(staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    report = services.feedback_create(
        consultation=c, title="t", summary="s", received_count=0, items=[], by=staff
    )
    with pytest.raises(PermissionDeniedError):
        services.feedback_publish(report=report, by=staff)


def test_meeting_update_records_outcome(staff):
    m = f.meeting(staff=staff, outcome="")
    data = MeetingData(
        title=m.title, held_at=m.held_at, agenda=m.agenda, outcome="通过。"
    )
    m = meeting_update(meeting=m, data=data, by=staff)
    assert m.outcome == "通过。" and m.revision == 2
    assert "outcome" in last_event("meeting.update").changes["fields"]
