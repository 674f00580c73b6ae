"""Real Chromium: the review journey (draft → review with a marked hit → mask →
approve → publish) and the staff shell (axe, no sideways scroll at 360 px on the
documents and FOI lists)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.common.tests.axe import audit
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.foi.tests.support import received
from gongkai.workbench.tests.support import draft_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOBILE = "13912345678"


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def _log_in(tab: Any, url: str, username: str) -> None:
    tab.context.clear_cookies()
    tab.goto(url + "/accounts/login/")
    tab.get_by_label("用户名").fill(username)
    tab.get_by_label("密码").fill("pw-" + username)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{url}/workbench/**")


def _messages(tab: Any) -> str:
    return tab.locator(".messages").inner_text()


def test_draft_review_marked_hit_mask_approve_publish(
    live_server, tab, settings, staff, reviewer
):
    settings.GONGKAI_REQUIRE_OTP = False
    page = draft_page(
        author=staff,
        slug="quality-month",
        title="质量月活动安排",
        body=f"<p>活动联系人电话{MOBILE}，欢迎咨询。</p>",
    )
    url = live_server.url
    _log_in(tab, url, "author")
    tab.goto(f"{url}/workbench/pages/{page.pk}/")
    tab.get_by_role("button", name="提交审核").first.click()
    tab.wait_for_load_state()
    assert f"已提交审核：《{page}》" in _messages(tab)

    _log_in(tab, url, "reviewer")
    tab.goto(url + "/workbench/review/")
    tab.get_by_role("link", name=str(page)).click()
    tab.wait_for_url(f"{url}/workbench/review/publishing.page/{page.pk}/")
    mark = tab.locator(".review-preview mark")
    assert mark.count() == 1 and mark.inner_text() == MOBILE
    assert "手机号码" in tab.locator(".findings").inner_text()
    assert tab.locator(".review-preview textarea, .review-preview input").count() == 0
    audit(tab, "review page with a hit")

    tab.get_by_role("button", name="审核通过").click()
    tab.wait_for_load_state()
    assert "请修改标出的位置" in _messages(tab)

    tab.get_by_role("button", name="遮蔽第 1 处").click()
    tab.wait_for_load_state()
    assert "已遮蔽" in _messages(tab)
    assert tab.locator(".review-preview mark").count() == 0
    assert "139****5678" in tab.locator(".review-preview").inner_text()

    tab.get_by_role("button", name="审核通过").click()
    tab.wait_for_load_state()
    assert f"已审核通过：《{page}》" in _messages(tab)
    tab.get_by_role("button", name="发布").click()
    tab.wait_for_load_state()
    assert f"已发布：《{page}》" in _messages(tab)

    tab.goto(f"{url}/pages/quality-month/")
    text = tab.locator("main").inner_text()
    assert "139****5678" in text and MOBILE not in tab.content()


def test_staff_shell_lists_fit_360_px(live_server, tab, settings, staff, reviewer):
    settings.GONGKAI_REQUIRE_OTP = False
    for i in range(3):
        DocumentFactory(department=staff.department, author=staff)
        received(by=staff, day="2026-02-10", description="关于" * 30 + f"第{i}项")
    url = live_server.url
    _log_in(tab, url, "reviewer")
    for path in ("/workbench/documents/", "/workbench/foi/", "/workbench/"):
        tab.set_viewport_size({"width": 1280, "height": 900})
        tab.goto(url + path)
        assert tab.locator("nav.wb-side").count() == 1
        assert tab.locator("nav.main-nav").count() == 0
        audit(tab, path)
        for width in (360, 390):
            tab.set_viewport_size({"width": width, "height": 800})
            overflow = tab.evaluate(
                "document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways at {width} px by {overflow}"
