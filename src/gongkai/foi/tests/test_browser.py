"""The whole journey in a real browser: apply → register → correction → extension →
reply → the applicant downloads the letter; axe-core on every foi page type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai.common.tests.axe import audit

from .test_reply_files import pdf_of, text_layer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/gongkai-shots")
PHONE = "13800138000"
LIST = pdf_of(
    "电梯维保单位名单", f"联系人张三，手机{PHONE}，身份证11010519491231002X。"
)


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def _log_in(tab: Any, url: str, username: str, password: str) -> None:
    tab.context.clear_cookies()
    tab.goto(url + "/accounts/login/")
    tab.get_by_label("用户名").fill(username)
    tab.get_by_label("密码").fill(password)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{url}/workbench/**")


def _step(tab: Any, label: str) -> None:
    """Open a step's <details> and submit it."""
    tab.locator("summary", has_text=label).click()
    tab.get_by_role("button", name=label).click()


def test_request_from_application_to_reply_in_the_browser(
    live_server, tab, settings, browser, staff, reviewer, department
):
    settings.GONGKAI_REQUIRE_OTP = False
    settings.GONGKAI_FOI_MIN_FORM_SECONDS = 0
    url = live_server.url
    applicant = browser.new_context(locale="zh-CN").new_page()

    # the applicant reads the guide and applies
    applicant.goto(url + "/foi/?method=by_page&quantity=150")
    # 70×10 + 50×20 = 1,700 元, not the 1,200 元 RULES.md §1.7 prints (a slip)
    assert "合计：1700元" in applicant.locator("#fee-result").inner_text()
    audit(applicant, "guide")
    applicant.get_by_role("link", name="在线提交申请").click()
    audit(applicant, "apply")
    applicant.get_by_role("radio", name="自然人").check()
    applicant.get_by_label("姓名或名称").fill("王五")
    applicant.get_by_label("证件类型（自然人）").select_option("resident_id")
    applicant.get_by_label("证件号码（自然人）").fill("11010519491231002X")
    applicant.get_by_label("联系电话").fill("13800138000")
    applicant.get_by_label("所需信息的名称或特征描述").fill("电梯维保单位名单")
    applicant.get_by_role("radio", name="电子", exact=True).check()
    applicant.get_by_role("radio", name="网上查询下载").check()
    applicant.get_by_role("button", name="提交申请").click()
    tracking = applicant.locator("#tracking-number").inner_text().strip()
    code = applicant.locator("#query-code").inner_text().strip()
    assert tracking.startswith("YSQ")
    audit(applicant, "done")

    # the office confirms receipt (条例 第三十一条) and assigns the department
    _log_in(tab, url, "reviewer", "pw-reviewer")
    tab.goto(url + "/workbench/foi/")
    audit(tab, "staff-list")
    tab.get_by_role("link", name=tracking).click()
    tab.locator("summary", has_text="分配承办处室").click()
    tab.get_by_label("承办处室").select_option(str(department.pk))
    tab.get_by_role("button", name="分配承办处室").click()
    _step(tab, "确认收到申请（条例第三十一条）")
    assert tab.locator("#req-status").inner_text() == "办理中"
    detail = tab.url

    # the department asks for a correction
    _log_in(tab, url, "author", "pw-author")
    tab.goto(detail)
    tab.locator("summary", has_text="告知补正").click()
    tab.get_by_label("需要补正的事项（一次性告知）").fill("请写明设区市名称")
    tab.get_by_role("button", name="告知补正（条例第三十条）").click()
    assert tab.locator("#req-status").inner_text() == "待申请人补正"
    audit(tab, "staff-detail")

    # the applicant follows the case and corrects online
    applicant.goto(url + "/foi/track/")
    audit(applicant, "track")
    applicant.get_by_label("申请编号").fill(tracking)
    applicant.get_by_label("查询码").fill(code)
    applicant.get_by_role("button", name="查询").click()
    assert applicant.locator("#case-status").inner_text() == "待申请人补正"
    audit(applicant, "case-correction")
    applicant.get_by_label("补正内容").fill("福州市")
    applicant.get_by_role("button", name="提交补正").click()
    assert applicant.locator("#case-status").inner_text() == "办理中"

    # extension: asked by the department, approved by the office head
    tab.goto(detail)
    tab.locator("summary", has_text="申请延长答复期限").click()
    tab.get_by_label("延期理由").fill("需要调取档案")
    tab.get_by_role("button", name="申请延长答复期限（条例第三十三条）").click()
    _log_in(tab, url, "reviewer", "pw-reviewer")
    tab.goto(detail)
    _step(tab, "批准延期（公开办负责人）")
    assert "已批准" in tab.content()

    # the department attaches the list, redacts it and drafts the reply (four-eyes)
    _log_in(tab, url, "author", "pw-author")
    tab.goto(detail)
    tab.get_by_label("答复附件（PDF、DOCX、XLSX、PNG、JPG）").set_input_files(
        files=[{"name": "名单.pdf", "mimeType": "application/pdf", "buffer": LIST}]
    )
    tab.get_by_role("button", name="上传答复附件").click()
    assert "发现个人信息 2 处" in tab.locator("body").inner_text()
    tab.get_by_role("button", name="脱敏（去除文字，保留原件）：名单.pdf").click()
    assert "可随答复发出" in tab.locator(".reply-files").inner_text()
    tab.locator("summary", has_text="提交答复草稿").click()
    tab.get_by_label("答复类型（只能选一项）").select_option("disclosed")
    tab.get_by_label("答复内容").fill("名单见附件。")
    tab.get_by_role("button", name="提交答复草稿（公开办审核后发出）").click()
    assert "待公开办审核" in tab.locator("#reply-draft").inner_text()
    assert tab.locator("#req-status").inner_text() == "办理中"

    # the office approves: the reply goes out as drafted
    _log_in(tab, url, "reviewer", "pw-reviewer")
    tab.goto(detail)
    _step(tab, "批准答复并发出（公开办）")
    assert tab.locator("#req-status").inner_text() == "已答复"
    assert "按期" in tab.locator("body").inner_text() or "已结束" in tab.content()

    # the applicant downloads the reply letter
    applicant.goto(url + "/foi/track/case/")
    assert applicant.locator("#case-status").inner_text() == "已答复"
    audit(applicant, "case-replied")
    with applicant.expect_download() as info:
        applicant.get_by_role("link", name="政府信息公开申请答复书（").click()
    assert info.value.suggested_filename.endswith(".docx")
    with applicant.expect_download() as info:
        applicant.locator("ul.letters li").last.get_by_role("link", name="PDF").click()
    assert info.value.suggested_filename.endswith(".pdf")
    titles = applicant.locator("ul.letters li").all_inner_texts()
    assert len(titles) == 4  # acknowledgement, correction, extension, reply
    with applicant.expect_download() as info:
        applicant.get_by_role("link", name="名单.pdf").click()
    assert info.value.suggested_filename == "名单-脱敏.pdf"
    released = text_layer(Path(info.value.path()).read_bytes())
    assert PHONE not in released and "电梯维保单位名单" in released
    audit(tab, "staff-detail-replied")
    for path, name in (("register/", "staff-register"), ("often/", "staff-often")):
        tab.goto(url + "/workbench/foi/" + path)
        audit(tab, name)


def test_report_page_has_no_axe_violations(live_server, tab, settings, reviewer):
    settings.GONGKAI_REQUIRE_OTP = False
    _log_in(tab, live_server.url, "reviewer", "pw-reviewer")
    tab.goto(live_server.url + "/workbench/foi/report/2026/")
    assert tab.locator("#checks-ok").count() == 1
    audit(tab, "report")
    tab.get_by_role("button", name="公布年度报告").click()
    tab.goto(live_server.url + "/foi/reports/")
    tab.get_by_role("link", name="2026年政府信息公开工作年度报告").click()
    assert "（七）总计" in tab.locator("#t3").inner_text()
    audit(tab, "report-public")


@pytest.mark.parametrize("width", [360, 1366])
def test_statistics_page_fits_phones_without_axe_violations(
    live_server, browser, staff, width
):
    from .support import received

    received(by=staff, day="2026-02-10")
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/foi/statistics/?year=2026")
    assert page.locator("svg.chart").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    audit(page, f"statistics-{width}")
    context.close()
