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
