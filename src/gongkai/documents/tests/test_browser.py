"""Real Chromium: home, catalogue, document page and search, each audited by axe-core
with zero violations; screenshots go to /tmp/gongkai-shots/ for people to look at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from gongkai.common.tests.axe import audit
from gongkai.documents.models import Relation
from gongkai.documents.tests.factories import (
    ColumnFactory,
    DocumentFactory,
    InterpretationFactory,
)
from gongkai.portal.tests.test_browser import shot
from gongkai.publishing.choices import Status
from gongkai.search.services import search_reindex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def catalogue() -> dict[str, Any]:
    past = timezone.now() - dt.timedelta(hours=1)
    column = ColumnFactory(slug="zcwj", name="政策文件")
    ColumnFactory(slug="srsgk", name="双随机一公开", is_special=True)
    plan = DocumentFactory(
        published=True, publish_at=past, doc_number="闽质监〔2017〕126号",
        title="福建省质量技术监督局关于印发2017年政务公开工作实施方案的通知",
        written_on=dt.date(2017, 5, 27),
        body="<p>全面推进决策、执行、管理、服务、结果公开，推行“双随机、一公开”随机抽查。</p>",
    )  # fmt: skip
    plan.columns.add(column)
    for n in range(25):
        DocumentFactory(published=True, publish_at=past - dt.timedelta(days=n))
    repeal = DocumentFactory(
        published=True, publish_at=past, title="关于废止部分规范性文件的决定",
        doc_number="闽质监法〔2021〕4号",
    )  # fmt: skip
    Relation.objects.create(source=repeal, target=plan, kind="repeals", created_at=past)
    plan.validity, plan.validity_changed_on = "repealed", dt.date(2021, 5, 6)
    plan.save()
    InterpretationFactory(policy=plan, status=Status.PUBLISHED, publish_at=past)
    search_reindex()
    return {"plan": plan}


def test_home(live_server, tab, catalogue):
    tab.goto(live_server.url + "/")
    assert tab.locator("h1").count() == 1
    specials = tab.locator("section[aria-labelledby=specials-title] a")
    assert specials.all_inner_texts() == ["双随机一公开"]
    shot(tab, "documents-home")
    audit(tab, "home")


def test_catalogue_filter_without_javascript(live_server, tab, catalogue):
    tab.goto(live_server.url + "/xxgk/")
    assert "共 27 件文件" in tab.locator("#list-title").inner_text()
    tab.select_option("#f-validity", "repealed")
    tab.get_by_role("button", name="筛选").click()
    assert "共 1 件文件" in tab.locator("#list-title").inner_text()
    shot(tab, "catalogue")
    audit(tab, "catalogue")


def test_document_page_with_repeal_banner(live_server, tab, catalogue):
    tab.goto(live_server.url + catalogue["plan"].get_absolute_url())
    banner = tab.locator(".validity-banner").inner_text()
    assert "本文件已废止" in banner and "关于废止部分规范性文件的决定" in banner
    assert tab.locator(".meta-table").count() == 1
    shot(tab, "document")
    audit(tab, "document")
    tab.goto(live_server.url + catalogue["plan"].get_absolute_url() + "?print=1")
    audit(tab, "document print view")


def test_search_by_keyboard(live_server, tab, catalogue):
    tab.goto(live_server.url + "/")
    tab.locator("#home-q").focus()
    tab.keyboard.type("闽质监〔2017〕126号")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/search/**")
    first = tab.locator("li.hit").first
    assert "2017年政务公开工作实施方案" in first.inner_text()
    shot(tab, "search")
    audit(tab, "search")
    tab.goto(live_server.url + "/search/?q=" + "抽查")
    assert tab.locator("mark").count() > 0
    audit(tab, "search results with facets")
    tab.goto(live_server.url + "/search/?q=" + "火星探测器")
    audit(tab, "search without results")
