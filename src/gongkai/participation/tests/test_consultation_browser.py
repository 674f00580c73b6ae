"""Real-browser checks: axe-core finds no violation on any new public page at 390 and
1366 px, nothing scrolls sideways at 360/390 px, and the journey of issue 13 — a
citizen comments on an open consultation (no JavaScript needed); staff moderate,
close it and publish the feedback report."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongkai.common.tests.axe import audit
from gongkai.participation.models import ConsultationComment, FeedbackReport
from gongkai.participation.services import consultations as services

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page: Any, name: str) -> None:
    wide = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert wide <= 0, f"{name}: {wide}px sideways scroll"


@pytest.fixture
def pages(staff, reviewer) -> list[tuple[str, str]]:
    c = f.consultation(staff=staff, reviewer=reviewer, shortened_reason="")
    comment = services.comment_submit(consultation=c, body="建议，电话13800138000。")
    services.comment_moderate(comment=comment, approve=True, by=staff)
    closed = f.consultation(staff=staff, reviewer=reviewer, title="已截止的草案")
    services.consultation_close(consultation=closed, by=staff, note="提前结束。")
    report = services.feedback_create(
        consultation=closed, title="", summary="共收到2条。", received_count=2,
        items=f.ITEMS, by=staff,
    )  # fmt: skip
    f.publish(report, staff=staff, reviewer=reviewer)
    m = f.meeting(staff=staff, reviewer=reviewer)
    return [
        ("/consultations/", "consultation list"),
        ("/consultations/?phase=closed", "closed consultations"),
        (c.get_absolute_url(), "open consultation with its form"),
        (closed.get_absolute_url(), "closed consultation"),
        (report.get_absolute_url(), "feedback report"),
        ("/meetings/", "meeting list"),
        (m.get_absolute_url(), "meeting"),
    ]


@pytest.mark.parametrize("width", [360, 390, 1366])
def test_public_pages_have_no_axe_violations(live_server, browser, pages, width):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": 900}
    )
    tab = context.new_page()
    try:
        for url, name in pages:
            response = tab.goto(live_server.url + url)
            assert response.status == 200, url
            no_sideways_scroll(tab, f"{name} at {width}px")
            if width != 360:
                audit(tab, f"{name} at {width}px")
        # the comment form's error state too
        tab.goto(live_server.url + pages[2][0])
        tab.get_by_role("button", name="提交意见").click()
        tab.wait_for_load_state()
        assert tab.locator("[role=alert]").count() >= 1
        if width != 360:
            audit(tab, f"comment form with errors at {width}px")
    finally:
        context.close()


def _login(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    tab.goto(live_server.url + "/accounts/login/")
    tab.get_by_label("用户名").fill(username)
    tab.get_by_label("密码").fill("pw-" + username)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_load_state()
    assert "/workbench/" in tab.url, (tab.url, tab.locator("main").inner_text()[:500])
    return tab


def test_citizen_comments_staff_moderate_close_and_publish_feedback(
    live_server, browser, settings, staff, reviewer
):
    settings.GONGKAI_CONSULTATION_MIN_FORM_SECONDS = 0
    settings.GONGKAI_REQUIRE_OTP = False
    c = f.consultation(
        staff=staff, reviewer=reviewer, title="电动自行车管理办法征求意见稿"
    )

    # a citizen, with JavaScript off: the form is plain HTML
    citizen_context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    citizen = citizen_context.new_page()
    citizen.goto(live_server.url + "/consultations/")
    citizen.get_by_role("link", name="电动自行车管理办法征求意见稿").click()
    citizen.get_by_label("涉及条款或方面（可选）").fill("第五条")
    citizen.get_by_label("意见内容").fill("建议明确抽检频次。我的电话13800138000。")
    citizen.get_by_role("button", name="提交意见").click()
    assert "意见已提交" in citizen.locator("h1").inner_text()
    assert ConsultationComment.objects.get().topic == "第五条"

    # staff of the department: moderate, close early with a reason, draft the report
    desk = _login(browser, live_server, staff.username)
    desk.goto(f"{live_server.url}/workbench/participation/consultations/{c.pk}/")
    comment = ConsultationComment.objects.get()
    desk.locator(f"#decision-{comment.pk}").select_option("approve")
    desk.get_by_role("button", name="保存审核结果").click()
    assert "意见审核结果已保存" in desk.content()
    desk.get_by_label(re.compile("提前截止的理由")).fill(
        "草案需根据上位法修改，提前结束。"
    )
    desk.get_by_role("button", name="结束征求意见").click()
    assert "已结束征求意见" in desk.content()
    desk.get_by_role("link", name="起草意见采纳情况反馈").click()
    desk.get_by_label("总体情况").fill("共收到意见1条，部分采纳。")
    desk.locator("#id_items-0-topic").fill("第五条")
    desk.locator("#id_items-0-opinion").fill("建议明确抽检频次。")
    desk.locator("#id_items-0-outcome").select_option("partly")
    desk.locator("#id_items-0-reason").fill(
        "抽检频次由年度计划确定，本办法作原则规定。"
    )
    desk.get_by_role("button", name="保存").click()
    assert "意见采纳情况反馈已保存" in desk.content()
    desk.get_by_role("button", name="提交审核").click()
    assert "已提交审核" in desk.content()

    # the openness office: approve and publish
    office = _login(browser, live_server, reviewer.username)
    report = FeedbackReport.objects.get()
    office.goto(f"{live_server.url}/workbench/participation/feedback/{report.pk}/")
    office.get_by_role("button", name="审核通过").click()
    assert "已审核通过" in office.content()
    office.get_by_role("button", name="发布").click()
    assert "已发布" in office.content()

    # the citizen sees the masked comment and the feedback report
    citizen.goto(live_server.url + c.get_absolute_url())
    page = citizen.content()
    assert "［已隐去手机号码］" in page and "13800138000" not in page
    citizen.get_by_role("link", name=re.compile("征求意见采纳情况")).click()
    assert "部分采纳" in citizen.content()
    assert "抽检频次由年度计划确定" in citizen.content()
    citizen_context.close()


def test_workbench_pages_have_no_axe_violations(
    live_server, browser, settings, staff, reviewer
):
    settings.GONGKAI_REQUIRE_OTP = False
    c = f.consultation(staff=staff, reviewer=reviewer)
    services.comment_submit(consultation=c, body="意见，电话13800138000。")
    services.consultation_close(consultation=c, by=staff, note="提前结束。")
    report = services.feedback_create(
        consultation=c, title="", summary="s", received_count=1, items=f.ITEMS,
        by=staff,
    )  # fmt: skip
    m = f.meeting(staff=staff)
    tab = _login(browser, live_server, staff.username)
    nav = tab.content()
    assert "/workbench/participation/consultations/" in nav  # the staff menu entry
    for url, name in [
        ("/workbench/participation/consultations/", "consultation list"),
        ("/workbench/participation/consultations/new/", "new consultation"),
        ("/workbench/participation/consultations/import/", "consultation import"),
        (f"/workbench/participation/consultations/{c.pk}/", "consultation"),
        (f"/workbench/participation/feedback/{report.pk}/", "feedback report"),
        ("/workbench/participation/meetings/", "meeting list"),
        (f"/workbench/participation/meetings/{m.pk}/", "meeting"),
    ]:
        response = tab.goto(live_server.url + url)
        assert response.status == 200, url
        audit(tab, "workbench " + name)
