"""The whole workflow in a real browser: plan a task, freeze, commit, enter the
beacon, draw, enter a result, publish; then the public pages (axe-core: no violation)
and the downloaded bundle verifies."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from gongkai.common.tests.axe import audit
from gongkai.core.draw.bundle import public_verify

from .factories import ItemFactory
from .support import registry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_task_planned_drawn_staffed_and_published_in_the_browser(
    live_server, tab, settings, reviewer, department, staff
):
    from gongkai.accounts.models import User

    settings.GONGKAI_REQUIRE_OTP = False
    User.objects.create_user(
        username="office2",
        password="office-pw-2026",
        role="reviewer",
        department=reviewer.department,
    )
    registry()
    ItemFactory(department=department, author=staff, name="食品经营者监督检查")
    start = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=True) as traveller:
        tab.goto(live_server.url + "/accounts/login/")
        tab.get_by_label("用户名").fill("office2")
        tab.get_by_label("密码").fill("office-pw-2026")
        tab.get_by_role("button", name="登录").click()
        tab.wait_for_url(f"{live_server.url}/workbench/**")
        tab.goto(live_server.url + "/workbench/inspections/registry/import/")
        tab.get_by_label("名录").select_option("targets")
        csv = "统一社会信用代码,名称,行政区划代码,行业代码,风险等级\n91350100M000100Y43,福州某食品有限公司,350102,F52,A\n"
        tab.get_by_label("文件（.csv 或 .xlsx）").set_input_files(
            files=[{"name": "t.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
        )
        tab.get_by_role("button", name="导入").click()
        tab.get_by_role("link", name="查看导入结果").wait_for()  # the page streams
        tab.wait_for_load_state()
        assert "导入完成" in tab.locator("main").inner_text()
        audit(tab, "import progress")
        tab.get_by_role("link", name="查看导入结果").click()
        tab.wait_for_url(re.compile(r"/registry/import/\d+/$"))
        audit(tab, "import result")
        tab.goto(live_server.url + "/workbench/inspections/tasks/new/")
        audit(tab, "task form")
        tab.get_by_label("任务编号").fill("BR-2026-001")
        tab.get_by_label("任务名称").fill("浏览器测试抽查任务")
        tab.get_by_label("牵头处室").select_option(str(department.pk))
        tab.get_by_label("食品经营者监督检查").check()
        tab.get_by_label("抽取对象数").fill("6")
        tab.get_by_label("风险等级权重").fill("A=1, B=2")
        tab.get_by_label("分层属性").select_option("risk,region")
        tab.get_by_label("随机信标").select_option("lottery")
        tab.get_by_label("彩票开奖期次").fill("双色球 2026025")
        tab.get_by_label("信标产生时间").fill("2026-03-02T10:20")
        tab.get_by_role("button", name="建立任务").click()
        tab.wait_for_url("**/tasks/BR-2026-001/")
        tab.get_by_role("button", name="冻结名录（生成快照）").click()
        tab.wait_for_url("**/jobs/*/")  # the background job's page
        assert "名录已冻结" in tab.locator("main").inner_text()
        audit(tab, "freeze job done")
        tab.get_by_role("link", name="返回任务").click()
        tab.get_by_role("button", name="承诺并公告").click()
        assert "已承诺" in tab.locator("section.ins-draw h2").first.inner_text()
        audit(tab, "task committed")
        traveller.move_to(dt.datetime(2026, 3, 2, 2, 25, tzinfo=dt.UTC), tick=True)
        tab.get_by_label("开奖号码").fill("3 9 14 21 27 30 + 11")
        tab.get_by_role("button", name="录入信标").click()
        assert tab.get_by_role("button", name="执行抽取").count() == 1, tab.locator(
            "main"
        ).inner_text()[:1500]
        tab.get_by_role("button", name="执行抽取").click()
        tab.wait_for_url("**/jobs/*/")
        assert "抽取完成" in tab.locator("main").inner_text()
        tab.get_by_role("link", name="返回任务").click()
        assert "已抽取" in tab.locator("section.ins-draw h2").first.inner_text()
        audit(tab, "task drawn")
        first = tab.locator("form.row-form").first
        first.get_by_label("检查完成日期").fill("2026-03-02")
        first.get_by_role("button", name="录入结果").click()
        assert tab.locator(".msg-success").count() == 1
        tab.get_by_role("button", name="公示已录入的检查结果").click()
        tab.goto(live_server.url + "/inspections/tasks/BR-2026-001/")
        assert "抽取记录" in tab.content()
        audit(tab, "public task page")
        bundle = tab.request.get(
            live_server.url + "/inspections/tasks/BR-2026-001/draws/1/bundle.json"
        )
        assert public_verify(json.loads(bundle.body())).ok
        chosen = tab.locator(
            "table", has=tab.locator("caption", has_text="抽中的检查对象")
        )
        # the list leads with the name; the code is the second column
        uscc = chosen.locator("tbody tr td").nth(1).inner_text()
        tab.goto(live_server.url + f"/inspections/check/?uscc={uscc}")
        assert "已被抽中" in tab.content()
        audit(tab, "enterprise check")
        for path in (
            "/inspections/",
            "/inspections/items/",
            "/inspections/results/",
            "/inspections/how-to-verify/",
        ):
            tab.goto(live_server.url + path)
            audit(tab, path)


def test_contributor_commits_in_the_browser(
    live_server, tab, reviewer, department, staff
):
    from gongkai.core.draw.contrib import commitment
    from gongkai.core.draw.primitives import HashProfile
    from gongkai.inspections import services

    from .support import T0, make_task

    registry()
    task = make_task(
        by=staff, department=department, beacon_time=T0 + dt.timedelta(days=3650)
    )
    d = services.draw_freeze(task=task, by=staff, now=T0)
    c = services.contribution_add(
        draw=d, contributor_id="notary-1", name="公证处", by=reviewer, now=T0
    )
    tab.goto(f"{live_server.url}/inspections/contribute/{c.link_token}/")
    audit(tab, "contributor page")
    value = commitment(
        HashProfile.for_alg("sha256"), task.code, "notary-1", bytes(32)
    ).hex()
    tab.get_by_label("承诺值（64位十六进制）").fill(value)
    tab.get_by_role("button", name="提交承诺值").click()  # CSRF must accept the post
    assert "承诺值已提交" in tab.locator("main").inner_text()
    c.refresh_from_db()
    assert c.commitment == value
