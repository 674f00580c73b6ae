"""Reads of consultations, their comments, feedback reports and open meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from gongkai.accounts.choices import Role

from ..choices import CommentStatus
from ..models import (
    ConsultationComment,
    FeedbackReport,
    OpenMeeting,
    PublicConsultation,
)

OFFICE = (Role.REVIEWER, Role.ADMIN, Role.AUDITOR)


def consultation_list_public(
    *, now: dt.datetime, phase: str = ""
) -> QuerySet[PublicConsultation]:
    """Published consultations with their comment counts, newest first; ``phase``
    ``open`` or ``closed`` filters (an early close counts as closed)."""
    qs = PublicConsultation.objects.visible(now).annotate(
        received=Count("comments"),
        shown=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)),
    )
    ended = Q(close_at__lte=now) | Q(closed_at__lte=now)
    if phase == "open":
        qs = qs.filter(open_at__lte=now).exclude(ended)
    elif phase == "closed":
        qs = qs.filter(ended)
    result: QuerySet[PublicConsultation] = qs.select_related("feedback").order_by(
        "-open_at", "-id"
    )
    return result


def consultation_list_shareable(*, now: dt.datetime) -> QuerySet[PublicConsultation]:
    """Published consultations not open for comment now (not yet open, or closed):
    their pages carry no comment form, so one file serves every visitor."""
    ended = Q(close_at__lte=now) | Q(closed_at__lte=now)
    qs: QuerySet[PublicConsultation] = PublicConsultation.objects.visible(now)
    return qs.filter(Q(open_at__gt=now) | ended)


def consultation_get_public(*, pk: int, now: dt.datetime) -> PublicConsultation | None:
    """A consultation visible to the public now, or None."""
    found: PublicConsultation | None = (
        PublicConsultation.objects.visible(now).filter(pk=pk).first()
    )
    return found


def comments_public(
    consultation: PublicConsultation,
) -> QuerySet[ConsultationComment]:
    """Approved comments, shown only when the consultation publishes its comments."""
    if not consultation.publish_comments:
        return ConsultationComment.objects.none()
    return consultation.comments.filter(status=CommentStatus.APPROVED)


def feedback_public(
    consultation: PublicConsultation, *, now: dt.datetime
) -> FeedbackReport | None:
    """The consultation's feedback report when it is public now."""
    report = FeedbackReport.objects.filter(consultation=consultation).first()
    return report if report is not None and report.is_visible(now) else None


def feedback_get_public(*, pk: int, now: dt.datetime) -> FeedbackReport | None:
    found: FeedbackReport | None = (
        FeedbackReport.objects.visible(now)
        .select_related("consultation")
        .filter(pk=pk)
        .first()
    )
    return found


def meeting_list_public(*, now: dt.datetime) -> QuerySet[OpenMeeting]:
    qs: QuerySet[OpenMeeting] = OpenMeeting.objects.visible(now).order_by(
        "-held_at", "-id"
    )
    return qs


def meeting_get_public(*, pk: int, now: dt.datetime) -> OpenMeeting | None:
    found: OpenMeeting | None = OpenMeeting.objects.visible(now).filter(pk=pk).first()
    return found


def _by_department(qs: QuerySet[Any], user: Any) -> QuerySet[Any]:
    if getattr(user, "role", None) in OFFICE:
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(department_id=department_id)


def consultation_visible_to_staff(user: Any) -> QuerySet[PublicConsultation]:
    """Staff see their department's consultations; the office all."""
    return _by_department(
        PublicConsultation.objects.select_related("department", "author"), user
    )


def feedback_visible_to_staff(user: Any) -> QuerySet[FeedbackReport]:
    return _by_department(
        FeedbackReport.objects.select_related("consultation", "department"), user
    )


def meeting_visible_to_staff(user: Any) -> QuerySet[OpenMeeting]:
    return _by_department(OpenMeeting.objects.select_related("department"), user)
