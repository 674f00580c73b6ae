"""API of information requests: permissions, error shape, no personal data, queries."""

import pytest

from .support import received

pytestmark = pytest.mark.django_db

LIST = "/api/v1/foi/requests/"
FEE = "/api/v1/foi/fee-quote/"
STATUS = "/api/v1/foi/status/"


def _error(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code
    return body


def test_request_list_for_staff_without_personal_data(
    client, login, staff, django_assert_max_num_queries
):
    for _ in range(15):
        received(by=staff)
    api = login(staff)
    with django_assert_max_num_queries(8):
        body = api.get(LIST).json()
    assert body["count"] == 15
    row = body["results"][0]
    assert row["due_at"] is not None and "name" not in row and "id_number" not in row
    csv = api.get(LIST, HTTP_ACCEPT="text/csv")
    assert "tracking_number" in csv.content.decode()


def test_request_list_refused_to_the_public_and_hidden_from_other_departments(
    client, login, staff, other_staff
):
    received(by=staff)
    anonymous = client.get(LIST)
    assert anonymous.status_code == 401
    assert set(anonymous.json()) == {"code", "message", "detail"}
    assert login(other_staff).get(LIST).json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "total"),
    [
        # 70×10 + 50×20 = 1,700 元, not the 1,200 元 RULES.md §1.7 prints (a slip)
        ("method=by_page&quantity=150", "1700"),
        ("method=by_item&quantity=2&earlier_in_month=10", "200"),
    ],
)
def test_fee_quote_is_public(client, query, total):
    body = client.get(f"{FEE}?{query}").json()
    assert body["total"] == total and body["lines"][-1] == f"合计：{total}元"


def test_fee_quote_rejects_bad_input_with_the_error_shape(client):
    _error(client.get(f"{FEE}?method=by_page&quantity=-1"), 400, "foi.fee_query")


def test_case_status_by_tracking_number_and_code(client, staff):
    from gongkai.foi import services

    from .support import application, at

    request, code = services.request_register(
        application=application(), channel="post", received_at=at("2026-02-10"),
        by=staff, now=at("2026-02-10", 11),
    )  # fmt: skip
    body = client.post(STATUS, {"tracking_number": request.tracking_number,
                                "query_code": code}, content_type="application/json").json()  # fmt: skip
    assert body["status"] == "in_progress" and body["due_date"] == "2026-03-16"
    assert body["letters"][0]["title"] == "收到申请回执"
    wrong = client.post(STATUS, {"tracking_number": request.tracking_number,
                                 "query_code": "NOPE1234"}, content_type="application/json")  # fmt: skip
    _error(wrong, 404, "foi.not_found")


def test_annual_report_json_for_the_office_only(login, client, reviewer, staff):
    body = login(reviewer).get("/api/v1/foi/report/2026/").json()
    assert "三、收到和处理政府信息公开申请情况" in body
    client.logout()
    _error(login(staff).get("/api/v1/foi/report/2026/"), 403, "permission_denied")
