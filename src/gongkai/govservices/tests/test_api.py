"""API v1: /api/v1/services/, /api/v1/powers/, /api/v1/powers/diff/, the schema."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from gongkai.govservices import services
from gongkai.govservices.models import ServiceItem

from .factories import COMPLETE, power, published, service
from .test_completeness import _api

pytestmark = pytest.mark.django_db


def test_services_list_and_detail_are_public(staff, reviewer):
    item = published(department=staff.department, author=staff, reviewer=reviewer)
    draft = service(
        department=staff.department, author=staff, name="草稿", implementation_code="x"
    )
    api = APIClient()
    body = api.get(reverse("api:govservices-api:service-list")).json()
    assert [r["name"] for r in body["results"]] == ["计量器具型式批准"]
    assert (
        api.get(reverse("api:govservices-api:service-list"), {"level": "2"}).json()[
            "results"
        ]
        == []
    )
    detail = api.get(
        reverse("api:govservices-api:service-detail", args=[item.pk])
    ).json()
    assert detail["materials"][0]["name"] == "申请材料1"
    assert detail["handling_forms"] == ["online"]
    missing = api.get(reverse("api:govservices-api:service-detail", args=[draft.pk]))
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    csv = api.get(reverse("api:govservices-api:service-list"), {"format": "csv"})
    assert "计量器具型式批准" in csv.content.decode("utf-8-sig")


def test_services_list_bad_filter_is_400_in_chinese():
    response = APIClient().get(
        reverse("api:govservices-api:service-list"), {"level": "9"}
    )
    assert response.status_code == 400
    assert response.json()["message"] == "查询条件有误。"


def test_services_create_needs_staff(staff, auditor):
    url = reverse("api:govservices-api:service-list")
    anonymous = APIClient().post(url, COMPLETE, format="json")
    assert anonymous.status_code in (401, 403)
    assert _api(auditor).post(url, COMPLETE, format="json").status_code == 403
    assert not ServiceItem.objects.exists()
    bad = _api(staff).post(url, {**COMPLETE, "item_type": "nope"}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"


@pytest.fixture
def history(department):
    a = power(code="P1", department=department, name="计量器具型式批准")
    b = power(code="P2", department=department, name="作业人员资格认定")
    c = power(code="P3", department=department, name="样机试验单位确定")
    services.power_adjust(item=b, kind="delegate", effective_on=dt.date(2025, 9, 15),
                          doc_number="闽政〔2025〕18号", reason="就近办理",
                          delegated_to="设区市局", by=_staff(department))  # fmt: skip
    services.power_adjust(item=c, kind="cancel", effective_on=dt.date(2025, 9, 15),
                          doc_number="闽政〔2025〕18号", reason="国务院取消", by=_staff(department))  # fmt: skip
    power(
        code="P4",
        department=department,
        kind="add",
        on=dt.date(2025, 9, 15),
        name="注册计量师注册",
    )
    return a


def _staff(department):
    from gongkai.accounts.models import User

    return User.objects.get(role="staff", department=department)


def test_powers_on_a_date(staff, history):
    api = APIClient()
    url = reverse("api:govservices-powers-api:power-list")
    now = api.get(url).json()
    assert [r["code"] for r in now["results"]] == ["P1", "P4"]
    then = api.get(url, {"on": "2025-06-01"}).json()
    assert [r["code"] for r in then["results"]] == ["P1", "P2", "P3"]
    bad = api.get(url, {"on": "2025-02-30"})
    assert bad.status_code == 400 and "清单日期" in bad.json()["message"]


def test_powers_diff(staff, history):
    url = reverse("api:govservices-powers-api:power-diff")
    body = APIClient().get(url, {"from": "2025-06-01", "to": "2025-12-31"}).json()
    changes = {r["code"]: r["change"] for r in body["results"]}
    assert changes == {"P2": "delegated", "P3": "cancelled", "P4": "added"}
    delegated = next(r for r in body["results"] if r["code"] == "P2")
    assert delegated["adjustments"][0]["delegated_to"] == "设区市局"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"from": "2025-13-01", "to": "2025-12-31"},
            "起始日期格式不正确，应如 2026-01-31。",
        ),
        ({"from": "2025-01-01", "to": "明天"}, "截止日期格式不正确，应如 2026-01-31。"),
        ({"to": "2025-12-31"}, "请填写起始日期。"),
        ({"from": "1900-01-01", "to": "2025-12-31"}, "日期不应早于1949年。"),
    ],
)
def test_powers_diff_bad_dates_are_400_in_chinese(params, message, db):
    response = APIClient().get(reverse("api:govservices-powers-api:power-diff"), params)
    assert response.status_code == 400
    assert response.json()["message"] == message


def test_schema_lists_the_endpoints(client):
    schema = client.get(reverse("api:schema")).content.decode()
    for p in ("/api/v1/services/", "/api/v1/powers/", "/api/v1/powers/diff/"):
        assert p in schema


def test_list_endpoints_have_a_query_ceiling(
    staff, reviewer, django_assert_max_num_queries
):
    first = published(department=staff.department, author=staff, reviewer=reviewer)
    for i in range(8):
        published(department=staff.department, author=staff, reviewer=reviewer,
                  name=f"事项{i}", implementation_code=f"{first.implementation_code}{i}")  # fmt: skip
        power(code=f"P{i}", department=staff.department)
    api = APIClient()
    with django_assert_max_num_queries(8):
        assert api.get(reverse("api:govservices-api:service-list")).json()["count"] == 9
    with django_assert_max_num_queries(4):
        assert (
            api.get(reverse("api:govservices-powers-api:power-list")).json()["count"]
            == 8
        )
    with django_assert_max_num_queries(4):
        api.get(
            reverse("api:govservices-powers-api:power-diff"),
            {"from": "2025-01-01", "to": "2026-01-01"},
        )
