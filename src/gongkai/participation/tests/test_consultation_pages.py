"""Public and workbench pages of consultations and meetings, each with its failure."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.core.tabular import write_xlsx
from gongkai.participation.choices import CommentStatus
from gongkai.participation.models import ConsultationComment, PublicConsultation
from gongkai.participation.services import consultations as services

from . import factories as f

pytestmark = pytest.mark.django_db


def _token(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def _form(**extra):
    now = timezone.localtime()
    values = {
        "title": "《某办法（征求意见稿）》",
        "explanation": "起草说明。",
        "draft_url": "https://example.gov.cn/d.pdf",
        "open_at": now.strftime("%Y-%m-%dT%H:%M"),
        "close_at": (now + dt.timedelta(days=40)).strftime("%Y-%m-%dT%H:%M"),
    }
    values.update(extra)
    return values


# public ---------------------------------------------------------------------------
def test_public_list_counts_comments_and_filters_by_phase(
    client, staff, reviewer, django_assert_max_num_queries
):
    c = f.consultation(staff=staff, reviewer=reviewer)
    for body in ("一", "二"):
        services.comment_submit(consultation=c, body=body)
    now = timezone.now()
    closed = f.consultation(
        staff=staff, reviewer=reviewer, title="已截止的草案",
        open_at=now - dt.timedelta(days=40), close_at=now - dt.timedelta(days=1),
    )  # fmt: skip
    f.consultation(staff=staff, title="草稿不公开")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("participation:consultation-list")).content.decode()
    assert c.title in page and closed.title in page and "草稿不公开" not in page
    assert "收到意见 2 条" in page
    open_page = client.get(reverse("participation:consultation-list") + "?phase=open")
    assert closed.title not in open_page.content.decode()
    closed_page = client.get(
        reverse("participation:consultation-list") + "?phase=closed"
    )
    assert c.title not in closed_page.content.decode()


def test_detail_of_a_draft_is_404(client, staff):
    c = f.consultation(staff=staff)
    assert client.get(c.get_absolute_url()).status_code == 404


def test_comment_without_javascript_is_masked_after_moderation(
    client, settings, staff, reviewer
):
    settings.GONGKAI_CONSULTATION_MIN_FORM_SECONDS = 0
    c = f.consultation(staff=staff, reviewer=reviewer)
    page = client.get(c.get_absolute_url()).content.decode()
    response = client.post(
        reverse("participation:consultation-comment", args=[c.pk]),
        {
            "token": _token(page),
            "body": "建议删除第五条，电话13800138000。",
            "name": "张先生",
        },
    )
    assert response.status_code == 200 and "意见已提交" in response.content.decode()
    comment = ConsultationComment.objects.get()
    assert "13800138000" in comment.body
    # not shown before moderation
    assert "建议删除第五条" not in client.get(c.get_absolute_url()).content.decode()
    services.comment_moderate(comment=comment, approve=True, by=staff)
    shown = client.get(c.get_absolute_url()).content.decode()
    assert "建议删除第五条" in shown and "13800138000" not in shown
    assert "［已隐去手机号码］" in shown


def test_comment_bot_protection_and_rate_limit(client, settings, staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    url = reverse("participation:consultation-comment", args=[c.pk])
    settings.GONGKAI_CONSULTATION_MIN_FORM_SECONDS = 60
    token = _token(client.get(c.get_absolute_url()).content.decode())
    too_fast = client.post(url, {"token": token, "body": "意见"})
    assert too_fast.status_code == 400 and "提交过快" in too_fast.content.decode()
    settings.GONGKAI_CONSULTATION_MIN_FORM_SECONDS = 0
    trap = client.post(url, {"token": token, "body": "意见", "website": "http://spam"})
    assert "未通过校验" in trap.content.decode()
    ok = client.post(url, {"token": token, "body": "意见"})
    assert ok.status_code == 200
    replay = client.post(url, {"token": token, "body": "意见"})
    assert "不能重复提交" in replay.content.decode()
    settings.GONGKAI_CONSULTATION_COMMENTS_PER_HOUR = 4
    limited = client.post(url, {"token": token, "body": "意见"})
    assert "提交次数过多" in limited.content.decode()
    assert ConsultationComment.objects.count() == 1


def test_comment_on_a_closed_consultation_is_refused(client, settings, staff, reviewer):
    settings.GONGKAI_CONSULTATION_MIN_FORM_SECONDS = 0
    c = f.consultation(staff=staff, reviewer=reviewer)
    token = _token(client.get(c.get_absolute_url()).content.decode())
    services.consultation_close(consultation=c, by=staff, note="提前结束。")
    page = client.get(c.get_absolute_url()).content.decode()
    assert "提前结束。" in page and 'name="token"' not in page
    response = client.post(
        reverse("participation:consultation-comment", args=[c.pk]),
        {"token": token, "body": "意见"},
    )
    assert response.status_code == 400
    assert "不在意见提交期内" in response.content.decode()


def _published_feedback(staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    services.consultation_close(consultation=c, by=staff, note="提前结束。")
    report = services.feedback_create(
        consultation=c, title="", summary="共收到3条。", received_count=3,
        items=f.ITEMS, by=staff,
    )  # fmt: skip
    f.publish(report, staff=staff, reviewer=reviewer)
    return c, report


def test_feedback_page_groups_by_topic_and_is_linked(client, staff, reviewer):
    c, report = _published_feedback(staff, reviewer)
    services.consultation_final_document_set(
        consultation=c, url="https://example.gov.cn/final.html", by=staff
    )
    detail = client.get(c.get_absolute_url()).content.decode()
    assert report.get_absolute_url() in detail
    assert "https://example.gov.cn/final.html" in detail
    page = client.get(report.get_absolute_url()).content.decode()
    assert "第五条" in page and "备案由上位法规定。" in page and "未采纳" in page
    assert "https://example.gov.cn/final.html" in page


def test_unpublished_feedback_is_404(client, staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    report = services.feedback_create(
        consultation=c, title="t", summary="s", received_count=0, items=[], by=staff
    )
    assert client.get(report.get_absolute_url()).status_code == 404


def test_meeting_pages(client, staff, reviewer):
    m = f.meeting(staff=staff, reviewer=reviewer)
    draft = f.meeting(staff=staff, title="未发布的会议")
    page = client.get(reverse("participation:meeting-list")).content.decode()
    assert m.title in page and "未发布的会议" not in page
    detail = client.get(m.get_absolute_url()).content.decode()
    assert "https://live.example.gov.cn/1" in detail and "原则通过。" in detail
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_feed(client, staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    response = client.get(reverse("participation:consultation-feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert c.title in response.content.decode()


# workbench ------------------------------------------------------------------------
def test_staff_pages_need_a_login(client, staff):
    c = f.consultation(staff=staff)
    for url in [
        reverse("participation-staff:consultation-list"),
        reverse("participation-staff:consultation-edit", args=[c.pk]),
        reverse("participation-staff:meeting-list"),
    ]:
        assert client.get(url).status_code == 302


def test_staff_form_refuses_a_short_period_without_reason(login, staff):
    client = login(staff)
    now = timezone.localtime()
    response = client.post(
        reverse("participation-staff:consultation-create"),
        _form(department=staff.department_id,
              close_at=(now + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")),
    )  # fmt: skip
    assert response.status_code == 400
    assert "征求意见期限少于30日，须填写缩短期限的理由" in response.content.decode()
    assert not PublicConsultation.objects.exists()
    ok = client.post(
        reverse("participation-staff:consultation-create"),
        _form(department=staff.department_id,
              close_at=(now + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
              shortened_reason="时间紧迫。"),
    )  # fmt: skip
    assert ok.status_code == 302
    assert PublicConsultation.objects.get().shortened_reason == "时间紧迫。"


def test_staff_edit_of_another_department_is_404(login, staff, other_staff):
    c = f.consultation(staff=staff)
    client = login(other_staff)
    url = reverse("participation-staff:consultation-edit", args=[c.pk])
    assert client.get(url).status_code == 404


def test_auditor_cannot_create(login, auditor):
    client = login(auditor)
    response = client.post(reverse("participation-staff:consultation-create"), _form())
    assert response.status_code == 403


def test_staff_moderate_close_and_feedback_pages(login, staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    comment = services.comment_submit(consultation=c, body="意见")
    client = login(staff)
    edit = client.get(reverse("participation-staff:consultation-edit", args=[c.pk]))
    assert edit.status_code == 200 and "结束征求意见" in edit.content.decode()
    client.post(
        reverse("participation-staff:comment-moderate", args=[c.pk, comment.pk]),
        {"decision": "reject", "note": "与草案无关"},
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    refused = client.post(
        reverse("participation-staff:consultation-action", args=[c.pk, "close"]), {}
    )
    assert refused.status_code == 302
    c.refresh_from_db()
    assert c.closed_at is None
    client.post(
        reverse("participation-staff:consultation-action", args=[c.pk, "close"]),
        {"note": "草案撤回。"},
    )
    c.refresh_from_db()
    assert c.close_note == "草案撤回。"
    created = client.post(
        reverse("participation-staff:feedback-create", args=[c.pk]),
        {
            "title": "", "summary": "共1条。", "received_count": "1",
            "items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "0",
            "items-0-topic": "总体", "items-0-opinion": "意见", "items-0-count": "1",
            "items-0-outcome": "not_adopted", "items-0-reason": "与草案无关。",
            # the two empty rows as a browser sends them
            "items-1-count": "1", "items-1-outcome": "",
            "items-2-count": "1", "items-2-outcome": "",
        },
    )  # fmt: skip
    assert created.status_code == 302
    report = c.feedback
    assert report.items.get().reason == "与草案无关。"
    page = client.get(reverse("participation-staff:feedback-edit", args=[report.pk]))
    assert "提交审核" in page.content.decode()
    client.post(
        reverse("participation-staff:final-document", args=[c.pk]),
        {"url": "https://example.gov.cn/final"},
    )
    c.refresh_from_db()
    assert c.final_document_url == "https://example.gov.cn/final"


def test_feedback_missing_reason_is_shown_in_the_form(login, staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    client = login(staff)
    response = client.post(
        reverse("participation-staff:feedback-create", args=[c.pk]),
        {
            "summary": "s", "received_count": "1",
            "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0",
            "items-0-topic": "总体", "items-0-opinion": "意见", "items-0-count": "1",
            "items-0-outcome": "partly",
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "须说明理由" in response.content.decode()


def test_other_department_cannot_moderate(login, staff, other_staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    comment = services.comment_submit(consultation=c, body="意见")
    client = login(other_staff)
    response = client.post(
        reverse("participation-staff:comment-moderate", args=[c.pk, comment.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 404


def test_import_reports_row_errors(login, staff):
    client = login(staff)
    headers = ["标题", "起草说明", "开始时间", "截止时间", "缩短期限的理由", "草案链接"]
    rows = [
        ["《甲办法》", "说明", "2026-12-01 09:00", "2026-12-31", "", "https://e.cn/a"],
        ["《乙办法》", "说明", "2026-12-01", "2026-12-10", "", "https://e.cn/b"],
        ["《丙办法》", "说明", "2026-12-01", "2026-12-10", "紧急。", "https://e.cn/c"],
        ["《丁办法》", "说明", "2026-13-01", "2026-12-10", "", "https://e.cn/d"],
    ]
    upload = write_xlsx(headers, rows)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("participation-staff:consultation-import"),
        {
            "department": staff.department_id,
            "file": SimpleUploadedFile("c.xlsx", upload),
        },
    )
    page = response.content.decode()
    assert "已导入 2 项，2 行有错误" in page
    assert "征求意见期限少于30日，须填写缩短期限的理由" in page
    assert "不是有效的日期或时间" in page
    titles = set(PublicConsultation.objects.values_list("title", flat=True))
    assert titles == {"《甲办法》", "《丙办法》"}
    first = PublicConsultation.objects.get(title="《甲办法》")
    assert timezone.localtime(first.close_at).date() == dt.date(2027, 1, 1)


def test_import_needs_permission(login, auditor):
    client = login(auditor)
    assert (
        client.get(reverse("participation-staff:consultation-import")).status_code
        == 403
    )


def test_meeting_staff_pages(login, staff, other_staff):
    client = login(staff)
    response = client.post(
        reverse("participation-staff:meeting-create"),
        {"department": staff.department_id, "title": "开放会议",
         "held_at": "2026-12-01T09:00", "agenda": "议程"},
    )  # fmt: skip
    assert response.status_code == 302
    m = f.meeting(staff=staff)
    assert (
        client.get(reverse("participation-staff:meeting-edit", args=[m.pk])).status_code
        == 200
    )
    other = login(other_staff)
    assert (
        other.get(reverse("participation-staff:meeting-edit", args=[m.pk])).status_code
        == 404
    )


def test_pages_in_english(client, staff, reviewer):
    from django.conf import settings as conf

    c = f.consultation(staff=staff, reviewer=reviewer)
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("participation:consultation-list")).content.decode()
    assert "Open for comment" in page and "0 comments received" in page
    detail = client.get(c.get_absolute_url()).content.decode()
    assert "Submit comment" in detail and "Your comment" in detail


def test_cached_list_follows_the_comment_period_edges(client, staff, reviewer):
    import time_machine

    now = timezone.now()
    f.consultation(
        staff=staff, reviewer=reviewer, title="下周开始的草案",
        open_at=now + dt.timedelta(hours=2), close_at=now + dt.timedelta(days=40),
    )  # fmt: skip
    url = reverse("participation:consultation-list") + "?phase=open"
    assert "下周开始的草案" not in client.get(url).content.decode()
    with time_machine.travel(now + dt.timedelta(hours=3)):
        assert "下周开始的草案" in client.get(url).content.decode()


def test_shareable_consultations_are_those_not_open_for_comment(staff, reviewer):
    from gongkai.participation.selectors.consultations import (
        consultation_list_shareable,
    )

    now = timezone.now()
    open_one = f.consultation(staff=staff, reviewer=reviewer, title="正在征求")
    early = f.consultation(staff=staff, reviewer=reviewer, title="提前截止")
    services.consultation_close(consultation=early, by=staff, note="提前结束。")
    ended = f.consultation(
        staff=staff, reviewer=reviewer, title="到期截止",
        open_at=now - dt.timedelta(days=40), close_at=now - dt.timedelta(days=1),
    )  # fmt: skip
    upcoming = f.consultation(
        staff=staff, reviewer=reviewer, title="尚未开始",
        open_at=now + dt.timedelta(days=1), close_at=now + dt.timedelta(days=41),
    )  # fmt: skip
    f.consultation(staff=staff, title="草稿", open_at=now + dt.timedelta(days=1))
    found = set(consultation_list_shareable(now=timezone.now()))
    assert found == {early, ended, upcoming} and open_one not in found
    # The open one's page is for one visitor: never kept by a shared cache.
    response = Client().get(open_one.get_absolute_url())
    assert (
        "private" in response["Cache-Control"]
        and "no-store" in (response["Cache-Control"])
    )
    closed = Client().get(ended.get_absolute_url())
    assert "private" not in closed.get("Cache-Control", "")
