"""Real-browser checks of the 预决算 column: axe finds no violation with the charts
drawn (390 and 1366 px wide), nothing scrolls sideways at 360 px (wide tables scroll
in their own captioned region), the page works without JavaScript, and a visitor
switches year, reads a chart's data table and downloads the XLSX."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from gongkai.budgets.choices import Kind
from gongkai.common.tests.axe import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(locale="zh-CN", accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def sets(publish_set: Any) -> dict[str, Any]:
    return {
        "b2024": publish_set(2024),
        "f2024": publish_set(2024, Kind.FINAL),
        "b2025": publish_set(2025),
    }


def no_sideways_scroll(page: Any) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def charts_drawn(page: Any) -> int:
    page.wait_for_function(
        "document.querySelectorAll('.chart:not([hidden]) canvas').length === "
        "document.querySelectorAll('.chart').length"
    )
    return page.locator(".chart canvas").count()


@pytest.mark.parametrize("width", [390, 1366])
def test_column_with_charts_has_no_axe_violations(live_server, context, sets, width):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/budgets/")
    assert charts_drawn(page) >= 4
    audit(page, f"budgets column with charts at {width}px")
    assert no_sideways_scroll(page)
    page.goto(live_server.url + sets["f2024"].get_absolute_url())
    audit(page, f"final account page at {width}px")


def test_no_sideways_scroll_at_360(live_server, context, sets):
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 800})
    for url in ("/budgets/", sets["f2024"].get_absolute_url()):
        page.goto(live_server.url + url)
        if url == "/budgets/":
            charts_drawn(page)
        assert no_sideways_scroll(page), url
    # the widest table scrolls inside its own region, its caption in view
    region = page.locator(".table-scroll").nth(1)
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    caption = region.locator("caption")
    assert caption.is_visible()
    box = caption.bounding_box()
    assert box["x"] >= 0 and box["x"] + min(box["width"], 300) <= 360


def test_column_works_without_javascript(live_server, browser, sets):
    ctx = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = ctx.new_page()
        page.goto(live_server.url + "/budgets/")
        assert page.locator(".chart").count() == 4
        assert page.locator(".chart:visible").count() == 0  # no empty boxes
        assert page.locator("table#t-three").is_visible()
        page.get_by_label("选择年度").select_option("2024")
        page.get_by_role("button", name="查看").click()
        page.wait_for_load_state()
        assert page.locator("h2").first.inner_text() == "2024年度"
        assert page.get_by_role(
            "link", name="福建省市场监督管理局2024年部门决算"
        ).is_visible()
    finally:
        ctx.close()


def test_visitor_switches_year_reads_a_chart_table_and_downloads(
    live_server, context, sets
):
    page = context.new_page()
    page.goto(live_server.url + "/budgets/")
    charts_drawn(page)
    page.get_by_label("选择年度").select_option("2024")
    page.get_by_role("button", name="查看").click()
    page.wait_for_load_state()
    assert page.locator("h2").first.inner_text() == "2024年度"
    charts_drawn(page)
    # the 三公 chart's data table: 2024 from its final account, 2025 from its budget
    rows = page.locator("table#t-three tbody tr")
    first = [c.strip() for c in rows.nth(0).locator("th, td").all_inner_texts()]
    assert first == ["2024（部门决算）", "9.62", "41.27", "8.95", "59.84"]
    assert rows.nth(1).locator("th").inner_text() == "2025（部门预算）"
    page.get_by_role("link", name="福建省市场监督管理局2024年部门预算").click()
    page.wait_for_load_state()
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel（XLSX）").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert book.sheetnames[0] == "部门收支总表"
    assert book["部门支出总表"]["B4"].value == "合计"
