"""Lifecycle transitions shared by every public content type, and page writes.

Each transition checks permission, checks the rule (rules.next_status), changes state,
writes an audit event, and keeps the proactive-disclosure clock (条例 第二十六条) in step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import nh3
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.types import Staff
from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import SHANGHAI, clocks_for
from gongkai.clocks.services import clock_event_add, clock_start, clocks_delete_for
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.publishing.audit_actions import PublishingAudit

from .checks import review_checks
from .choices import Action, Status
from .models import Page, Publishable, Revision
from .rules import masked_value, next_status, window_problem

PROACTIVE_CLOCK = "proactive.publish"


def _transition(obj: Publishable, action: str) -> str:
    new = next_status(obj.status, action)
    if new is None:
        raise ConflictError(
            _("“%(status)s”状态下不能%(action)s。")
            % {"status": Status(obj.status).label, "action": Action(action).label},
            code="publishing.transition",
        )
    return new


def _lock(obj: Publishable) -> Publishable:
    locked: Publishable = type(obj).objects.select_for_update().get(pk=obj.pk)
    return locked


def revision_save(
    *, obj: Publishable, by: Staff, now: dt.datetime | None = None
) -> Revision:
    """Snapshot the reviewed fields as the next revision of ``obj``."""
    now = now or timezone.now()
    obj.revision += 1
    type(obj).objects.filter(pk=obj.pk).update(revision=obj.revision)
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        number=obj.revision,
        data=obj.review_text(),
        author=by,
        created_at=now,
    )


def revisions_record_many(
    *, objs: list[Publishable], by: Staff, now: dt.datetime | None = None
) -> list[Revision]:
    """Snapshot many objects at once as their current ``revision`` number (bulk writes,
    e.g. an import that created them with ``revision=1``)."""
    if not objs:
        return []
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(objs[0])
    return Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            object_id=str(obj.pk),
            number=obj.revision,
            data=obj.review_text(),
            author=by,
            created_at=now,
        )
        for obj in objs
    )


def proactive_clock_start(
    *, obj: Publishable, by: Staff, now: dt.datetime | None = None
) -> None:
    """Start the 20-working-day clock from the day the information was formed (Art. 26)."""
    if (
        obj.formed_on is None
        or clocks_for(obj).filter(rule_key=PROACTIVE_CLOCK).exists()
    ):
        return
    # Day 0 is the date (民法典 第二百零一条); its start keeps the event in the past
    # when the page is written early on the day the information was formed.
    formed_at = dt.datetime.combine(obj.formed_on, dt.time.min, tzinfo=SHANGHAI)
    clock_start(
        subject=obj,
        rule_key=PROACTIVE_CLOCK,
        at=formed_at,
        title=_("主动公开：%s") % obj,
        department=obj.department,
        start_event="formed",
        by=by,
        now=now,
    )


@transaction.atomic
def publishing_submit(
    *, obj: Publishable, by: Staff, now: dt.datetime | None = None
) -> Publishable:
    """Send a draft to the openness office for review."""
    if not can_edit_content(by, obj):
        raise PermissionDeniedError()
    obj = _lock(obj)
    obj.status = _transition(obj, Action.SUBMIT)
    obj.review_note = ""
    obj.save(update_fields=["status", "review_note", "updated_at"])
    audit_record(
        actor=by,
        action=PublishingAudit.SUBMIT,
        obj=obj,
        now=now,
        changes={"status": obj.status, "revision": obj.revision},
    )
    return obj


@transaction.atomic
def publishing_reject(
    *, obj: Publishable, by: Staff, reason: str, now: dt.datetime | None = None
) -> Publishable:
    """Send content back to its author with the reviewer's reason."""
    if not can_review_content(by, obj):
        raise PermissionDeniedError()
    if not reason.strip():
        raise InvalidInputError(
            _("退回时必须填写审核意见。"), code="publishing.reason_required"
        )
    obj = _lock(obj)
    obj.status = _transition(obj, Action.REJECT)
    obj.review_note = reason.strip()[:500]
    obj.save(update_fields=["status", "review_note", "updated_at"])
    audit_record(
        actor=by,
        action=PublishingAudit.REJECT,
        obj=obj,
        now=now,
        changes={"reason": obj.review_note},
    )
    return obj


@transaction.atomic
def publishing_approve(
    *,
    obj: Publishable,
    by: Staff,
    accept_warnings: bool = False,
    now: dt.datetime | None = None,
) -> Publishable:
    """Approve after the checks: personal data and blocking words stop it; warnings need
    the reviewer's explicit acceptance; the reviewer must not be the author."""
    if not can_review_content(by, obj):
        raise PermissionDeniedError()
    obj = _lock(obj)
    new_status = _transition(obj, Action.APPROVE)
    if obj.author_id == by.pk:
        raise PermissionDeniedError(
            _("审核人不能审核自己起草的内容。"), code="publishing.self_review"
        )
    report = review_checks(obj)
    if report.blocks:
        raise ConflictError(
            _("内容含有个人信息或禁用词语，不能通过审核。请修改标出的位置。"),
            code="publishing.blocked",
            detail=report.as_detail(),
        )
    if report.warnings and not accept_warnings:
        raise ConflictError(
            _("内容含有需要确认的敏感词语，请核对后确认。"),
            code="publishing.warnings",
            detail=report.as_detail(),
        )
    now = now or timezone.now()
    obj.status, obj.reviewer, obj.reviewed_at = new_status, by, now
    obj.save(update_fields=["status", "reviewer", "reviewed_at", "updated_at"])
    audit_record(
        actor=by,
        action=PublishingAudit.APPROVE,
        obj=obj,
        now=now,
        changes={
            "revision": obj.revision,
            "warnings_accepted": bool(report.warnings),
            "checks": report.as_detail(),
        },
    )
    return obj


@transaction.atomic
def publishing_publish(
    *,
    obj: Publishable,
    by: Staff,
    publish_at: dt.datetime | None = None,
    unpublish_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Publishable:
    """Publish approved content in the window [publish_at, unpublish_at) (default: now, open)."""
    if not can_review_content(by, obj):
        raise PermissionDeniedError()
    now = now or timezone.now()
    obj = _lock(obj)
    obj.status = _transition(obj, Action.PUBLISH)
    obj.publish_at = publish_at or now
    obj.unpublish_at = unpublish_at
    problem = window_problem(obj.publish_at, obj.unpublish_at)
    if problem:
        raise InvalidInputError(_(problem), code="publishing.window")
    obj.save(update_fields=["status", "publish_at", "unpublish_at", "updated_at"])
    audit_record(
        actor=by,
        action=PublishingAudit.PUBLISH,
        obj=obj,
        now=now,
        changes={"publish_at": obj.publish_at, "unpublish_at": obj.unpublish_at},
    )
    for clock in (
        clocks_for(obj)
        .filter(rule_key=PROACTIVE_CLOCK)
        .exclude(state=CachedState.STOPPED)
    ):
        clock_event_add(
            clock=clock, kind="published", at=obj.publish_at, by=by, now=now
        )
    return obj


@transaction.atomic
def publishing_withdraw(
    *, obj: Publishable, by: Staff, reason: str, now: dt.datetime | None = None
) -> Publishable:
    """Take content off the public site, with the reason recorded."""
    if not can_review_content(by, obj):
        raise PermissionDeniedError()
    if not reason.strip():
        raise InvalidInputError(
            _("撤回时必须填写原因。"), code="publishing.reason_required"
        )
    now = now or timezone.now()
    obj = _lock(obj)
    obj.status = _transition(obj, Action.WITHDRAW)
    obj.withdrawn_at, obj.withdraw_reason = now, reason.strip()[:500]
    obj.save(update_fields=["status", "withdrawn_at", "withdraw_reason", "updated_at"])
    audit_record(
        actor=by,
        action=PublishingAudit.WITHDRAW,
        obj=obj,
        now=now,
        changes={"reason": obj.withdraw_reason},
    )
    return obj


@transaction.atomic
def publishing_reopen(
    *, obj: Publishable, by: Staff, now: dt.datetime | None = None
) -> Publishable:
    """Turn approved or withdrawn content back into a draft for correction."""
    if not can_edit_content(by, obj):
        raise PermissionDeniedError()
    obj = _lock(obj)
    obj.status = _transition(obj, Action.REOPEN)
    obj.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action=PublishingAudit.REOPEN, obj=obj, now=now)
    return obj


def publishing_can_delete(obj: Publishable) -> bool:
    """Only a draft that was never published may be deleted: what the public has
    seen is withdrawn instead, so its record stays."""
    return obj.status == Status.DRAFT and obj.publish_at is None


@transaction.atomic
def publishing_delete(
    *, obj: Publishable, by: Staff, now: dt.datetime | None = None
) -> None:
    """Delete a draft that was never published, with its revisions."""
    if not can_edit_content(by, obj):
        raise PermissionDeniedError()
    obj = _lock(obj)
    if not publishing_can_delete(obj):
        raise ConflictError(
            _("只能删除从未发布过的草稿；已发布的内容请撤回。"),
            code="publishing.transition",
        )
    audit_record(
        actor=by,
        action=PublishingAudit.DELETE,
        obj=obj,
        now=now,
        changes={"title": str(obj), "revision": obj.revision},
    )
    Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).delete()
    clocks_delete_for(subject=obj, by=by, now=now)
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as exc:
        raise ConflictError(
            _("该草稿已被其他内容引用，不能删除。"), code="publishing.protected"
        ) from exc


def clean_html(html: str) -> str:
    """Sanitise rich text (nh3 allow-list)."""
    return nh3.clean(html or "")


@transaction.atomic
def page_create(
    *,
    title: str,
    slug: str,
    body: str,
    department: Any,
    by: Staff,
    summary: str = "",
    formed_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Page:
    """Create a draft page of ``department``."""
    probe = Page(department=department)
    if not can_edit_content(by, probe):
        raise PermissionDeniedError()
    if Page.objects.filter(slug=slug).exists():
        raise InvalidInputError(
            _("网址名“%s”已被使用。") % slug, code="page.slug_taken"
        )
    today = (now or timezone.now()).astimezone(SHANGHAI).date()
    if formed_on is not None and formed_on > today:
        raise InvalidInputError(
            _("信息形成日期不能晚于今天。"), code="page.formed_on_future"
        )
    page = Page.objects.create(
        title=title.strip(),
        slug=slug,
        summary=summary.strip(),
        body=clean_html(body),
        department=department,
        author=by,
        formed_on=formed_on,
    )
    revision_save(obj=page, by=by, now=now)
    audit_record(
        actor=by,
        action=PublishingAudit.PAGE_CREATE,
        obj=page,
        now=now,
        changes={"title": page.title},
    )
    proactive_clock_start(obj=page, by=by, now=now)
    return page


@transaction.atomic
def page_update(
    *,
    page: Page,
    title: str,
    body: str,
    by: Staff,
    summary: str = "",
    now: dt.datetime | None = None,
) -> Page:
    """Change a draft page; a new revision is kept."""
    if not can_edit_content(by, page):
        raise PermissionDeniedError()
    page = _lock(page)  # type: ignore[assignment]
    if page.status != Status.DRAFT:
        raise ConflictError(
            _("只有草稿可以修改；已发布内容请先撤回再重新编辑。"),
            code="publishing.not_draft",
        )
    before = page.review_text()
    page.title, page.summary, page.body = (
        title.strip(),
        summary.strip(),
        clean_html(body),
    )
    page.save(update_fields=["title", "summary", "body", "updated_at"])
    revision_save(obj=page, by=by, now=now)
    audit_record(
        actor=by,
        action=PublishingAudit.PAGE_UPDATE,
        obj=page,
        now=now,
        changes={
            "changed": [k for k, v in page.review_text().items() if before[k] != v]
        },
    )
    return page


@transaction.atomic
def publishing_mask(
    *,
    obj: Publishable,
    field: str,
    start: int,
    end: int,
    expected: str,
    kind: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Publishable:
    """Mask one hit of the pre-publication checks in place (rules.masked_value), as
    the review page offers it: a draft or an item in review, a reviewed field, the
    span still holding ``expected`` (else the text changed since the page was shown).
    A new revision is kept; the audit event names the field and span, never the
    masked value."""
    if not (can_edit_content(by, obj) or can_review_content(by, obj)):
        raise PermissionDeniedError()
    obj = _lock(obj)
    if obj.status not in (Status.DRAFT, Status.IN_REVIEW):
        raise ConflictError(
            _("只有草稿和待审核的内容可以遮蔽。"), code="publishing.not_editable"
        )
    if field not in obj.review_fields:
        raise InvalidInputError(_("该字段不在审核范围内。"), code="publishing.field")
    text = str(getattr(obj, field) or "")
    if not (0 <= start < end <= len(text)) or text[start:end] != expected:
        raise ConflictError(
            _("内容已经变化，请刷新页面后重试。"), code="publishing.stale_hit"
        )
    now = now or timezone.now()
    masked = masked_value(kind, expected)
    setattr(obj, field, text[:start] + masked + text[end:])
    obj.save(update_fields=[field, "updated_at"])
    revision_save(obj=obj, by=by, now=now)
    audit_record(
        actor=by,
        action=PublishingAudit.MASK,
        obj=obj,
        now=now,
        changes={"field": field, "start": start, "end": end, "kind": kind},
    )
    return obj
