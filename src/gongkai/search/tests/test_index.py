"""The index follows the publishing lifecycle through the registry's signals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.publishing.choices import Status
from gongkai.publishing.services import (
    publishing_approve,
    publishing_publish,
    publishing_submit,
    publishing_withdraw,
)
from gongkai.publishing.tests.factories import PageFactory
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import search_run
from gongkai.search.services import search_reindex

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _titles(query: str, now: dt.datetime = T0) -> list[str]:
    return [h.title for h in search_run(query=query, now=now).hits]


def _publish(page: Any, staff: Any, reviewer: Any, **window: Any) -> Any:
    publishing_submit(obj=page, by=staff, now=T0)
    publishing_approve(obj=page, by=reviewer, now=T0)
    return publishing_publish(obj=page, by=reviewer, now=T0, **window)


def test_page_is_found_after_publish_and_gone_after_withdraw(
    staff: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    page = PageFactory(
        title="政府信息公开指南",
        body="<p>抽查结果依法公开。</p>",
        author=staff,
        department=staff.department,
    )
    with django_capture_on_commit_callbacks(execute=True):
        page.save()
    assert _titles("公开") == []  # a draft is not searchable
    with django_capture_on_commit_callbacks(execute=True):
        _publish(page, staff, reviewer)
    assert _titles("公开") == ["政府信息公开指南"]
    assert _titles("抽查") == ["政府信息公开指南"]
    with django_capture_on_commit_callbacks(execute=True):
        publishing_withdraw(obj=page, by=reviewer, reason="内容过时", now=T0)
    assert _titles("公开") == []
    assert not SearchEntry.objects.exists()


def test_window_is_judged_at_query_time(
    staff: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    page = PageFactory(title="网站声明", author=staff, department=staff.department)
    later = T0 + dt.timedelta(days=2)
    until = T0 + dt.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(page, staff, reviewer, publish_at=later, unpublish_at=until)
    assert _titles("声明", now=T0) == []
    assert _titles("声明", now=later) == ["网站声明"]
    assert _titles("声明", now=until) == []


def test_reindex_rebuilds_and_drops_stale_rows(staff: Any) -> None:
    PageFactory(
        title="年度报告",
        status=Status.PUBLISHED,
        publish_at=T0,
        author=staff,
        department=staff.department,
    )
    PageFactory(
        title="草稿报告", status=Status.DRAFT, author=staff, department=staff.department
    )
    assert search_reindex(now=T0)["publishing.page"] == 1
    assert _titles("报告") == ["年度报告"]
    from gongkai.publishing.models import Page

    Page.objects.update(status=Status.WITHDRAWN)  # no signal: only reindex sees it
    assert _titles("报告") == ["年度报告"]
    search_reindex(now=T0)
    assert _titles("报告") == []
