"""Writes of consultations on drafts (征求意见): create, change, comment, moderate,
close, and the feedback report (RULES.md §10; rules in ``consultation_rules``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Department
from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.types import Staff
from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import clocks_for
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status

from .. import consultation_rules as cr
from ..audit_actions import ConsultationsAudit
from ..choices import CommentStatus
from ..clock_rules import CONSULTATION_FEEDBACK
from ..consultation_input import (
    ConsultationData,
    FeedbackItemData,
    consultation_problems,
    consultation_values,
    item_problems,
)
from ..models import (
    ConsultationComment,
    FeedbackItem,
    FeedbackReport,
    PublicConsultation,
)

__all__ = [
    "ConsultationData",
    "FeedbackItemData",
    "comment_moderate",
    "comment_submit",
    "consultation_close",
    "consultation_create",
    "consultation_final_document_set",
    "consultation_problems",
    "consultation_update",
    "consultations_close_due",
    "feedback_create",
    "feedback_publish",
    "feedback_update",
]


def _invalid(problems: list[dict[str, str]]) -> InvalidInputError:
    return InvalidInputError(problems[0]["message"], detail=problems)


@transaction.atomic
def consultation_create(
    *,
    data: ConsultationData,
    department: Department,
    by: Staff,
    now: dt.datetime | None = None,
) -> PublicConsultation:
    """Create a draft consultation (refused when its period or draft is unlawful)."""
    now = now or timezone.now()
    if not can_edit_content(by, PublicConsultation(department=department)):
        raise PermissionDeniedError()
    problems = consultation_problems(data)
    if problems:
        raise _invalid(problems)
    consultation = PublicConsultation(
        **consultation_values(data), department=department, author=by
    )
    if data.draft_file is not None:
        consultation.draft_file = data.draft_file
    consultation.save()
    pub.revision_save(obj=consultation, by=by, now=now)
    audit_record(
        actor=by,
        action=ConsultationsAudit.CREATE,
        obj=consultation,
        now=now,
        changes={"open_at": data.open_at, "close_at": data.close_at},
    )
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: PublicConsultation,
    data: ConsultationData,
    by: Staff,
    now: dt.datetime | None = None,
) -> PublicConsultation:
    """Change a draft consultation; a new revision is kept."""
    now = now or timezone.now()
    if not can_edit_content(by, consultation):
        raise PermissionDeniedError()
    consultation = PublicConsultation.objects.select_for_update().get(
        pk=consultation.pk
    )
    if consultation.status != Status.DRAFT:
        raise ConflictError(
            _("只有草稿可以修改；已发布的请先撤回。"), code="publishing.not_draft"
        )
    problems = consultation_problems(data, has_file=bool(consultation.draft_file))
    if problems:
        raise _invalid(problems)
    values = consultation_values(data)
    changed = [k for k, v in values.items() if getattr(consultation, k) != v]
    for key, value in values.items():
        setattr(consultation, key, value)
    if data.draft_file is not None:
        consultation.draft_file = data.draft_file
        changed.append("draft_file")
    consultation.save()
    pub.revision_save(obj=consultation, by=by, now=now)
    audit_record(
        actor=by,
        action=ConsultationsAudit.UPDATE,
        obj=consultation,
        now=now,
        changes={"fields": changed},
    )
    return consultation


def _feedback_clock_started(consultation: PublicConsultation) -> bool:
    return clocks_for(consultation).filter(rule_key=CONSULTATION_FEEDBACK).exists()


def _start_feedback_clock(
    consultation: PublicConsultation, *, by: Staff | None, now: dt.datetime
) -> None:
    clock_start(
        subject=consultation,
        rule_key=CONSULTATION_FEEDBACK,
        at=consultation.ends_at,
        title=_("意见采纳情况反馈：%s") % consultation.title,
        department=consultation.department,
        start_event="consultation_closed",
        by=by,
        now=now,
    )


@transaction.atomic
def consultation_close(
    *,
    consultation: PublicConsultation,
    by: Staff,
    note: str = "",
    now: dt.datetime | None = None,
) -> PublicConsultation:
    """Record the end of the consultation (before its announced end only with a
    reason, shown publicly) and start the feedback report's clock."""
    now = now or timezone.now()
    if not can_edit_content(by, consultation):
        raise PermissionDeniedError()
    consultation = PublicConsultation.objects.select_for_update().get(
        pk=consultation.pk
    )
    if consultation.status != Status.PUBLISHED:
        raise ConflictError(
            _("只有已发布的征求意见可以截止。"), code="consultation.not_published"
        )
    if _feedback_clock_started(consultation):
        raise ConflictError(
            _("本次征求意见已经截止。"), code="consultation.already_closed"
        )
    if now < consultation.open_at:
        raise ConflictError(
            _("征求意见尚未开始，不能截止。"), code="consultation.not_open"
        )
    if now < consultation.close_at:
        if not note.strip():
            raise InvalidInputError(
                _("在公布的截止时间之前结束征求意见，须说明理由（将向社会公开）。"),
                code="consultation.close_reason",
                detail=[{"field": "note", "message": _("请说明提前截止的理由。")}],
            )
        consultation.closed_at = now
        consultation.close_note = note.strip()[:500]
        consultation.save(update_fields=["closed_at", "close_note", "updated_at"])
    _start_feedback_clock(consultation, by=by, now=now)
    audit_record(
        actor=by,
        action=ConsultationsAudit.CLOSE,
        obj=consultation,
        now=now,
        changes={"ends_at": consultation.ends_at, "note": consultation.close_note},
    )
    return consultation


@transaction.atomic
def consultations_close_due(*, now: dt.datetime | None = None) -> int:
    """Start the feedback clock of every published consultation whose period has
    ended (run by ``gongkai participation close-due``); returns how many."""
    now = now or timezone.now()
    count = 0
    due = PublicConsultation.objects.filter(
        status=Status.PUBLISHED, close_at__lte=now
    ).select_for_update()
    for consultation in due:
        if _feedback_clock_started(consultation):
            continue
        _start_feedback_clock(consultation, by=None, now=now)
        audit_record(
            actor=None,
            action=ConsultationsAudit.CLOSE,
            obj=consultation,
            now=now,
            changes={"ends_at": consultation.ends_at, "note": ""},
        )
        count += 1
    return count


@transaction.atomic
def consultation_final_document_set(
    *,
    consultation: PublicConsultation,
    url: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> PublicConsultation:
    """Record the link of the document finally adopted (shown on the public page)."""
    now = now or timezone.now()
    if not can_edit_content(by, consultation):
        raise PermissionDeniedError()
    consultation.final_document_url = url.strip()[:500]
    consultation.save(update_fields=["final_document_url", "updated_at"])
    audit_record(
        actor=by,
        action=ConsultationsAudit.FINAL_DOCUMENT,
        obj=consultation,
        now=now,
        changes={"url": consultation.final_document_url},
    )
    return consultation


@transaction.atomic
def comment_submit(
    *,
    consultation: PublicConsultation,
    body: str,
    name: str = "",
    contact: str = "",
    topic: str = "",
    now: dt.datetime | None = None,
) -> ConsultationComment:
    """A comment from the public, while the consultation is open; personal data in
    it is masked for display, the original kept for the staff."""
    now = now or timezone.now()
    if not consultation.is_visible(now) or consultation.phase(now) != cr.OPEN:
        raise ConflictError(
            _("本次征求意见不在意见提交期内，不能提交意见。"),
            code="consultation.not_open",
        )
    if not body.strip():
        raise InvalidInputError(
            _("请填写意见内容。"),
            detail=[{"field": "body", "message": _("请填写意见内容。")}],
        )
    comment = ConsultationComment.objects.create(
        consultation=consultation,
        name=cr.mask_personal_data(name.strip())[:60],
        contact=contact.strip()[:100],
        topic=cr.mask_personal_data(topic.strip())[:100],
        body=body.strip(),
        masked_body=cr.mask_personal_data(body.strip()),
        submitted_at=now,
    )
    audit_record(
        actor=None,
        action=ConsultationsAudit.COMMENT_SUBMIT,
        obj=comment,
        now=now,
        changes={"consultation": consultation.pk, "chars": len(comment.body)},
    )
    return comment


@transaction.atomic
def comment_moderate(
    *,
    comment: ConsultationComment,
    approve: bool,
    by: Staff,
    note: str = "",
    now: dt.datetime | None = None,
) -> ConsultationComment:
    """Approve or reject a comment (approved ones are public when the consultation
    publishes its comments)."""
    now = now or timezone.now()
    if not can_edit_content(by, comment.consultation):
        raise PermissionDeniedError()
    comment = ConsultationComment.objects.select_for_update().get(pk=comment.pk)
    comment.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    comment.moderated_at = now
    comment.moderated_by = by
    comment.moderation_note = note.strip()[:300]
    comment.save()
    audit_record(
        actor=by,
        action=ConsultationsAudit.COMMENT_MODERATE,
        obj=comment,
        now=now,
        changes={"status": comment.status, "note": comment.moderation_note},
    )
    return comment


def _items_save(report: FeedbackReport, items: list[FeedbackItemData]) -> None:
    report.items.all().delete()
    FeedbackItem.objects.bulk_create(
        FeedbackItem(
            report=report,
            topic=i.topic.strip(),
            opinion=i.opinion.strip(),
            count=i.count,
            outcome=i.outcome,
            reason=i.reason.strip(),
            order=n,
        )
        for n, i in enumerate(items)
    )


def _default_title(title: str) -> str:
    quoted = title if title.startswith("《") else f"《{title}》"
    return _("关于%s征求意见采纳情况的说明") % quoted


@transaction.atomic
def feedback_create(
    *,
    consultation: PublicConsultation,
    title: str,
    summary: str,
    received_count: int,
    items: list[FeedbackItemData],
    by: Staff,
    now: dt.datetime | None = None,
) -> FeedbackReport:
    """Draft the feedback report of a consultation (one per consultation)."""
    now = now or timezone.now()
    if not can_edit_content(by, consultation):
        raise PermissionDeniedError()
    if FeedbackReport.objects.filter(consultation=consultation).exists():
        raise ConflictError(
            _("本次征求意见已有采纳情况反馈。"), code="consultation.feedback_exists"
        )
    problems = item_problems(items)
    if problems:
        raise _invalid(problems)
    report = FeedbackReport.objects.create(
        consultation=consultation,
        title=title.strip() or _default_title(consultation.title),
        summary=summary.strip(),
        received_count=received_count,
        department=consultation.department,
        author=by,
    )
    _items_save(report, items)
    pub.revision_save(obj=report, by=by, now=now)
    audit_record(
        actor=by,
        action=ConsultationsAudit.FEEDBACK_CREATE,
        obj=report,
        now=now,
        changes={"consultation": consultation.pk, "items": len(items)},
    )
    return report


@transaction.atomic
def feedback_update(
    *,
    report: FeedbackReport,
    title: str,
    summary: str,
    received_count: int,
    items: list[FeedbackItemData],
    by: Staff,
    now: dt.datetime | None = None,
) -> FeedbackReport:
    """Change a draft feedback report and its items."""
    now = now or timezone.now()
    if not can_edit_content(by, report):
        raise PermissionDeniedError()
    report = FeedbackReport.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.DRAFT:
        raise ConflictError(
            _("只有草稿可以修改；已发布的请先撤回。"), code="publishing.not_draft"
        )
    problems = item_problems(items)
    if problems:
        raise _invalid(problems)
    report.title = title.strip() or report.title
    report.summary = summary.strip()
    report.received_count = received_count
    report.save()
    _items_save(report, items)
    pub.revision_save(obj=report, by=by, now=now)
    audit_record(
        actor=by,
        action=ConsultationsAudit.FEEDBACK_UPDATE,
        obj=report,
        now=now,
        changes={"items": len(items)},
    )
    return report


@transaction.atomic
def feedback_publish(
    *,
    report: FeedbackReport,
    by: Staff,
    publish_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> FeedbackReport:
    """Publish an approved feedback report once the consultation has closed; this
    stops the feedback clock."""
    now = now or timezone.now()
    if not can_review_content(by, report):
        raise PermissionDeniedError()
    consultation = PublicConsultation.objects.get(pk=report.consultation_id)
    if consultation.phase(now) != cr.CLOSED:
        raise ConflictError(
            _("征求意见尚未截止，不能发布采纳情况反馈。"),
            code="consultation.not_closed",
        )
    published = pub.publishing_publish(
        obj=report, by=by, publish_at=publish_at, now=now
    )
    assert isinstance(published, FeedbackReport)
    at = published.publish_at or now
    for clock in (
        clocks_for(consultation)
        .filter(rule_key=CONSULTATION_FEEDBACK)
        .exclude(state=CachedState.STOPPED)
    ):
        clock_event_add(clock=clock, kind="feedback_published", at=at, by=by, now=now)
    audit_record(
        actor=by,
        action=ConsultationsAudit.FEEDBACK_PUBLISH,
        obj=published,
        now=now,
        changes={"publish_at": at, "consultation": consultation.pk},
    )
    return published
