"""Sources of the shared kernel: simple content pages (publishing.Page)."""

from __future__ import annotations

import html as html_lib

import nh3
from django.db.models import QuerySet

from gongkai.publishing.choices import Status
from gongkai.publishing.models import Page

from . import registry


def html_text(html: str) -> str:
    """Plain text of sanitised HTML (tags dropped, entities kept as text)."""
    return html_lib.unescape(nh3.clean(html or "", tags=set())).strip()


def page_queryset() -> QuerySet[Page]:
    return Page.objects.filter(status=Status.PUBLISHED)


def page_entry(page: object) -> registry.Entry | None:
    assert isinstance(page, Page)
    if page.status != Status.PUBLISHED:
        return None
    return registry.Entry(
        title=page.title,
        body=html_text(page.body),
        url=page.get_absolute_url(),
        date=page.publish_at.date() if page.publish_at else None,
        visible_from=page.publish_at,
        visible_until=page.unpublish_at,
        extra=page.summary,
    )
