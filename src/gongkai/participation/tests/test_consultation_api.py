"""API of consultations and meetings: public reads, staff create with the same
refusal as the form, comments, the lifecycle through the publishing API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.participation.models import ConsultationComment, PublicConsultation
from gongkai.participation.services import consultations as services

from . import factories as f

pytestmark = pytest.mark.django_db

LIST = "/api/v1/participation/consultations/"
MEETINGS = "/api/v1/participation/meetings/"


def _error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code
    return body


def _payload(staff, **extra):
    now = timezone.now()
    values = {
        "department": staff.department_id,
        "title": "《某办法（征求意见稿）》",
        "explanation": "起草说明。",
        "draft_url": "https://example.gov.cn/d.pdf",
        "open_at": now.isoformat(),
        "close_at": (now + dt.timedelta(days=10)).isoformat(),
    }
    values.update(extra)
    return values


def test_public_list_and_detail(client, staff, reviewer, django_assert_max_num_queries):
    c = f.consultation(staff=staff, reviewer=reviewer)
    comment = services.comment_submit(consultation=c, body="电话13800138000")
    services.comment_moderate(comment=comment, approve=True, by=staff)
    f.consultation(staff=staff, title="草稿")
    with django_assert_max_num_queries(8):
        body = client.get(LIST).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["phase"] == "open" and row["received"] == 1 and row["shortened"] is False
    assert client.get(LIST + "?phase=closed").json()["count"] == 0
    _error(client.get(LIST + "?phase=later"), 400, "invalid")
    detail = client.get(f"{LIST}{c.pk}/").json()
    assert detail["comments"][0]["text"] == "电话［已隐去手机号码］"
    assert "contact" not in detail["comments"][0] and detail["feedback"] is None


def test_detail_of_a_draft_is_404(client, staff):
    c = f.consultation(staff=staff)
    _error(client.get(f"{LIST}{c.pk}/"), 404, "not_found")


def test_create_refuses_a_short_period_without_reason(login, staff):
    api = login(staff)
    body = _error(api.post(LIST, _payload(staff), content_type="application/json"),
                  400, "invalid")  # fmt: skip
    assert "征求意见期限少于30日，须填写缩短期限的理由" in body["message"]
    assert body["detail"][0]["field"] == "shortened_reason"
    ok = api.post(
        LIST, _payload(staff, shortened_reason="时间紧迫。"),
        content_type="application/json",
    )  # fmt: skip
    assert ok.status_code == 201 and ok.json()["shortened_reason"] == "时间紧迫。"


def test_create_is_refused_to_the_public_and_to_auditors(client, login, staff, auditor):
    _error(client.post(LIST, _payload(staff), content_type="application/json"),
           401, "not_authenticated")  # fmt: skip
    api = login(auditor)
    _error(api.post(LIST, _payload(staff), content_type="application/json"),
           403, "permission_denied")  # fmt: skip
    assert not PublicConsultation.objects.exists()


def test_comment_post_and_rate_limit(client, settings, staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    url = f"{LIST}{c.pk}/comments/"
    response = client.post(url, {"body": "同意。", "contact": "a@b.cn"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 201 and "contact" not in response.json()
    _error(
        client.post(url, {"body": ""}, content_type="application/json"), 400, "invalid"
    )
    settings.GONGKAI_CONSULTATION_COMMENTS_PER_HOUR = 2
    _error(client.post(url, {"body": "再提一条"}, content_type="application/json"),
           429, "rate_limited")  # fmt: skip
    assert ConsultationComment.objects.count() == 1


def test_comment_on_a_closed_consultation_is_409(client, staff, reviewer):
    c = f.consultation(staff=staff, reviewer=reviewer)
    services.consultation_close(consultation=c, by=staff, note="提前结束。")
    _error(client.post(f"{LIST}{c.pk}/comments/", {"body": "意见"},
                       content_type="application/json"), 409, "consultation.not_open")  # fmt: skip


def test_lifecycle_through_the_publishing_api(login, staff, reviewer):
    c = f.consultation(staff=staff)
    base = f"/api/v1/publishing/participation.publicconsultation/{c.pk}/"
    author = login(staff)
    assert "submit" in author.get(base).json()["actions"]
    assert author.post(base + "submit/").status_code == 200
    _error(author.post(base + "approve/"), 403, "permission_denied")
    office = login(reviewer)
    assert office.post(base + "approve/", {"accept_warnings": True},
                       content_type="application/json").status_code == 200  # fmt: skip
    assert office.post(base + "publish/").status_code == 200
    closing = office.post(base + "close/", {}, content_type="application/json")
    _error(closing, 400, "consultation.close_reason")
    closed = office.post(base + "close/", {"note": "提前结束。"},
                         content_type="application/json")  # fmt: skip
    assert closed.status_code == 200
    c.refresh_from_db()
    assert c.close_note == "提前结束。"


def test_meetings(client, staff, reviewer):
    m = f.meeting(staff=staff, reviewer=reviewer)
    draft = f.meeting(staff=staff)
    body = client.get(MEETINGS).json()
    assert [r["id"] for r in body["results"]] == [m.pk]
    assert (
        client.get(f"{MEETINGS}{m.pk}/").json()["recording_url"].startswith("https://")
    )
    _error(client.get(f"{MEETINGS}{draft.pk}/"), 404, "not_found")


def test_schema_lists_the_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/participation/consultations/" in schema
    assert "/api/v1/participation/meetings/{id}/" in schema
