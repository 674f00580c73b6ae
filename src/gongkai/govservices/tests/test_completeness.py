"""Each completeness rule of RULES §7 refuses an incomplete guide, naming the
element, through the workbench form, the API and the import; a complete guide passes
the same paths. Every failing element is named at once."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import Workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gongkai.common.models import AuditEvent
from gongkai.govservices import services
from gongkai.govservices.errors import GuideIncompleteError
from gongkai.govservices.importing import govservices_import
from gongkai.govservices.models import ServiceItem
from gongkai.govservices.sheets import SERVICE_COLUMNS
from gongkai.publishing.choices import Status

from .factories import COMPLETE, service

pytestmark = pytest.mark.django_db

# rule → (changes that break it, the element's label named in the refusal)
BREAKS: dict[str, tuple[dict[str, Any], str]] = {
    "fully_online_has_no_visits": ({"visits": 1}, "到办事现场次数"),
    "no_visits_offline_needs_mail": (
        {"online_level": "2", "handling_forms": ",window,", "online_address": ""},
        "办理形式",
    ),
    "charged_states_basis_and_payment": (
        {"charged": True, "fee_items": "考核费", "fee_basis": "", "online_payment": ""},
        "收费依据",
    ),
    "phones_differ": ({"complaint_phone": COMPLETE["consult_phone"]}, "监督投诉电话"),
    "phones_have_area_code": ({"consult_phone": "87000001"}, "咨询电话"),
    "promised_within_statutory": (
        {"promised_limit": 30, "promised_unit": "day"},
        "承诺办结时限",
    ),
}
RULES = list(BREAKS)


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize("rule", RULES)
def test_form_submit_refuses_with_the_element_named(rule, client, login, staff):
    changes, label = BREAKS[rule]
    item = service(department=staff.department, author=staff, **changes)
    login(staff)
    url = reverse(
        "govservices-staff:service-action", kwargs={"pk": item.pk, "action": "submit"}
    )
    response = client.post(url, follow=True)
    assert label in _messages(response)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    # The edit page lists the same element before any attempt.
    page = client.get(reverse("govservices-staff:service-edit", kwargs={"pk": item.pk}))
    assert label in page.content.decode()


def test_form_submit_of_a_complete_guide_goes_to_review(client, login, staff):
    item = service(department=staff.department, author=staff)
    login(staff)
    url = reverse(
        "govservices-staff:service-action", kwargs={"pk": item.pk, "action": "submit"}
    )
    client.post(url)
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def _api(user: Any) -> APIClient:
    api = APIClient()
    TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "t"})
    token, _created = Token.objects.get_or_create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize(
    "action,state", [("approve", "in_review"), ("publish", "approved")]
)
def test_api_approve_and_publish_refuse_with_the_element_named(
    rule, action, state, staff, reviewer
):
    changes, label = BREAKS[rule]
    item = service(department=staff.department, author=staff, **changes)
    ServiceItem.objects.filter(pk=item.pk).update(status=state)
    url = reverse(
        "api:publishing-api:action",
        kwargs={"kind": "govservices.serviceitem", "pk": item.pk, "action": action},
    )
    response = _api(reviewer).post(url, {}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "services.guide_incomplete"
    assert label in body["message"]
    assert label in [d["label"] for d in body["detail"]]
    item.refresh_from_db()
    assert item.status == state


def test_api_publish_of_a_complete_guide(staff, reviewer):
    item = service(department=staff.department, author=staff)
    ServiceItem.objects.filter(pk=item.pk).update(status="approved")
    url = reverse(
        "api:publishing-api:action",
        kwargs={"kind": "govservices.serviceitem", "pk": item.pk, "action": "publish"},
    )
    assert _api(reviewer).post(url, {}, format="json").status_code == 200
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


@pytest.mark.parametrize("rule", RULES)
def test_api_create_reports_the_failing_element(rule, staff):
    changes, label = BREAKS[rule]
    data = {**COMPLETE, **changes, "handling_forms": []}
    forms = (changes.get("handling_forms") or COMPLETE["handling_forms"]).strip(",")
    data["handling_forms"] = forms.split(",")
    response = _api(staff).post(
        reverse("api:govservices-api:service-list"), data, format="json"
    )
    assert response.status_code == 201, response.content
    labels = [p["label"] for p in response.json()["problems"]]
    # materials are added afterwards; the rule's element is named too
    assert label in labels and "申请材料" in labels
    assert ServiceItem.objects.get(pk=response.json()["id"]).status == Status.DRAFT


def test_every_failing_element_is_named_in_one_refusal(staff, reviewer):
    item = service(
        department=staff.department, author=staff, visits=2, consult_phone="87000001",
        charged=True, materials=0,
    )  # fmt: skip
    with pytest.raises(GuideIncompleteError) as exc:
        services.service_submit(item=item, by=staff)
    message = str(exc.value.message)
    for label in (
        "申请材料",
        "到办事现场次数",
        "收费项目及标准",
        "收费依据",
        "是否支持网上支付",
        "咨询电话",
    ):
        assert label in message
    assert not AuditEvent.objects.filter(action="publishing.submit").exists()


def _sheet(rows: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append([c.label for c in SERVICE_COLUMNS])
    for row in rows:
        ws.append([row.get(c.key, "") for c in SERVICE_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


LABELS = {
    "item_type": "行政许可", "audience": "法人", "statutory_unit": "工作日",
    "promised_unit": "工作日", "handling_type": "承诺件", "online_level": "Ⅳ级",
    "charged": "否",
}  # fmt: skip


def _row(code_seq: int, **changes: Any) -> dict[str, Any]:
    row = {**COMPLETE, **LABELS, "materials": "申请书\n营业执照"}
    row["implementation_code"] = COMPLETE["implementation_code"].replace(
        "-1-00", f"-1-{code_seq:02d}"
    )
    row["handling_forms"] = "网上办理"
    for key, value in changes.items():
        if key == "online_level":
            value = {"1": "Ⅰ级", "2": "Ⅱ级", "3": "Ⅲ级", "4": "Ⅳ级"}[value]
        elif key == "handling_forms":
            value = "、".join({"window": "窗口办理", "online": "网上办理", "mail": "快递申请"}[f]
                             for f in value.strip(",").split(","))  # fmt: skip
        elif key == "charged":
            value = "是" if value else "否"
        elif key == "promised_unit":
            value = {"day": "自然日", "working_day": "工作日"}[value]
        row[key] = value
    return row


def test_import_refuses_each_broken_row_with_the_element_named(staff):
    rows = [_row(i + 1, **BREAKS[rule][0]) for i, rule in enumerate(RULES)]
    rows.append(_row(99))
    run = govservices_import(
        kind="services", data=_sheet(rows), file_name="s.xlsx",
        department=staff.department, by=staff,
    )  # fmt: skip
    assert (run.created, run.failed) == (1, len(RULES))
    errors = {e.row: [c for c, _m in e.problems] for e in run.errors.all()}
    for i, rule in enumerate(RULES):
        assert BREAKS[rule][1] in errors[i + 2], rule
    item = ServiceItem.objects.get()
    assert item.status == Status.IN_REVIEW
    assert [m.name for m in item.materials.all()] == ["申请书", "营业执照"]
