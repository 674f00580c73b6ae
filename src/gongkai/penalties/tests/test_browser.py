"""Real-browser checks of the penalty and register pages: axe-core finds no violation;
search, filters and import are plain forms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.common.tests.axe import audit
from gongkai.penalties.tests.factories import person_record, record
from gongkai.penalties.tests.support import publish
from gongkai.penalties.tests.test_importing import sheet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    # axe-core needs scripts; the pages themselves use none.
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def test_public_penalty_pages(live_server, tab, staff, reviewer):
    org = publish(
        staff=staff, reviewer=reviewer, raw=record(CF_XDR_MC="福州星光电线电缆有限公司")
    )
    person = publish(staff=staff, reviewer=reviewer, raw=person_record())
    tab.goto(live_server.url + "/penalties/")
    audit(tab, "penalty list")
    tab.get_by_label("当事人名称、统一社会信用代码或决定书文号").fill("星光")
    tab.get_by_role("button", name="查询").click()
    tab.wait_for_load_state()
    assert tab.locator("tbody tr").count() == 1
    audit(tab, "penalty list filtered")
    tab.get_by_role("link", name=org.decision_number).click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text().endswith(org.decision_number)
    audit(tab, "penalty detail")
    tab.goto(live_server.url + person.get_absolute_url())
    assert "11010519491231002X" not in tab.content()
    audit(tab, "penalty detail, natural person")


def test_workbench_penalty_and_register_pages(
    live_server, tab, settings, staff, reviewer
):
    from gongkai.registers.services import builtin_registers_ensure

    builtin_registers_ensure()  # a transactional test starts from an emptied database
    settings.GONGKAI_REQUIRE_OTP = False
    p = publish(staff=staff, reviewer=reviewer)
    tab.goto(live_server.url + "/accounts/login/")
    tab.get_by_label("用户名").fill("reviewer")
    tab.get_by_label("密码").fill("pw-reviewer")
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{live_server.url}/workbench/**")
    for url, name in [
        ("/workbench/penalties/", "workbench penalty list"),
        ("/workbench/penalties/new/", "workbench new penalty"),
        (f"/workbench/penalties/{p.pk}/", "workbench published penalty"),
        ("/workbench/penalties/import/", "workbench penalty import"),
        ("/workbench/registers/", "workbench registers"),
        ("/workbench/registers/spot-checks/", "workbench register entries"),
        ("/workbench/registers/spot-checks/new/", "workbench new entry"),
        ("/workbench/registers/spot-checks/import/", "workbench register import"),
    ]:
        response = tab.goto(live_server.url + url)
        assert response.status == 200, url
        audit(tab, name)
    tab.goto(live_server.url + "/workbench/penalties/import/")
    tab.set_input_files(
        "input[type=file]",
        files=[{"name": "p.xlsx", "mimeType": "application/octet-stream",
                "buffer": sheet([record(), record(CF_JDRQ="bad")])}],
    )  # fmt: skip
    tab.get_by_role("button", name="导入").click()
    tab.wait_for_load_state()
    assert "新增 1" in tab.inner_text("main")
    audit(tab, "workbench import result")


def test_public_register_pages(live_server, tab, staff, reviewer):
    from gongkai.publishing import services as pub
    from gongkai.registers.models import Register
    from gongkai.registers.services import builtin_registers_ensure, entry_create
    from gongkai.registers.tests.factories import spot_row

    builtin_registers_ensure()
    register = Register.objects.get(slug="spot-checks")
    e = entry_create(
        register=register, record=spot_row(1), department=staff.department, by=staff
    )
    pub.publishing_submit(obj=e, by=staff)
    pub.publishing_approve(obj=e, by=reviewer)
    pub.publishing_publish(obj=e, by=reviewer)
    for url, name in [
        ("/registers/", "register index"),
        ("/registers/spot-checks/", "register entries"),
        ("/registers/spot-checks/?result=不合格&q=电热水壶", "register filtered"),
        (e.get_absolute_url(), "register entry"),
    ]:
        tab.goto(live_server.url + url)
        audit(tab, name)
