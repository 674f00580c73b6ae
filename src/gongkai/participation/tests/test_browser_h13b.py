"""Real-browser journeys of the mailbox, proposals and incidents: axe-core finds no
violation on any new public page, none scrolls sideways at 360 and 390 px; a citizen
writes a public message, staff answer it and it appears in the Q&A list; an
incident's 5 h clock shows on the inbox and turns overdue under a frozen clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from gongkai.common.tests.axe import audit as axe_audit
from gongkai.participation.models import Message
from gongkai.participation.services import incidents, proposals
from gongkai.publishing import services as pub

from .support import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def audit(page: Any, name: str) -> None:
    axe_audit(page, name)
    for width in (360, 390):
        page.set_viewport_size({"width": width, "height": 800})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name}: sideways scroll at {width}px ({scroll})"
    page.set_viewport_size({"width": 1280, "height": 800})


def sign_in(tab: Any, url: str, username: str) -> None:
    tab.goto(url + "/accounts/login/")
    tab.get_by_label("用户名").fill(username)
    tab.get_by_label("密码").fill("pw-" + username)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{url}/workbench/**")


def test_citizen_writes_staff_answer_it_appears_in_the_qa_list(
    live_server, tab, settings, department, staff
):
    settings.GONGKAI_MESSAGE_MIN_FORM_SECONDS = 0
    settings.GONGKAI_REQUIRE_OTP = False
    url = live_server.url
    tab.goto(url + "/messages/new/?about=/penalties/")
    audit(tab, "message form")
    tab.get_by_label("咨询").check()
    tab.get_by_label("留言对象（可选）").select_option(str(department.pk))
    tab.get_by_label("标题").fill("电动自行车头盔执行哪个国家标准")
    tab.get_by_label("留言内容").fill("我叫王小明，电话13912345678，想了解头盔标准。")
    tab.get_by_role("textbox", name="姓名").fill("王小明")
    tab.get_by_label("联系电话").fill("13912345678")
    tab.get_by_role("button", name="提交留言").click()
    tab.wait_for_url("**/messages/done/")
    audit(tab, "message done")
    number = tab.locator("#tracking-number").inner_text()
    code = tab.locator("#query-code").inner_text()
    message = Message.objects.get(tracking_number=number)
    assert message.about == "/penalties/" and message.is_public

    sign_in(tab, url, "author")
    tab.goto(f"{url}/workbench/participation/messages/{message.pk}/")
    assert "为什么是这个时间" in tab.content()
    tab.get_by_label("答复内容").fill("您好，电动自行车乘员头盔执行GB 811-2022。")
    tab.get_by_role("button", name="答复", exact=True).click()
    tab.wait_for_load_state()
    tab.goto(url + "/workbench/participation/messages/stats/")
    assert tab.locator("tbody tr").count() >= 1
    tab.get_by_role("button", name="退出", exact=True).click()

    tab.goto(url + "/messages/")
    audit(tab, "Q&A list")
    tab.get_by_role("link", name="电动自行车头盔执行哪个国家标准").click()
    tab.wait_for_load_state()
    page = tab.locator("main").inner_text()
    assert "GB 811-2022" in page
    assert "13912345678" not in page and "王小明" not in page and "王**" in page
    audit(tab, "Q&A detail")

    tab.goto(url + "/messages/track/")
    audit(tab, "track form")
    tab.get_by_label("留言编号").fill(number)
    tab.get_by_label("查询码").fill(code)
    tab.get_by_role("button", name="查询").click()
    tab.wait_for_url("**/messages/mine/")
    audit(tab, "my message")
    tab.get_by_label("满意", exact=True).check()
    tab.get_by_role("button", name="提交评价").click()
    tab.wait_for_load_state()
    message.refresh_from_db()
    assert message.satisfaction == "satisfied"


def test_proposal_and_incident_public_pages(
    live_server, tab, reviewer, staff, department
):
    now = dt.datetime.now(dt.UTC)
    p = proposals.proposal_create(
        kind="deputy", year=now.year, number="0012", title="关于加强电梯安全监管的建议",
        proposer="李代表", lead_department=department,
        assigned_at=now - dt.timedelta(days=40), by=reviewer,
    )  # fmt: skip
    reply = proposals.proposal_reply(
        proposal=p, title="对电梯安全监管建议的答复", body="李代表：您的建议收悉……",
        by=staff,
    )  # fmt: skip
    pub.publishing_submit(obj=reply, by=staff)
    pub.publishing_approve(obj=reply, by=reviewer, accept_warnings=True)
    pub.publishing_publish(obj=reply, by=reviewer)
    incident = incidents.incident_create(
        title="某商场自动扶梯故障", kind="major",
        occurred_at=now - dt.timedelta(hours=30), department=department, by=staff,
    )  # fmt: skip
    for kind, title, hours in (
        ("release", "情况通报", 28),
        ("press", "新闻发布会", 10),
    ):
        incidents.incident_release_add(
            incident=incident, kind=kind, title=title,
            at=now - dt.timedelta(hours=hours), url="https://example.gov.cn/r",
            by=staff,
        )  # fmt: skip
    url = live_server.url
    tab.goto(url + "/proposals/")
    audit(tab, "proposal list")
    tab.get_by_role("link", name="关于加强电梯安全监管的建议").click()
    tab.wait_for_load_state()
    assert "您的建议收悉" in tab.locator("main").inner_text()
    audit(tab, "proposal detail")
    tab.goto(url + "/incidents/")
    audit(tab, "incident list")
    tab.get_by_role("link", name="某商场自动扶梯故障").click()
    tab.wait_for_load_state()
    items = tab.locator("ol.timeline li").all_inner_texts()
    assert ["情况通报" in items[0], "新闻发布会" in items[1]] == [True, True]
    audit(tab, "incident detail")


def test_incident_five_hour_clock_turns_overdue_on_the_inbox(
    live_server, tab, settings, department, staff
):
    settings.GONGKAI_REQUIRE_OTP = False
    url = live_server.url
    # 2026-12-05 23:20 in Shanghai, ten minutes after the incident
    with time_machine.travel(at(2026, 12, 5, 23, 20), tick=True) as traveller:
        sign_in(tab, url, "author")
        tab.goto(url + "/workbench/participation/incidents/new/")
        tab.get_by_label("事件名称").fill("某商场自动扶梯故障致人受伤")
        tab.get_by_label("类型").select_option("major")
        tab.get_by_label("发生（发现）时间，精确到分钟").fill("2026-12-05T23:10")
        tab.get_by_label("责任处室").select_option(str(department.pk))
        tab.get_by_role("button", name="登记").click()
        tab.wait_for_url("**/incidents/*/")
        main = tab.locator("main").inner_text()
        assert "到期：2026-12-06 04:10" in main and "起算：2026-12-05 23:10" in main
        tab.goto(url + "/workbench/")
        assert "某商场自动扶梯故障致人受伤" not in tab.locator("main").inner_text()
        traveller.move_to(at(2026, 12, 6, 2, 30), tick=True)
        tab.goto(url + "/workbench/")
        soon = tab.locator("section[aria-labelledby=due-soon]").inner_text()
        assert "某商场自动扶梯故障致人受伤" in soon and "2026-12-06 04:10" in soon
        traveller.move_to(at(2026, 12, 6, 4, 11), tick=True)
        tab.goto(url + "/workbench/")
        overdue = tab.locator("section[aria-labelledby=overdue]")
        assert "某商场自动扶梯故障致人受伤" in overdue.inner_text()
        overdue.get_by_role("link", name="为什么是这个日期").first.click()
        tab.wait_for_load_state()
        assert "权威信息发布时限：5小时" in tab.locator("main").inner_text()
