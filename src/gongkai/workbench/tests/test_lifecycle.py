"""The page lifecycle through the workbench's POST endpoints, and bad input."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.common.models import AuditEvent
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Page, SensitiveWord
from gongkai.workbench.tests.support import CJK, draft_page

pytestmark = pytest.mark.django_db


def _act(client, page, action, **data):
    url = reverse("workbench:page-action", args=[page.pk, action])
    return client.post(url, data, follow=True)


def _form(department, **over):
    data = {
        "title": "政府信息公开指南",
        "slug": "guide",
        "summary": "公开指南概述",
        "body": "<p>主动公开的政府信息通过本网站发布。</p>",
        "formed_on": "",
        "department": department.pk,
    }
    return {**data, **over}


def test_full_lifecycle_from_draft_to_withdrawn(login, staff, reviewer, department):
    public = Client()
    author = login(staff)
    response = author.post(reverse("workbench:page-create"), _form(department))
    page = Page.objects.get(slug="guide")
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:page-edit", args=[page.pk])
    assert page.status == Status.DRAFT
    assert page.author == staff

    response = _act(author, page, "submit")
    assert f"已提交审核：《{page.title}》" in response.content.decode()
    page.refresh_from_db()
    assert page.status == Status.IN_REVIEW
    assert public.get("/pages/guide/").status_code == 404

    office = login(reviewer)
    assert page in office.get(reverse("workbench:review-list")).context["queue"]
    _act(office, page, "approve")
    page.refresh_from_db()
    assert page.status == Status.APPROVED
    assert page.reviewer == reviewer

    _act(office, page, "publish", publish_at="", unpublish_at="")
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED
    response = public.get("/pages/guide/")
    assert response.status_code == 200
    assert "主动公开的政府信息通过本网站发布。" in response.content.decode()

    response = _act(office, page, "withdraw", reason="内容需要更新")
    page.refresh_from_db()
    assert page.status == Status.WITHDRAWN
    assert page.withdraw_reason == "内容需要更新"
    response = public.get("/pages/guide/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()

    actions = list(
        AuditEvent.objects.filter(object_id=str(page.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "page.create",
        "publishing.submit",
        "publishing.approve",
        "publishing.publish",
        "publishing.withdraw",
    ]


def test_author_edits_a_draft_and_sees_the_diff(login, staff):
    page = draft_page(author=staff)
    client = login(staff)
    url = reverse("workbench:page-edit", args=[page.pk])
    response = client.post(
        url,
        {"title": "新标题", "summary": "", "body": "<p>第二版正文</p>"},
        follow=True,
    )
    page.refresh_from_db()
    assert (page.title, page.revision) == ("新标题", 2)
    body = response.content.decode()
    assert "修改已保存，形成新版本。" in body
    assert "+&lt;p&gt;第二版正文&lt;/p&gt;" in body


def test_personal_data_blocks_approval_and_shows_exact_span(login, staff, reviewer):
    body = "<p>联系人身份证号11010519491231002X，手机13800138000。</p>"
    page = draft_page(author=staff, body=body)
    _act(login(staff), page, "submit")
    office = login(reviewer)
    response = _act(office, page, "approve")
    page.refresh_from_db()
    assert page.status == Status.IN_REVIEW
    html = response.content.decode()
    assert "内容含有个人信息或禁用词语，不能通过审核。" in html
    start = body.index("11010519491231002X")
    assert (
        f"身份证号码（正文，第 {start}–{start + 18} 字符）："
        '<mark class="finding">11010519491231002X</mark>'
    ) in html
    start = body.index("13800138000")
    assert f"手机号码（正文，第 {start}–{start + 11} 字符）" in html

    # The findings belong to this page only.
    other = draft_page(author=staff, slug="other")
    other_html = office.get(reverse("workbench:page-edit", args=[other.pk]))
    assert "发布前检查结果" not in other_html.content.decode()


def test_warning_word_needs_explicit_acceptance(login, staff, reviewer):
    SensitiveWord.objects.create(word="最好", level="warn")
    page = draft_page(author=staff, body="<p>本网站是最好的信息来源。</p>")
    _act(login(staff), page, "submit")
    office = login(reviewer)
    response = _act(office, page, "approve")
    page.refresh_from_db()
    assert page.status == Status.IN_REVIEW
    assert '<mark class="finding">最好</mark>' in response.content.decode()
    response = _act(office, page, "approve", accept_warnings="on")
    page.refresh_from_db()
    assert page.status == Status.APPROVED
    assert "发布前检查结果" not in response.content.decode()


def test_reviewer_cannot_approve_own_draft(login, reviewer, office):
    page = draft_page(author=reviewer)
    client = login(reviewer)
    _act(client, page, "submit")
    response = _act(client, page, "approve")
    assert response.status_code == 403
    assert "审核人不能审核自己起草的内容。" in response.content.decode()


def test_invalid_slug_gives_chinese_error(login, staff, department):
    response = login(staff).post(
        reverse("workbench:page-create"), _form(department, slug="不合法 网址")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["slug"]
    assert errors and all(CJK.search(e) for e in errors)
    assert errors[0] in response.content.decode()
    assert not Page.objects.exists()


def test_taken_slug_gives_chinese_error(login, staff, department):
    draft_page(author=staff, slug="guide")
    response = login(staff).post(reverse("workbench:page-create"), _form(department))
    assert response.status_code == 200
    assert "网址名“guide”已被使用。" in response.content.decode()


def test_staff_cannot_create_for_another_department(login, staff, other_department):
    response = login(staff).post(
        reverse("workbench:page-create"), _form(other_department)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["department"]
    assert not Page.objects.exists()


def test_empty_reject_reason_gives_chinese_error(login, staff, reviewer):
    page = draft_page(author=staff)
    _act(login(staff), page, "submit")
    response = _act(login(reviewer), page, "reject", reason="   ")
    assert response.status_code == 200
    assert "退回时必须填写审核意见。" in response.content.decode()
    page.refresh_from_db()
    assert page.status == Status.IN_REVIEW


def test_reject_sends_back_with_reason(login, staff, reviewer):
    page = draft_page(author=staff)
    _act(login(staff), page, "submit")
    _act(login(reviewer), page, "reject", reason="请补充联系方式")
    page.refresh_from_db()
    assert (page.status, page.review_note) == (Status.DRAFT, "请补充联系方式")


def _approved(login, staff, reviewer):
    page = draft_page(author=staff)
    _act(login(staff), page, "submit")
    client = login(reviewer)
    _act(client, page, "approve")
    return page, client


def test_publish_window_end_before_start_gives_chinese_error(login, staff, reviewer):
    page, client = _approved(login, staff, reviewer)
    response = _act(
        client,
        page,
        "publish",
        publish_at="2026-05-01T10:00",
        unpublish_at="2026-04-01T10:00",
    )
    assert response.status_code == 200
    assert "下线时间必须晚于发布时间。" in response.content.decode()
    page.refresh_from_db()
    assert page.status == Status.APPROVED
    assert page.publish_at is None


def test_malformed_publish_time_gives_chinese_error(login, staff, reviewer):
    page, client = _approved(login, staff, reviewer)
    response = _act(client, page, "publish", publish_at="下周一")
    assert response.status_code == 200
    assert "发布时间格式不正确。" in response.content.decode()
    page.refresh_from_db()
    assert page.status == Status.APPROVED


def test_scheduled_publication_is_not_visible_before_its_time(login, staff, reviewer):
    page, client = _approved(login, staff, reviewer)
    _act(client, page, "publish", publish_at="2099-01-01T09:00")
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED
    assert Client().get(f"/pages/{page.slug}/").status_code == 404


def test_wrong_state_transition_gives_chinese_error(login, staff, reviewer):
    page = draft_page(author=staff)
    response = _act(login(reviewer), page, "publish")
    assert response.status_code == 200
    assert "“草稿”状态下不能发布。" in response.content.decode()


def test_empty_withdraw_reason_gives_chinese_error(login, staff, reviewer):
    page, client = _approved(login, staff, reviewer)
    response = _act(client, page, "withdraw", reason="")
    assert "撤回时必须填写原因。" in response.content.decode()
    page.refresh_from_db()
    assert page.status == Status.APPROVED


def test_reopen_turns_approved_back_into_draft(login, staff, reviewer):
    page, _client = _approved(login, staff, reviewer)
    _act(login(staff), page, "reopen")
    page.refresh_from_db()
    assert page.status == Status.DRAFT


def test_editing_a_published_page_is_refused_in_chinese(login, staff, reviewer):
    page, client = _approved(login, staff, reviewer)
    url = reverse("workbench:page-edit", args=[page.pk])
    response = client.post(url, {"title": "改标题", "summary": "", "body": ""})
    assert response.status_code == 200
    assert "只有草稿可以修改" in response.content.decode()


def test_unknown_action_is_400_with_its_code(login, staff):
    page = draft_page(author=staff)
    response = _act(login(staff), page, "explode")
    assert response.status_code == 400
    assert "未知操作：explode。" in response.content.decode()
    assert "publishing.unknown_action" in response.content.decode()


def test_missing_title_gives_chinese_error(login, staff, department):
    response = login(staff).post(
        reverse("workbench:page-create"), _form(department, title="")
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["title"]
    assert CJK.search(error)
