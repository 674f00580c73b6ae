"""Every endpoint of the mailbox, proposals and incidents: public pages, workbench
pages, API and feeds, each with a failure case (permission, bad input, not found)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.participation.models import Message, MessageStatus, Proposal
from gongkai.participation.services import incidents, mailbox, proposals

from .support import at, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(department, staff):
    message, code = submit(now=at(2026, 9, 30, 16), department=department)
    mailbox.message_answer(
        message=message, answer="请联系张三 13800138000 复查。", by=staff
    )
    return message, code


@pytest.fixture
def quick_form(settings):
    settings.GONGKAI_MESSAGE_MIN_FORM_SECONDS = 0


def _token(client):
    response = client.get(reverse("participation:message-new"))
    return response.context["form"].initial["token"]


def _post_message(client, **extra):
    data = {
        "category": "consult",
        "subject": "儿童玩具抽检结果在哪里查询",
        "body": "请告知查询方法。",
        "name": "李四",
        "phone": "13900139000",
        "is_public": "1",
        "token": _token(client),
        "website": "",
    }
    data.update(extra)
    return client.post(reverse("participation:message-new"), data)


# ---------------------------------------------------------------- public mailbox


def test_message_form_keeps_about_and_submits(client, quick_form):
    response = client.get(reverse("participation:message-new") + "?about=/powers/7/")
    assert response.status_code == 200
    assert 'value="/powers/7/"' in response.content.decode()
    response = _post_message(client, about="/powers/7/")
    assert response.status_code == 302
    done = client.get(response["Location"])
    message = Message.objects.get()
    assert message.about == "/powers/7/" and message.is_public
    assert message.tracking_number in done.content.decode()
    # shown once
    assert client.get(reverse("participation:message-done")).status_code == 302


def test_message_form_errors_in_chinese(client, quick_form):
    response = _post_message(client, phone="", email="")
    assert response.status_code == 200
    assert "请至少留下联系电话或电子邮箱" in response.content.decode()
    response = _post_message(client, website="http://spam")
    assert "提交未通过校验" in response.content.decode()
    response = _post_message(client, token="forged")
    assert "表单已过期" in response.content.decode()
    assert not Message.objects.exists()


def test_message_form_token_is_single_use(client, quick_form):
    token = _token(client)
    assert _post_message(client, token=token).status_code == 302
    response = _post_message(client, token=token)
    assert "不能重复提交" in response.content.decode()
    assert Message.objects.count() == 1


def test_message_form_rate_limited(client, quick_form, settings):
    settings.GONGKAI_MESSAGE_PER_HOUR = 1
    assert _post_message(client).status_code == 302
    response = _post_message(client)
    assert "提交次数过多" in response.content.decode()
    assert Message.objects.count() == 1


def test_qa_list_and_detail_strip_contacts(client, answered, department):
    message, _ = answered
    hidden, _ = submit(now=at(2026, 10, 8, 9), department=department, is_public=False,
                       subject="不公开的留言")  # fmt: skip
    hidden.status = MessageStatus.ANSWERED
    hidden.save()
    page = client.get(reverse("participation:message-list")).content.decode()
    assert message.subject in page and "不公开的留言" not in page
    detail = client.get(message.get_absolute_url())
    text = detail.content.decode()
    assert detail.status_code == 200
    assert "13800138000" not in text and "138****8000" in text
    assert "张三" not in text and "张*" in text
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_track_and_rate(client, answered):
    message, code = answered
    url = reverse("participation:message-track")
    response = client.post(url, {"tracking_number": message.tracking_number,
                                 "query_code": "AAAAAAAA"})  # fmt: skip
    assert "留言编号或查询码不正确" in response.content.decode()
    assert client.get(reverse("participation:message-mine")).status_code == 302
    response = client.post(url, {"tracking_number": message.tracking_number,
                                 "query_code": code})  # fmt: skip
    assert response["Location"] == reverse("participation:message-mine")
    mine = client.get(response["Location"]).content.decode()
    assert "13800138000" in mine  # the writer's own answer, unmasked
    client.post(response["Location"], {"satisfaction": "satisfied", "note": ""})
    message.refresh_from_db()
    assert message.satisfaction == "satisfied"
    assert "满意" in client.get(message.get_absolute_url()).content.decode()


def test_feeds(client, answered, department, staff):
    incidents.incident_create(
        title="扶梯事故", kind="major", occurred_at=at(2026, 12, 5, 23, 10),
        department=department, by=staff, now=at(2026, 12, 5, 23, 30),
    )  # fmt: skip
    feed = client.get(reverse("participation:message-feed")).content.decode()
    assert answered[0].subject in feed and "13800138000" not in feed
    assert (
        "扶梯事故"
        in client.get(reverse("participation:incident-feed")).content.decode()
    )


# ---------------------------------------------------------------- workbench mailbox


def test_staff_message_pages(login, client, answered, department, other_staff, staff):
    message, _ = answered
    assert client.get(reverse("participation-staff:message-list")).status_code == 302
    login(other_staff)
    url = reverse("participation-staff:message-detail", args=[message.pk])
    assert client.get(url).status_code == 404  # another department's
    login(staff)
    fresh, _ = submit(now=at(2026, 10, 8, 9), department=department, subject="新留言")
    page = client.get(reverse("participation-staff:message-list"))
    assert page.status_code == 200 and "新留言" in page.content.decode()
    detail = client.get(reverse("participation-staff:message-detail", args=[fresh.pk]))
    assert "为什么是这个时间" in detail.content.decode()
    response = client.post(
        reverse("participation-staff:message-detail", args=[fresh.pk]),
        {"step": "answer", "a-answer": ""},
    )
    assert (
        "这个字段是必填项" in response.content.decode() or response.status_code == 200
    )
    client.post(
        reverse("participation-staff:message-detail", args=[fresh.pk]),
        {"step": "answer", "a-answer": "已答复。"},
    )
    fresh.refresh_from_db()
    assert fresh.status == MessageStatus.ANSWERED
    stats = client.get(reverse("participation-staff:message-stats") + "?year=2026")
    assert stats.status_code == 200 and "2026-10" in stats.content.decode()
    assert (
        client.get(reverse("participation-staff:message-stats") + "?year=x").status_code
        == 200
    )


def test_staff_transfer_page(login, client, department, other_department, reviewer):
    message, _ = submit(now=at(2026, 10, 8, 9))
    login(reviewer)
    client.post(
        reverse("participation-staff:message-detail", args=[message.pk]),
        {"step": "assign", "t-department": other_department.pk, "t-reason": "计量"},
    )
    message.refresh_from_db()
    assert message.department == other_department


# ---------------------------------------------------------------- proposals


@pytest.fixture
def proposal(reviewer, department):
    return proposals.proposal_create(
        kind="deputy", year=2026, number="0012", title="关于加强电梯安全监管的建议",
        proposer="李代表", lead_department=department, assigned_at=at(2026, 11, 30, 10),
        by=reviewer, now=at(2026, 11, 30, 10),
    )  # fmt: skip


def test_public_proposal_pages(client, proposal, staff, reviewer):
    page = client.get(reverse("participation:proposal-list") + "?year=2026")
    assert page.status_code == 200 and proposal.title in page.content.decode()
    assert (
        client.get(reverse("participation:proposal-list") + "?year=abc").status_code
        == 200
    )
    detail = client.get(proposal.get_absolute_url()).content.decode()
    assert "答复尚未公开" in detail
    assert (
        client.get(reverse("participation:proposal-detail", args=[999])).status_code
        == 404
    )


def test_staff_proposal_pages(login, client, proposal, staff, other_staff, department):
    login(other_staff)
    assert (
        client.get(
            reverse("participation-staff:proposal-detail", args=[proposal.pk])
        ).status_code
        == 404
    )
    assert client.post(reverse("participation-staff:proposal-create"), {
        "kind": "deputy", "year": 2026, "number": "9", "title": "t", "proposer": "p",
        "lead_department": department.pk, "assigned_at": "2026-12-01T10:00",
    }).status_code == 403  # fmt: skip
    login(staff)
    assert client.get(reverse("participation-staff:proposal-list")).status_code == 200
    url = reverse("participation-staff:proposal-detail", args=[proposal.pk])
    response = client.post(url, {
        "step": "reply", "r-title": "答复", "r-body": "全文", "r-is_summary": "on",
        "r-summary_reason": "", "r-replied_at": "2026-12-05T10:00",
    })  # fmt: skip
    assert "摘要公开必须说明理由" in response.content.decode()
    client.post(url, {
        "step": "reply", "r-title": "答复", "r-body": "全文",
        "r-replied_at": "2026-12-05T10:00",
    })  # fmt: skip
    proposal.refresh_from_db()
    reply = proposal.reply
    edit = client.get(reverse("participation-staff:reply-edit", args=[reply.pk]))
    assert edit.status_code == 200
    client.post(reverse("participation-staff:reply-action", args=[reply.pk, "submit"]))
    reply.refresh_from_db()
    assert reply.status == "in_review"


def test_proposal_create_page(login, client, reviewer, department):
    login(reviewer)
    assert client.get(reverse("participation-staff:proposal-create")).status_code == 200
    response = client.post(reverse("participation-staff:proposal-create"), {
        "kind": "member", "year": 2026, "number": "0105", "title": "地理标志提案",
        "proposer": "王委员", "lead_department": department.pk,
        "assigned_at": "2026-12-01T10:00",
    })  # fmt: skip
    assert response.status_code == 302
    assert Proposal.objects.get().kind == "member"


# ---------------------------------------------------------------- incidents


def test_incident_pages(login, client, staff, other_staff, department):
    login(staff)
    response = client.post(reverse("participation-staff:incident-create"), {
        "title": "扶梯事故", "kind": "major", "occurred_at": "2026-12-05T23:10",
        "department": department.pk, "is_public": "on",
    })  # fmt: skip
    assert response.status_code == 302
    url = response["Location"]
    page = client.get(url).content.decode()
    assert "权威信息发布时限" in page and "2026-12-06 04:10" in page
    client.post(url, {"kind": "release", "title": "情况通报",
                      "at": "2026-12-06T02:00", "url": "https://example.gov.cn/a"})  # fmt: skip
    future = client.post(url, {"kind": "press", "title": "x", "at": "2099-01-01T00:00"})
    assert "发布时间必须在事件发生之后" in future.content.decode()
    login(other_staff)
    assert client.get(url).status_code == 404
    client.logout()
    listing = client.get(reverse("participation:incident-list")).content.decode()
    assert "扶梯事故" in listing
    from gongkai.participation.models import Incident

    detail = client.get(Incident.objects.get().get_absolute_url()).content.decode()
    assert "情况通报" in detail and 'href="https://example.gov.cn/a"' in detail
    assert (
        client.get(reverse("participation:incident-detail", args=[999])).status_code
        == 404
    )
    assert client.get(reverse("participation-staff:incident-list")).status_code == 302


# ---------------------------------------------------------------- API


def test_api_messages(client, answered, department):
    rows = client.get("/api/v1/participation/messages/").json()["results"]
    assert [r["tracking_number"] for r in rows] == [answered[0].tracking_number]
    assert "13800138000" not in str(rows) and rows[0]["writer"] == "张*"
    one = client.get(f"/api/v1/participation/messages/{answered[0].tracking_number}/")
    assert one.status_code == 200
    missing = client.get("/api/v1/participation/messages/LY0/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert client.get("/api/v1/participation/messages/?format=csv").status_code == 200


def test_api_proposals_and_incidents(client, proposal, department, staff):
    rows = client.get("/api/v1/participation/proposals/?year=2026").json()["results"]
    assert rows[0]["number"] == "0012" and rows[0]["reply"] is None
    bad = client.get("/api/v1/participation/proposals/?year=twenty")
    assert bad.status_code == 400 and "year" in bad.json()["message"]
    incidents.incident_create(
        title="扶梯事故", kind="major", occurred_at=at(2026, 12, 5, 23, 10),
        department=department, by=staff, now=at(2026, 12, 5, 23, 30),
    )  # fmt: skip
    rows = client.get("/api/v1/participation/incidents/").json()["results"]
    assert rows[0]["occurred_at"] == "2026-12-05 23:10"


def test_api_proposal_and_incident_details(client, proposal, department, staff):
    one = client.get(f"/api/v1/proposals/{proposal.pk}/")
    assert one.status_code == 200 and one.json()["number"] == "0012"
    assert (
        one.json()
        == client.get(f"/api/v1/participation/proposals/{proposal.pk}/").json()
    )
    incident = incidents.incident_create(
        title="扶梯事故", kind="major", occurred_at=at(2026, 12, 5, 23, 10),
        department=department, by=staff, now=at(2026, 12, 5, 23, 30),
    )  # fmt: skip
    shown = client.get(f"/api/v1/incidents/{incident.pk}/").json()
    assert shown["title"] == "扶梯事故" and shown["url"] == incident.get_absolute_url()
    for path in (f"/api/v1/proposals/{proposal.pk + 1000}/", "/api/v1/incidents/0/"):
        missing = client.get(path)
        assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_api_stats_needs_staff(client, login, staff, answered):
    assert client.get("/api/v1/participation/messages/stats/").status_code == 401
    login(staff)
    rows = client.get("/api/v1/participation/messages/stats/?year=2026").json()
    assert rows[0]["month"] == "2026-09" and rows[0]["received"] == 1
    assert client.get("/api/v1/participation/messages/stats/?year=1").status_code == 400


def test_schema_lists_the_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/participation/messages/", "/participation/proposals/",
                 "/participation/incidents/", "/proposals/{id}/",
                 "/incidents/{id}/"):  # fmt: skip
        assert path in schema


def test_pages_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("participation:message-new")).content.decode()
    assert "Write a message" in page and "Addressed to (optional)" in page
