"""Small builders shared by the endpoint tests of portal, workbench and api.

Pages are made through ``publishing.services`` so they carry revisions, audit events
and clocks as real ones do; ``pages_bulk`` skips the services where a list test only
needs many visible rows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

CJK = re.compile(r"[\u4e00-\u9fff]")


def draft_page(
    *,
    author: Any,
    slug: str = "guide",
    title: str = "政府信息公开指南",
    body: str = "<p>主动公开的政府信息通过本网站发布。</p>",
    formed_on: dt.date | None = None,
) -> Any:
    from gongkai.publishing import services as pub

    return pub.page_create(
        title=title,
        slug=slug,
        summary="公开指南概述",
        body=body,
        department=author.department,
        by=author,
        formed_on=formed_on,
    )


def published_page(
    *, author: Any, reviewer: Any, slug: str = "guide", **kw: Any
) -> Any:
    from gongkai.publishing import services as pub

    page = draft_page(author=author, slug=slug, **kw)
    pub.publishing_submit(obj=page, by=author)
    pub.publishing_approve(obj=page, by=reviewer)
    return pub.publishing_publish(obj=page, by=reviewer)


def pages_bulk(*, author: Any, n: int, status: str = "published") -> list[Any]:
    from gongkai.publishing.models import Page

    now = timezone.now()
    return Page.objects.bulk_create(
        Page(
            title=f"公开信息{i}",
            slug=f"item-{i}",
            summary=f"概述{i}",
            body="<p>正文</p>",
            department=author.department,
            author=author,
            status=status,
            publish_at=now - dt.timedelta(minutes=i + 1),
        )
        for i in range(n)
    )


def overdue_clock_page(*, author: Any, slug: str = "late") -> Any:
    """A draft whose proactive-disclosure clock (20 working days) ran out long ago."""
    page = draft_page(
        author=author,
        slug=slug,
        title=f"逾期事项{slug}",
        formed_on=timezone.localdate() - dt.timedelta(days=90),
    )
    from gongkai.clocks.selectors import clocks_for

    return page, clocks_for(page).get()
