"""Publishing reads: review queue, revisions, public pages, staff scoping, visibility."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.publishing import services
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Page
from gongkai.publishing.rules import is_visible
from gongkai.publishing.selectors import (
    page_get_public,
    page_list_public,
    page_visible_to_staff,
    review_queue,
    revision_compare,
    revisions_of,
)
from gongkai.publishing.tests.factories import PageFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)

pytestmark = pytest.mark.django_db


def test_review_queue_lists_pages_in_review_oldest_first(staff: Any) -> None:
    dept = staff.department
    with time_machine.travel(NOW, tick=False):
        second = PageFactory(
            status="draft", department=dept, author=staff, title="后提交"
        )
        first = PageFactory(
            status="draft", department=dept, author=staff, title="先提交"
        )
        PageFactory(status="approved", department=dept, author=staff)
        PageFactory(status="draft", department=dept, author=staff)
    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
        services.publishing_submit(obj=first, by=staff)
    with time_machine.travel(NOW + dt.timedelta(minutes=2), tick=False):
        services.publishing_submit(obj=second, by=staff)

    assert [p.title for p in review_queue()] == ["先提交", "后提交"]


def test_review_queue_is_empty_without_submissions() -> None:
    PageFactory(status="draft")

    assert review_queue() == []


def test_revisions_of_a_page_newest_first_and_only_its_own(staff: Any) -> None:
    one = services.page_create(
        title="一", slug="one", body="", department=staff.department, by=staff, now=NOW
    )
    two = services.page_create(
        title="二", slug="two", body="", department=staff.department, by=staff, now=NOW
    )
    services.page_update(page=one, title="一（改）", body="", by=staff, now=NOW)

    assert [(r.number, r.data["title"]) for r in revisions_of(one)] == [
        (2, "一（改）"),
        (1, "一"),
    ]
    assert [r.number for r in revisions_of(two)] == [1]


def test_revision_compare_shows_only_changed_fields_line_by_line(staff: Any) -> None:
    page = services.page_create(
        title="指南",
        slug="guide",
        summary="概述",
        body="<p>第一段</p>\n<p>第二段</p>\n<p>第三段</p>",
        department=staff.department,
        by=staff,
        now=NOW,
    )
    services.page_update(
        page=page,
        title="指南",
        summary="概述",
        body="<p>第一段</p>\n<p>第二段（修改）</p>\n<p>第三段</p>",
        by=staff,
        now=NOW,
    )
    newer, older = list(revisions_of(page))

    assert revision_compare(older, newer) == {
        "body": [
            "--- 第1版",
            "+++ 第2版",
            "@@ -1,3 +1,3 @@",
            " <p>第一段</p>",
            "-<p>第二段</p>",
            "+<p>第二段（修改）</p>",
            " <p>第三段</p>",
        ]
    }
    assert revision_compare(older, older) == {}


def test_public_pages_at_a_moment(staff: Any) -> None:
    dept = staff.department
    live = PageFactory(
        status="published",
        slug="live",
        publish_at=NOW - dt.timedelta(days=1),
        department=dept,
        author=staff,
    )
    PageFactory(
        status="published",
        slug="later",
        publish_at=NOW + dt.timedelta(days=1),
        department=dept,
        author=staff,
    )
    PageFactory(
        status="published",
        slug="ended",
        publish_at=NOW - dt.timedelta(days=9),
        unpublish_at=NOW,
        department=dept,
        author=staff,
    )
    PageFactory(
        status="withdrawn",
        slug="gone",
        publish_at=NOW - dt.timedelta(days=9),
        department=dept,
        author=staff,
    )
    PageFactory(status="approved", slug="waiting", department=dept, author=staff)

    assert [p.slug for p in page_list_public(now=NOW)] == ["live"]
    assert page_get_public(slug="live", now=NOW) == live
    for slug in ["later", "ended", "gone", "waiting", "missing"]:
        assert page_get_public(slug=slug, now=NOW) is None
    assert page_get_public(slug="later", now=NOW + dt.timedelta(days=1)).slug == "later"


def test_staff_see_their_departments_pages_and_the_office_sees_all(
    staff: Any, other_staff: Any, reviewer: Any, auditor: Any, admin_user: Any
) -> None:
    mine = PageFactory(department=staff.department, author=staff, slug="mine")
    theirs = PageFactory(
        department=other_staff.department, author=other_staff, slug="theirs"
    )

    assert list(page_visible_to_staff(staff)) == [mine]
    assert list(page_visible_to_staff(other_staff)) == [theirs]
    for user in (reviewer, auditor, admin_user):
        assert set(page_visible_to_staff(user)) == {mine, theirs}


MOMENTS = [
    NOW - dt.timedelta(days=1),
    NOW - dt.timedelta(microseconds=1),
    NOW,
    NOW + dt.timedelta(days=1),
    NOW + dt.timedelta(days=2),
    NOW + dt.timedelta(days=3),
]
WINDOWS = [
    (None, None),
    (NOW, None),
    (NOW, NOW + dt.timedelta(days=2)),
    (NOW + dt.timedelta(days=1), NOW + dt.timedelta(days=2)),
    (None, NOW + dt.timedelta(days=2)),
]


@pytest.mark.parametrize("status", Status.values)
def test_queryset_visible_agrees_with_is_visible(status: str, staff: Any) -> None:
    pages = [
        PageFactory(
            status=status,
            publish_at=start,
            unpublish_at=end,
            department=staff.department,
            author=staff,
        )
        for start, end in WINDOWS
    ]

    for moment in MOMENTS:
        in_db = set(Page.objects.visible(moment).values_list("pk", flat=True))
        by_rule = {
            p.pk
            for p in pages
            if is_visible(
                status=p.status,
                publish_at=p.publish_at,
                unpublish_at=p.unpublish_at,
                now=moment,
            )
        }
        assert in_db == by_rule == {p.pk for p in pages if p.is_visible(moment)}, moment
    if status != "published":
        assert not Page.objects.visible(NOW + dt.timedelta(days=1)).exists()


def test_is_visible_table() -> None:
    start, end = NOW, NOW + dt.timedelta(days=2)

    assert is_visible(status="published", publish_at=start, unpublish_at=end, now=NOW)
    assert not is_visible(
        status="published", publish_at=start, unpublish_at=end, now=end
    )
    assert not is_visible(
        status="published", publish_at=None, unpublish_at=None, now=NOW
    )
    assert not is_visible(
        status="approved", publish_at=start, unpublish_at=None, now=NOW
    )
    assert is_visible(
        status="published",
        publish_at=start,
        unpublish_at=None,
        now=NOW + dt.timedelta(days=3650),
    )
