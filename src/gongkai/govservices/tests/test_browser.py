"""Real-browser checks of the public pages: a citizen finds a guide by search and by
filter and opens its printable guide; axe-core finds no violation at 390 and 1366 px;
no sideways scroll at 360 and 390 px; the workbench guide page passes axe too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.common.tests.axe import audit

from .factories import intermediary, power, published, service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def catalogue(staff, other_staff, reviewer):
    a = published(department=staff.department, author=staff, reviewer=reviewer)
    b = published(
        department=other_staff.department, author=other_staff, reviewer=reviewer,
        name="特种设备作业人员资格认定", theme="特种设备", audience="person",
        online_level="2", visits=1, online_address="", handling_forms=",window,",
        implementation_code=a.implementation_code.replace("-1-00", "-1-01"),
    )  # fmt: skip
    p = power(code="350217001000", department=staff.department, name="计量器具型式批准")
    power(code="350217004000", department=staff.department, kind="add",
          on=dt.date(2025, 9, 15), name="注册计量师职业资格注册")  # fmt: skip
    m = intermediary(department=staff.department, author=staff)
    m.status, m.publish_at = "published", dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    m.save()
    return a, b, p


def test_citizen_finds_a_guide_by_search_and_filter_and_prints_it(
    live_server, tab, catalogue
):
    b = catalogue[1]
    tab.set_viewport_size({"width": 390, "height": 800})
    tab.goto(live_server.url + "/services/")
    # By search.
    tab.get_by_label("关键词").fill("型式批准")
    tab.get_by_role("button", name="查询").click()
    tab.wait_for_load_state()
    assert tab.locator(".svc-list > li").count() == 1
    # By filter: 个人, then the online level.
    tab.get_by_role("link", name="清除条件").click()
    tab.get_by_label("服务对象").select_option("person")
    tab.get_by_label("网上办理深度").select_option("2")
    tab.get_by_role("button", name="查询").click()
    tab.wait_for_load_state()
    assert tab.locator(".svc-list > li").count() == 1
    tab.get_by_role("link", name=b.name).click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == b.name
    tab.get_by_role("link", name="打印版").click()
    tab.wait_for_load_state()
    assert tab.url.endswith(f"/services/{b.pk}/print/")
    tab.emulate_media(media="print")
    assert not tab.locator(".main-nav").is_visible()
    assert not tab.locator(".guide-tools").is_visible()
    assert tab.locator("text=受理条件").first.is_visible()


PAGES = [
    ("/services/", "catalogue"),
    ("/services/?q=型式&audience=organisation&level=4", "catalogue filtered"),
    ("detail", "guide"),
    ("print", "printable guide"),
    ("/powers/", "power list"),
    ("/powers/?on=2025-06-01", "power list on a date"),
    ("/powers/diff/?from=2025-06-01&to=2025-12-31", "power diff"),
    ("/powers/diff/?from=bad&to=2025-12-31", "power diff, bad date"),
    ("/powers/350217001000/", "power item"),
    ("/powers/licensing/", "licensing lists"),
    ("/services/intermediaries/", "intermediary services"),
]


@pytest.mark.parametrize("width", [390, 1366])
def test_public_pages_pass_axe(live_server, tab, catalogue, width):
    a = catalogue[0]
    tab.set_viewport_size({"width": width, "height": 900})
    for url, name in PAGES:
        url = {"detail": a.get_absolute_url(), "print": f"/services/{a.pk}/print/"}.get(
            url, url
        )
        response = tab.goto(live_server.url + url)
        assert response.status == 200, url
        audit(tab, f"{name} at {width}px")


@pytest.mark.parametrize("width", [360, 390])
def test_public_pages_do_not_scroll_sideways(live_server, tab, catalogue, width):
    a = catalogue[0]
    tab.set_viewport_size({"width": width, "height": 800})
    for url, name in PAGES:
        url = {"detail": a.get_absolute_url(), "print": f"/services/{a.pk}/print/"}.get(
            url, url
        )
        tab.goto(live_server.url + url)
        wide = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"{name} scrolls sideways by {wide}px at {width}px"


def test_workbench_guide_pages_pass_axe(live_server, tab, settings, staff, reviewer):
    settings.GONGKAI_REQUIRE_OTP = False
    item = service(department=staff.department, author=staff, visits=2)
    tab.goto(live_server.url + "/accounts/login/")
    tab.get_by_label("用户名").fill("reviewer")
    tab.get_by_label("密码").fill("pw-reviewer")
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{live_server.url}/workbench/**")
    for url, name in [
        ("/workbench/services/", "workbench guides"),
        ("/workbench/services/new/", "workbench new guide"),
        (f"/workbench/services/{item.pk}/", "workbench guide with its check"),
        ("/workbench/services/powers/", "workbench power list"),
        ("/workbench/services/powers/new/", "workbench new power item"),
        ("/workbench/services/import/", "workbench import"),
        ("/workbench/services/intermediaries/new/", "workbench new intermediary"),
    ]:
        response = tab.goto(live_server.url + url)
        assert response.status == 200, url
        audit(tab, name)
    tab.goto(live_server.url + f"/workbench/services/{item.pk}/")
    assert "全程网办（Ⅳ级）事项到现场次数应为0次" in tab.inner_text("main")
