"""Real-browser checks of the 行政许可 pages: axe-core finds no violation, no
sideways scroll at 360 and 390 px, the search is a plain form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.common.tests.axe import audit
from gongkai.penalties.tests.licence_factories import (
    licence_person_record,
    licence_publish,
    licence_record,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def _no_sideways_scroll(page: Any, name: str) -> None:
    for width in (360, 390):
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways at {width} px by {overflow}"


def test_public_licence_pages(live_server, tab, staff, reviewer):
    org = licence_publish(
        staff=staff,
        reviewer=reviewer,
        raw=licence_record(XK_XDR_MC="福州星光电线电缆有限公司"),
    )
    person = licence_publish(
        staff=staff, reviewer=reviewer, raw=licence_person_record()
    )
    tab.goto(live_server.url + "/licences/")
    audit(tab, "licence list")
    _no_sideways_scroll(tab, "licence list")
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.get_by_label("相对人名称、统一社会信用代码、文书号或许可编号").fill("星光")
    tab.get_by_role("button", name="查询").click()
    tab.wait_for_load_state()
    assert tab.locator("tbody tr").count() == 1
    tab.get_by_role("link", name=org.decision_number).click()
    tab.wait_for_load_state()
    assert org.decision_number in tab.locator("h1").inner_text()
    audit(tab, "licence detail")
    _no_sideways_scroll(tab, "licence detail")
    tab.goto(live_server.url + person.get_absolute_url())
    assert "11010519491231002X" not in tab.content()
    audit(tab, "licence detail, natural person")


def test_workbench_licence_pages(live_server, tab, settings, staff, reviewer):
    settings.GONGKAI_REQUIRE_OTP = False
    lic = licence_publish(staff=staff, reviewer=reviewer)
    tab.goto(live_server.url + "/accounts/login/")
    tab.get_by_label("用户名").fill("reviewer")
    tab.get_by_label("密码").fill("pw-reviewer")
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{live_server.url}/workbench/**")
    for url, name in [
        ("/workbench/penalties/licences/", "workbench licence list"),
        ("/workbench/penalties/licences/new/", "workbench new licence"),
        (f"/workbench/penalties/licences/{lic.pk}/", "workbench published licence"),
        ("/workbench/penalties/licences/import/", "workbench licence import"),
    ]:
        response = tab.goto(live_server.url + url)
        assert response.status == 200, url
        audit(tab, name)
