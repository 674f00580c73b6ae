"""Real-browser checks: axe-core finds no violation; keyboard and no-JS use work.

Screenshots of the main pages go to /tmp/gongkai-shots/ for people to look at; they
are not compared with anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai.common.tests.axe import audit
from gongkai.publishing.services import publishing_approve, publishing_submit
from gongkai.workbench.tests.support import (
    draft_page,
    overdue_clock_page,
    pages_bulk,
    published_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/gongkai-shots")


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(staff: Any, reviewer: Any) -> Any:
    published_page(
        author=staff,
        reviewer=reviewer,
        slug="statement",
        title="网站声明",
        body="<p>本网站发布的政府信息可自由转载，请注明出处。</p>",
    )
    return published_page(
        author=staff,
        reviewer=reviewer,
        slug="guide",
        body="<h2>一、主动公开</h2><p>主动公开的政府信息通过本网站发布。</p>"
        "<h2>二、依申请公开</h2><p>可以通过本网站在线提交申请。</p>",
    )


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_home_has_no_axe_violations(live_server, tab, site):
    tab.goto(live_server.url + "/")
    assert tab.locator("h1").count() == 1
    shot(tab, "home")
    audit(tab, "home")


def test_published_page_has_no_axe_violations(live_server, tab, site):
    tab.goto(live_server.url + site.get_absolute_url())
    assert tab.locator("h1").inner_text() == site.title
    shot(tab, "page")
    audit(tab, "page")


def test_login_page_has_no_axe_violations(live_server, tab, site):
    tab.goto(live_server.url + "/accounts/login/")
    shot(tab, "login")
    audit(tab, "login")


def test_login_error_has_no_axe_violations(live_server, tab, staff):
    tab.goto(live_server.url + "/accounts/login/")
    tab.get_by_label("用户名").fill("author")
    tab.get_by_label("密码").fill("wrong-password")
    tab.get_by_role("button", name="登录").click()
    assert "用户名或密码不正确" in tab.locator("[role=alert]").inner_text()
    audit(tab, "login error")


def test_404_page_has_no_axe_violations(live_server, tab, site):
    response = tab.goto(live_server.url + "/no/such/page/")
    assert response.status == 404
    assert tab.locator("h1").inner_text() == "页面不存在"
    audit(tab, "404")


def _log_in(
    tab: Any, live_server: Any, username: str, password: str, then: str = "/workbench/"
) -> None:
    """Log in through the real form; ``then`` is where the site should land."""
    tab.goto(live_server.url + "/accounts/login/")
    tab.get_by_label("用户名").fill(username)
    tab.get_by_label("密码").fill(password)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{live_server.url}{then}**")


def test_workbench_home_has_no_axe_violations(
    live_server, tab, settings, staff, reviewer, office, site
):
    from gongkai.accounts.models import User

    settings.GONGKAI_REQUIRE_OTP = False
    User.objects.create_user(
        username="browser",
        password="browser-pw-2026",
        role="reviewer",
        department=office,
        display_name="公开办 审核员",
    )
    for i in range(3):
        overdue_clock_page(author=staff, slug=f"late-{i}")
    pages_bulk(author=staff, n=2, status="in_review")
    _log_in(tab, live_server, "browser", "browser-pw-2026")
    assert tab.locator("h1").inner_text() == "待办与时限"
    assert tab.locator("#overdue").inner_text().startswith("已超期")
    shot(tab, "workbench")
    audit(tab, "workbench home")

    tab.goto(live_server.url + "/workbench/pages/")
    audit(tab, "workbench page list")

    body = "<p>联系人身份证号11010519491231002X。</p>"
    flagged = draft_page(
        author=staff, slug="flagged", title="含个人信息的草稿", body=body
    )
    publishing_submit(obj=flagged, by=staff)
    tab.goto(live_server.url + f"/workbench/pages/{flagged.pk}/")
    tab.get_by_role("button", name="审核通过").click()
    assert "11010519491231002X" in tab.locator("mark.finding").inner_text()
    audit(tab, "workbench page under review, with findings")

    approved = draft_page(author=staff, slug="approved", title="已审核的网页")
    publishing_submit(obj=approved, by=staff)
    publishing_approve(obj=approved, by=reviewer)
    tab.goto(live_server.url + f"/workbench/pages/{approved.pk}/")
    assert tab.get_by_role("button", name="发布").count() == 1
    audit(tab, "workbench approved page (publish and withdraw forms)")

    tab.goto(live_server.url + "/workbench/pages/new/")
    audit(tab, "workbench new page")
    tab.get_by_role("link", name="审计记录").click()
    audit(tab, "workbench audit trail")


def test_otp_enrolment_page_has_no_axe_violations(live_server, tab, staff):
    from gongkai.accounts.services import enrolment_link_issue

    _log_in(tab, live_server, "author", "pw-author", then="/accounts/otp/")
    assert tab.locator(".qr svg").count() == 0  # no secret without a link
    audit(tab, "otp not enrolled")
    _link, token = enrolment_link_issue(user=staff, by=None)
    tab.goto(f"{live_server.url}/accounts/enrol/{token}/")
    assert tab.locator(".qr svg").count() == 1
    audit(tab, "otp enrolment")


def test_tab_reaches_skip_link_first_and_it_moves_focus(live_server, tab, site):
    tab.goto(live_server.url + "/")
    tab.keyboard.press("Tab")
    focused = tab.evaluate(
        "[document.activeElement.className, document.activeElement.textContent]"
    )
    assert focused == ["skip-link", "跳到正文"]
    assert tab.locator(".skip-link").bounding_box()["x"] >= 0  # shown when focused
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"


def test_large_text_works_without_javascript(live_server, browser, site):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(live_server.url + site.get_absolute_url())
        html = page.locator("html")
        # Playwright's evaluate still runs with page scripts disabled.
        root_size = "e => getComputedStyle(e).fontSize"
        assert "large-text" not in (html.get_attribute("class") or "")
        assert html.evaluate(root_size) == "16px"
        before = page.locator("h1").bounding_box()["height"]
        page.get_by_role("link", name="长者模式（大字）").click()
        page.wait_for_load_state()
        assert page.url == live_server.url + site.get_absolute_url()
        assert "large-text" in html.get_attribute("class")
        assert html.evaluate(root_size) == "22px"
        assert page.locator("h1").bounding_box()["height"] > before * 1.3
        page.get_by_role("link", name="标准字号").click()
        assert "large-text" not in (html.get_attribute("class") or "")
        assert html.evaluate(root_size) == "16px"
    finally:
        context.close()


def test_large_text_mode_has_no_axe_violations(live_server, tab, site):
    tab.goto(live_server.url + "/")
    tab.get_by_role("link", name="长者模式（大字）").click()
    tab.wait_for_load_state()
    assert tab.locator("html.large-text").count() == 1
    audit(tab, "home in large-text mode")


def test_language_switch_to_english(live_server, browser, site):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        page.get_by_role("link", name="English").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.url == live_server.url + "/"
        page.get_by_role("link", name="简体中文").click()
        assert page.locator("html").get_attribute("lang") == "zh-CN"
    finally:
        context.close()
