"""Publishing services on content: pre-publication checks, the publication window,
page writes and revisions, and the proactive-disclosure clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
)
from gongkai.publishing import services
from gongkai.publishing.models import Page
from gongkai.publishing.selectors import revision_compare, revisions_of
from gongkai.publishing.tests.factories import PageFactory, SensitiveWordFactory
from gongkai.publishing.tests.support import (
    NOW,
    SHANGHAI,
    D,
    _actions,
    _last,
    _to_approved,
)

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------- pre-publication checks

PII_BODY = "<p>申请人身份证号11010519491231002X，手机13812345678。</p>"


def test_personal_data_blocks_approval_with_exact_spans(
    staff: Any, reviewer: Any
) -> None:
    page = services.page_create(
        title="答复书",
        slug="reply",
        body=PII_BODY,
        department=staff.department,
        by=staff,
        now=NOW,
    )
    services.publishing_submit(obj=page, by=staff, now=NOW)

    with pytest.raises(ConflictError) as excinfo:
        services.publishing_approve(
            obj=page, by=reviewer, accept_warnings=True, now=NOW
        )

    assert excinfo.value.code == "publishing.blocked"
    assert excinfo.value.detail == {
        "personal_data": {
            "body": [
                {
                    "kind": "id_number",
                    "start": 10,
                    "end": 28,
                    "value": "11010519491231002X",
                },
                {"kind": "mobile", "start": 31, "end": 42, "value": "13812345678"},
            ]
        },
        "sensitive_words": {},
    }
    stored = Page.objects.get(pk=page.pk)
    assert stored.body[10:28] == "11010519491231002X"
    assert stored.body[31:42] == "13812345678"
    assert stored.status == "in_review"
    assert "publishing.approve" not in _actions()


def test_personal_data_in_the_title_is_reported_for_the_title(
    staff: Any, reviewer: Any
) -> None:
    page = PageFactory(
        status="in_review",
        title="联系人 13812345678",
        author=staff,
        department=staff.department,
    )

    with pytest.raises(ConflictError) as excinfo:
        services.publishing_approve(obj=page, by=reviewer, now=NOW)

    assert excinfo.value.detail["personal_data"] == {
        "title": [{"kind": "mobile", "start": 4, "end": 15, "value": "13812345678"}]
    }


def test_blocking_word_blocks_even_with_warnings_accepted(
    staff: Any, reviewer: Any
) -> None:
    SensitiveWordFactory(word="内部资料", level="block")
    page = PageFactory(
        status="in_review",
        body="<p>本文为内部资料。</p>",
        author=staff,
        department=staff.department,
    )

    with pytest.raises(ConflictError) as excinfo:
        services.publishing_approve(
            obj=page, by=reviewer, accept_warnings=True, now=NOW
        )

    assert excinfo.value.code == "publishing.blocked"
    assert excinfo.value.detail == {
        "personal_data": {},
        "sensitive_words": {
            "body": [{"word": "内部资料", "start": 6, "end": 10, "level": "block"}]
        },
    }
    assert Page.objects.get(pk=page.pk).status == "in_review"


def test_warning_word_needs_explicit_acceptance(staff: Any, reviewer: Any) -> None:
    SensitiveWordFactory(word="最好", level="warn")
    page = PageFactory(
        status="in_review",
        body="<p>全省最好的服务。</p>",
        author=staff,
        department=staff.department,
    )

    with pytest.raises(ConflictError) as excinfo:
        services.publishing_approve(obj=page, by=reviewer, now=NOW)
    assert excinfo.value.code == "publishing.warnings"
    assert excinfo.value.detail["sensitive_words"] == {
        "body": [{"word": "最好", "start": 5, "end": 7, "level": "warn"}]
    }
    assert Page.objects.get(pk=page.pk).status == "in_review"

    approved = services.publishing_approve(
        obj=page, by=reviewer, accept_warnings=True, now=NOW
    )

    assert approved.status == "approved"
    changes = _last("publishing.approve").changes
    assert changes["warnings_accepted"] is True
    assert changes["checks"]["sensitive_words"] == {
        "body": [{"word": "最好", "start": 5, "end": 7, "level": "warn"}]
    }


# ---------------------------------------------------------------- visibility


def test_scheduled_window_is_applied_at_request_time(
    draft: Page, staff: Any, reviewer: Any
) -> None:
    _to_approved(draft, staff, reviewer)
    start = NOW + dt.timedelta(days=2)
    end = start + dt.timedelta(days=5)
    tick = dt.timedelta(microseconds=1)

    page = services.publishing_publish(
        obj=draft, by=reviewer, publish_at=start, unpublish_at=end, now=NOW
    )

    assert (page.status, page.publish_at, page.unpublish_at) == (
        "published",
        start,
        end,
    )
    for moment, visible in [
        (NOW, False),
        (start - tick, False),
        (start, True),
        (end - tick, True),
        (end, False),
        (end + dt.timedelta(days=365), False),
    ]:
        assert page.is_visible(moment) is visible, moment
        assert Page.objects.visible(moment).filter(pk=page.pk).exists() is visible, (
            moment
        )


def test_publish_without_a_window_is_visible_from_now_on(
    draft: Page, staff: Any, reviewer: Any
) -> None:
    _to_approved(draft, staff, reviewer)

    page = services.publishing_publish(obj=draft, by=reviewer, now=NOW)

    assert (page.publish_at, page.unpublish_at) == (NOW, None)
    assert list(Page.objects.visible(NOW)) == [page]
    assert list(Page.objects.visible(NOW - dt.timedelta(seconds=1))) == []


@pytest.mark.parametrize("gap", [dt.timedelta(0), dt.timedelta(hours=-1)])
def test_empty_window_is_refused(
    draft: Page, staff: Any, reviewer: Any, gap: dt.timedelta
) -> None:
    _to_approved(draft, staff, reviewer)
    start = NOW + dt.timedelta(days=1)

    with pytest.raises(InvalidInputError) as excinfo:
        services.publishing_publish(
            obj=draft, by=reviewer, publish_at=start, unpublish_at=start + gap, now=NOW
        )

    assert excinfo.value.code == "publishing.window"
    stored = Page.objects.get(pk=draft.pk)
    assert (stored.status, stored.publish_at) == ("approved", None)


def test_withdraw_hides_the_page_and_keeps_the_reason(
    draft: Page, staff: Any, reviewer: Any
) -> None:
    _to_approved(draft, staff, reviewer)
    services.publishing_publish(obj=draft, by=reviewer, now=NOW)
    later = NOW + dt.timedelta(hours=3)

    page = services.publishing_withdraw(
        obj=draft, by=reviewer, reason=" 信息有误 ", now=later
    )

    stored = Page.objects.get(pk=page.pk)
    assert (stored.status, stored.withdrawn_at, stored.withdraw_reason) == (
        "withdrawn",
        later,
        "信息有误",
    )
    assert stored.is_visible(later) is False
    assert Page.objects.visible(later).count() == 0


# ---------------------------------------------------------------- page writes


def test_page_create_makes_a_draft_with_revision_one(draft: Page, staff: Any) -> None:
    stored = Page.objects.get(pk=draft.pk)

    assert (stored.status, stored.revision, stored.author, stored.department) == (
        "draft",
        1,
        staff,
        staff.department,
    )
    revision = revisions_of(stored).get()
    assert (revision.number, revision.author, revision.created_at) == (1, staff, NOW)
    assert revision.data == {
        "title": "2026年政务公开工作要点",
        "summary": "年度要点",
        "body": "<p>推进决策公开。</p>",
    }


def test_page_create_refuses_a_taken_slug(draft: Page, staff: Any) -> None:
    with pytest.raises(InvalidInputError) as excinfo:
        services.page_create(
            title="另一页",
            slug="key-points-2026",
            body="",
            department=staff.department,
            by=staff,
            now=NOW,
        )

    assert excinfo.value.code == "page.slug_taken"
    assert Page.objects.count() == 1


def test_page_create_strips_and_sanitises(staff: Any) -> None:
    page = services.page_create(
        title="  标题  ",
        slug="clean",
        summary=" 概述 ",
        body=(
            "<p>正文</p><script>alert(1)</script>"
            '<a href="javascript:alert(1)" onclick="x()">链接</a>'
            '<img src=x onerror=alert(1)><b style="color:red">粗</b>'
        ),
        department=staff.department,
        by=staff,
        now=NOW,
    )

    stored = Page.objects.get(pk=page.pk)
    assert (stored.title, stored.summary) == ("标题", "概述")
    assert (
        stored.body
        == '<p>正文</p><a rel="noopener noreferrer">链接</a><img src="x"><b>粗</b>'
    )


def test_page_update_sanitises_too(draft: Page, staff: Any) -> None:
    services.page_update(
        page=draft,
        title="t",
        body="<p>a</p><script>document.cookie</script>",
        by=staff,
        now=NOW,
    )

    assert Page.objects.get(pk=draft.pk).body == "<p>a</p>"


def test_page_update_keeps_a_revision_and_compare_shows_the_change(
    draft: Page, staff: Any
) -> None:
    updated = services.page_update(
        page=draft,
        title="2026年政务公开工作要点（修订）",
        summary="年度要点",
        body="<p>推进决策公开。</p>",
        by=staff,
        now=NOW + dt.timedelta(hours=1),
    )

    assert (updated.revision, Page.objects.get(pk=draft.pk).revision) == (2, 2)
    newer, older = list(revisions_of(draft))
    assert (older.number, newer.number) == (1, 2)
    assert revision_compare(older, newer) == {
        "title": [
            "--- 第1版",
            "+++ 第2版",
            "@@ -1 +1 @@",
            "-2026年政务公开工作要点",
            "+2026年政务公开工作要点（修订）",
        ]
    }
    assert _last("page.update").changes == {"changed": ["title"]}


def test_each_update_increments_the_revision(draft: Page, staff: Any) -> None:
    for n in range(3):
        services.page_update(
            page=draft, title=f"第{n}稿", body="<p>x</p>", by=staff, now=NOW
        )

    assert Page.objects.get(pk=draft.pk).revision == 4
    assert list(revisions_of(draft).values_list("number", flat=True)) == [4, 3, 2, 1]
    assert _last("page.update").changes == {"changed": ["title"]}


@pytest.mark.parametrize("status", ["in_review", "approved", "published", "withdrawn"])
def test_page_update_is_refused_unless_draft(status: str, staff: Any) -> None:
    page = PageFactory(
        status=status, author=staff, department=staff.department, title="原标题"
    )

    with pytest.raises(ConflictError) as excinfo:
        services.page_update(page=page, title="新标题", body="", by=staff, now=NOW)

    assert excinfo.value.code == "publishing.not_draft"
    stored = Page.objects.get(pk=page.pk)
    assert (stored.title, stored.revision) == ("原标题", 0)
    assert revisions_of(page).count() == 0
    assert _actions() == []


# ---------------------------------------------------------------- proactive clock


def _formed_page(staff: Any, formed_on: D, now: dt.datetime) -> Page:
    return services.page_create(
        title="质量抽查结果",
        slug=f"result-{formed_on}",
        body="<p>抽查结果。</p>",
        department=staff.department,
        by=staff,
        formed_on=formed_on,
        now=now,
    )


def test_page_with_formed_on_starts_the_proactive_clock(staff: Any) -> None:
    page = _formed_page(staff, D(2026, 2, 10), NOW)

    clock = clocks_for(page).get()
    assert (clock.rule_key, clock.state, clock.department, clock.subject) == (
        "proactive.publish",
        "running",
        staff.department,
        page,
    )
    # 条例 第二十六条: 20 working days from 2026-02-10 → 2026-03-16.
    assert clock.due_at == dt.datetime(2026, 3, 17, 0, 0, tzinfo=SHANGHAI)
    assert clock.events.get().kind == "formed"
    assert clock.title == "主动公开：质量抽查结果"


def test_page_without_formed_on_has_no_clock(draft: Page) -> None:
    assert clocks_for(draft).count() == 0
    assert Clock.objects.count() == 0


def test_page_formed_today_early_in_the_morning_gets_a_clock(staff: Any) -> None:
    early = dt.datetime(2026, 3, 2, 7, 30, tzinfo=SHANGHAI)

    page = _formed_page(staff, D(2026, 3, 2), early)

    clock = clocks_for(page).get()
    assert clock.due_at == dt.datetime(2026, 3, 31, 0, 0, tzinfo=SHANGHAI)


def test_page_formed_in_the_future_is_refused(staff: Any) -> None:
    with pytest.raises(InvalidInputError) as excinfo:
        _formed_page(staff, D(2026, 3, 3), NOW)

    assert excinfo.value.code == "page.formed_on_future"
    assert Page.objects.count() == 0
    assert Clock.objects.count() == 0


@pytest.mark.parametrize(
    ("formed_on", "published", "late"),
    [
        (D(2026, 2, 10), NOW, False),
        (D(2026, 2, 10), dt.datetime(2026, 3, 16, 23, 59, tzinfo=SHANGHAI), False),
        (D(2026, 2, 10), dt.datetime(2026, 3, 17, 0, 0, tzinfo=SHANGHAI), True),
        (D(2026, 1, 5), NOW, True),  # due 2026-02-02
    ],
)
def test_publishing_stops_the_proactive_clock(
    staff: Any, reviewer: Any, formed_on: D, published: dt.datetime, late: bool
) -> None:
    page = _formed_page(staff, formed_on, min(NOW, published))
    _to_approved(page, staff, reviewer)

    services.publishing_publish(obj=page, by=reviewer, now=published)

    clock = clocks_for(page).get()
    assert (clock.state, clock.stopped_at, clock.stopped_late) == (
        "stopped",
        published,
        late,
    )
    assert [e.kind for e in clock.events.all()] == ["formed", "published"]
    assert _last("clock.event").changes["kind"] == "published"


def test_scheduled_publication_stops_the_clock_at_publish_at(
    staff: Any, reviewer: Any
) -> None:
    page = _formed_page(staff, D(2026, 2, 10), NOW)
    _to_approved(page, staff, reviewer)
    go_live = dt.datetime(2026, 3, 20, 9, 0, tzinfo=SHANGHAI)  # after the due date

    services.publishing_publish(obj=page, by=reviewer, publish_at=go_live, now=NOW)

    clock = clocks_for(page).get()
    assert (clock.state, clock.stopped_at, clock.stopped_late) == (
        "stopped",
        go_live,
        True,
    )


def test_republishing_does_not_touch_a_stopped_clock(staff: Any, reviewer: Any) -> None:
    page = _formed_page(staff, D(2026, 2, 10), NOW)
    _to_approved(page, staff, reviewer)
    services.publishing_publish(obj=page, by=reviewer, now=NOW)
    services.publishing_withdraw(obj=page, by=reviewer, reason="更正", now=NOW)
    services.publishing_reopen(obj=page, by=staff, now=NOW)
    _to_approved(page, staff, reviewer)

    later = NOW + dt.timedelta(days=30)
    services.publishing_publish(obj=page, by=reviewer, now=later)

    clock = clocks_for(page).get()
    assert (clock.state, clock.stopped_at, clock.stopped_late) == (
        "stopped",
        NOW,
        False,
    )
    assert clock.events.count() == 2
