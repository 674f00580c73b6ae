"""Reads for the lifecycle: review queue, revisions and their comparison, public pages."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from gongkai.accounts.choices import Role

from .choices import Status
from .models import Page, Publishable, Revision
from .registry import kinds


def review_queue() -> list[Publishable]:
    """Everything waiting for review, across every registered content type, oldest first."""
    items: list[Publishable] = []
    for kind in kinds():
        items.extend(
            kind.model.objects.filter(status=Status.IN_REVIEW).select_related(  # type: ignore[attr-defined]
                "department", "author"
            )
        )
    return sorted(items, key=lambda o: o.updated_at)


def revisions_of(obj: Publishable) -> QuerySet[Revision]:
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def revision_compare(old: Revision, new: Revision) -> dict[str, list[str]]:
    """Unified diff per field between two revisions (only fields that changed)."""
    out: dict[str, list[str]] = {}
    for name in sorted(set(old.data) | set(new.data)):
        a, b = str(old.data.get(name, "")), str(new.data.get(name, ""))
        if a != b:
            out[name] = list(
                difflib.unified_diff(
                    a.splitlines(),
                    b.splitlines(),
                    f"第{old.number}版",
                    f"第{new.number}版",
                    lineterm="",
                )
            )
    return out


def page_list_public(*, now: dt.datetime) -> QuerySet[Page]:
    return Page.objects.visible(now).only("title", "slug", "summary", "publish_at")


def page_get_public(*, slug: str, now: dt.datetime) -> Page | None:
    return Page.objects.visible(now).filter(slug=slug).first()


def page_visible_to_staff(user: Any) -> QuerySet[Page]:

    qs = Page.objects.select_related("department", "author")
    if getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return qs
    return qs.filter(department_id=getattr(user, "department_id", None))


def last_approved_revision(obj: Publishable) -> Revision | None:
    """The revision the office last approved (the number recorded by the approval's
    audit event), or None when the item was never approved."""
    from gongkai.common.models import AuditEvent

    event = (
        AuditEvent.objects.filter(
            action="publishing.approve",
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
        )
        .order_by("-seq")
        .first()
    )
    number = (event.changes or {}).get("revision") if event else None
    if not isinstance(number, int):
        return None
    return revisions_of(obj).filter(number=number).first()


def returned_to(user: Any) -> list[Publishable]:
    """Drafts ``user`` wrote that the office sent back (退回) with a note, newest
    first, across every registered content type."""
    items: list[Publishable] = []
    for kind in kinds():
        items.extend(
            kind.model.objects.filter(  # type: ignore[attr-defined]
                author_id=getattr(user, "pk", None), status=Status.DRAFT
            )
            .exclude(review_note="")
            .select_related("department")
        )
    return sorted(items, key=lambda o: o.updated_at, reverse=True)
