"""API v1: public pages, staff clocks, audit trail, working-day calculator, renderings."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

from gongkai.publishing.choices import Status
from gongkai.workbench.tests.support import (
    draft_page,
    overdue_clock_page,
    pages_bulk,
    published_page,
)

pytestmark = pytest.mark.django_db

PAGES = "/api/v1/pages/"
AUDIT = "/api/v1/audit-events/"
INBOX = "/api/v1/clocks/inbox/"
DAYS = "/api/v1/calendar/working-days/"


def _error_shape(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"code", "message", "detail"}
    assert body["code"] == code
    assert body["message"]
    return body


# ------------------------------------------------------------------ public pages


def test_page_list_is_public_and_bounded(client, staff, django_assert_max_num_queries):
    pages_bulk(author=staff, n=30)
    draft_page(author=staff, slug="draft")
    with django_assert_max_num_queries(3):
        response = client.get(PAGES)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 30
    assert body["results"][0]["slug"] == "item-0"  # newest first
    assert {"title", "slug", "summary", "publish_at", "url"} == set(body["results"][0])


def test_page_detail(client, staff, reviewer):
    published_page(author=staff, reviewer=reviewer, slug="guide")
    response = client.get(reverse("api:page-detail", args=["guide"]))
    assert response.status_code == 200
    assert response.json()["body"] == "<p>主动公开的政府信息通过本网站发布。</p>"


def test_unpublished_page_detail_is_404_shape(client, staff):
    draft_page(author=staff, slug="draft")
    _error_shape(
        client.get(reverse("api:page-detail", args=["draft"])), 404, "not_found"
    )


def test_unknown_api_path_is_404_shape(client):
    body = _error_shape(client.get("/api/v1/no-such-thing/"), 404, "not_found")
    assert body["message"] == "您访问的页面不存在或已下线。可以回到首页或使用站内搜索。"


def test_crash_under_api_is_500_shape(client, settings):
    settings.ROOT_URLCONF = "gongkai.portal.tests.urls"
    client.raise_request_exception = False
    body = _error_shape(client.get("/api/__test__/boom/"), 500, "server_error")
    assert body["message"] == "服务器出现问题，我们已记录。请稍后再试。"


def test_page_list_as_csv_has_bom_and_header(client, staff):
    (page,) = pages_bulk(author=staff, n=1)
    page.title = "=HYPERLINK(1)"
    page.save()
    response = client.get(PAGES, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["title", "slug", "summary", "publish_at", "url"]
    assert rows[1][:2] == ["'=HYPERLINK(1)", "item-0"]  # formula shown as text


def test_empty_csv_still_has_its_header(client):
    response = client.get(PAGES, {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert text.splitlines() == ["title,slug,summary,publish_at,url"]


def test_page_list_as_xlsx(client, staff):
    pages_bulk(author=staff, n=3)
    response = client.get(PAGES, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("title", "slug", "summary", "publish_at", "url")
    assert [r[1] for r in rows[1:]] == ["item-0", "item-1", "item-2"]


# ------------------------------------------------------------------ staff clocks


def test_clock_inbox_needs_authentication(client):
    body = _error_shape(client.get(INBOX), 401, "not_authenticated")
    assert body["message"] == "需要登录。"


def test_error_messages_follow_the_chosen_language(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = _error_shape(client.get(INBOX), 401, "not_authenticated")
    assert body["message"] == "Sign-in required."


def test_clock_inbox_for_staff_with_second_factor(
    login, staff, other_staff, django_assert_max_num_queries
):
    for i in range(30):
        overdue_clock_page(author=staff, slug=f"late-{i}")
    overdue_clock_page(author=other_staff, slug="theirs")
    client = login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(INBOX)
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 30
    assert {r["display_state"] for r in rows} == {"overdue"}
    assert {r["department"] for r in rows} == {"产品质量监督处"}


def test_session_without_second_factor_is_refused(client, staff):
    client.force_login(staff)
    _error_shape(client.get(INBOX), 403, "permission_denied")


def test_token_authenticates_staff(client, staff):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    overdue_clock_page(author=staff)
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)  # enrolled
    token = Token.objects.create(user=staff)
    response = client.get(INBOX, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert len(response.json()) == 1


def test_bad_token_is_401_shape(client):
    response = client.get(INBOX, HTTP_AUTHORIZATION="Token not-a-real-token")
    _error_shape(response, 401, "authentication_failed")


def test_clock_detail_explains_the_date(login, staff):
    _page, clock = overdue_clock_page(author=staff)
    response = login(staff).get(reverse("api:clock-detail", args=[clock.pk]))
    assert response.status_code == 200
    body = response.json()
    assert body["live_state"] == "overdue"
    assert body["explanation"]
    assert body["id"] == clock.pk


def test_clock_of_another_department_is_404_shape(login, staff, other_staff):
    _page, clock = overdue_clock_page(author=staff)
    response = login(other_staff).get(reverse("api:clock-detail", args=[clock.pk]))
    _error_shape(response, 404, "not_found")


def test_clock_detail_needs_authentication(client, staff):
    _page, clock = overdue_clock_page(author=staff)
    response = client.get(reverse("api:clock-detail", args=[clock.pk]))
    _error_shape(response, 401, "not_authenticated")


# ------------------------------------------------------------------ audit trail


@pytest.mark.parametrize("role_fixture", ["auditor", "reviewer", "admin_user"])
def test_audit_events_for_auditor_office_admin(
    request, login, staff, role_fixture, django_assert_max_num_queries
):
    for i in range(30):
        draft_page(author=staff, slug=f"p-{i}")
    client = login(request.getfixturevalue(role_fixture))
    with django_assert_max_num_queries(6):
        response = client.get(AUDIT)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 30
    seqs = [e["seq"] for e in body["results"]]
    assert seqs == sorted(seqs, reverse=True)
    assert body["results"][0]["action"] == "page.create"


def test_audit_events_refused_to_staff(login, staff):
    body = _error_shape(login(staff).get(AUDIT), 403, "permission_denied")
    assert body["detail"] == "只有审计人员、公开办和管理员可以查看审计记录。"


def test_audit_events_need_authentication(client):
    _error_shape(client.get(AUDIT), 401, "not_authenticated")


def test_audit_events_as_csv_and_xlsx(login, staff, auditor):
    draft_page(author=staff, slug="a")
    client = login(auditor)
    response = client.get(AUDIT, {"format": "csv"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["seq", "occurred_at", "actor_name", "action"]
    assert rows[1][3] == "page.create"
    assert rows[1][7] == '{"title": "政府信息公开指南"}'  # nested as JSON text

    response = client.get(AUDIT, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3] == "action"
    assert rows[1][3] == "page.create"


# ------------------------------------------------------------------ calculator


def test_working_days_skips_national_day(client):
    response = client.get(DAYS, {"start": "2026-09-30", "n": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2026-10-13"
    assert body["provisional"] is False
    assert any("国庆节" in line for line in body["explanation"])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2026-09-30", "n": -1}, "n"),
        ({"start": "2026-13-45", "n": 3}, "start"),
        ({"start": "abc", "n": 3}, "start"),
        ({"n": 3}, "start"),
        ({"start": "2026-09-30", "n": 367}, "n"),
        ({"start": "9999-12-31", "n": 366}, "start"),
        ({"start": "0001-01-01", "n": 3}, "start"),
    ],
)
def test_working_days_bad_input_is_400_shape(client, query, field):
    body = _error_shape(client.get(DAYS, query), 400, "invalid")
    assert body["message"] == "提交的内容不符合要求。"
    assert list(body["detail"]) == [field]


# ------------------------------------------------------------------ schema, throttle


def test_schema_is_an_openapi_document(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/pages/" in schema["paths"]
    assert "/api/v1/calendar/working-days/" in schema["paths"]


def test_schema_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(out))
    assert out.read_text(encoding="utf-8").startswith("openapi:")


def test_docs_page_is_served(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    # A page of the site: header, 当前位置, a way back, every public list.
    assert 'class="site-header"' in html and 'aria-label="当前位置"' in html
    assert '<a href="/">返回网站首页</a>' in html
    assert "<code>/api/v1/penalties/</code>" in html and "决定日期自 YYYY-MM-DD" in html
    console = client.get(reverse("api:console"))
    assert console.status_code == 200 and b"swagger" in console.content.lower()


def test_anonymous_throttle_is_429_shape(client, monkeypatch):
    # AnonRateThrottle reads its rates once, at import; the settings fixture cannot
    # reach them, so the class attribute is patched for this test.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    try:
        for _ in range(3):
            assert client.get(DAYS, {"start": "2026-01-05", "n": 1}).status_code == 200
        response = client.get(DAYS, {"start": "2026-01-05", "n": 1})
        body = _error_shape(response, 429, "throttled")
        assert body["message"] == "请求过于频繁，请稍后再试。"
        assert int(response["Retry-After"]) > 0
    finally:
        cache.clear()


def test_staff_is_not_throttled_as_anonymous(login, staff, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    cache.clear()
    client = login(staff)
    try:
        for _ in range(3):
            assert client.get(PAGES).status_code == 200
    finally:
        cache.clear()


def test_page_list_leaves_out_drafts(client, staff):
    pages_bulk(author=staff, n=2, status=Status.DRAFT)
    assert client.get(PAGES).json()["count"] == 0
