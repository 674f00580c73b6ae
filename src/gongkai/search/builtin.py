"""Sources of the shared kernel: simple content pages (publishing.Page)."""

from __future__ import annotations

import nh3
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.choices import Status

from . import registry


def html_text(html: str) -> str:
    """Plain text of sanitised HTML (tags dropped, entities kept as text)."""
    import html as html_lib

    return html_lib.unescape(nh3.clean(html or "", tags=set())).strip()


def page_entry(page: object) -> registry.Entry | None:
    from gongkai.publishing.models import Page

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


def register_pages() -> None:
    from gongkai.publishing.models import Page

    registry.register(
        Page,
        label=_("网页"),
        queryset=lambda: Page.objects.filter(status=Status.PUBLISHED),
        entry=page_entry,
    )
