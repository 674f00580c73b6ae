"""Browser journey: the office opens the site check, follows a finding to the page
that fixes it, fixes it and re-runs the check; public pages pass axe and do not
scroll sideways at 360 and 390 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.common.tests.axe import audit
from gongkai.oversight import services
from gongkai.oversight.audit_actions import OversightAudit
from gongkai.oversight.models import GroupMember

from .support import FOOTER, room

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_office_follows_a_finding_to_its_fix_and_reruns(
    live_server, tab, settings, reviewer
):
    settings.GONGKAI_REQUIRE_OTP = False
    for name, value in FOOTER.items():
        setattr(settings, name, value)
    tab.goto(live_server.url + "/accounts/login/")
    tab.get_by_label("用户名").fill("reviewer")
    tab.get_by_label("密码").fill("pw-reviewer")
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{live_server.url}/workbench/**")
    tab.goto(live_server.url + "/workbench/oversight/check/")
    audit(tab, "check")
    tab.locator("#run-check").click()
    tab.wait_for_url("**/workbench/oversight/check/*/")
    row = tab.locator("tr[data-indicator='guide.reading_room']")
    assert row.count() == 1
    audit(tab, "check detail")
    row.get_by_role("link", name="去整改").click()
    tab.wait_for_url("**/records/reading-rooms/new/")
    tab.get_by_label("名称").fill("省局政府信息公开查阅室")
    tab.get_by_label("地址").fill("福州市鼓楼区东大路")
    tab.get_by_label("开放时间").fill("工作日 8:30–17:30")
    tab.locator("#save-record").click()
    tab.wait_for_url("**/records/reading-rooms/")
    assert "省局政府信息公开查阅室" in tab.content()
    tab.goto(live_server.url + "/workbench/oversight/check/")
    tab.locator("#run-check").click()
    tab.wait_for_url("**/workbench/oversight/check/*/")
    assert tab.locator("tr[data-indicator='guide.reading_room']").count() == 0
    assert "未发现问题" in tab.locator("table.findings").inner_text()


@pytest.mark.parametrize("width", [360, 390])
def test_public_pages_fit_narrow_screens(live_server, browser, reviewer, width):
    room(reviewer)
    services.record_save(
        obj=GroupMember(),
        by=reviewer,
        action=OversightAudit.MEMBER_SAVE,
        values={
            "name": "张某",
            "position": "局长",
            "group_role": "组长",
            "duties": "全面负责政务公开工作，研究部署推进重大事项",
            "order": 1,
        },
    )
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    try:
        for url in ("/oversight/", "/oversight/reading-rooms/"):
            page.goto(live_server.url + url)
            assert page.evaluate(
                "document.documentElement.scrollWidth <= window.innerWidth"
            ), f"{url} scrolls sideways at {width}px"
            audit(page, url)
    finally:
        context.close()
