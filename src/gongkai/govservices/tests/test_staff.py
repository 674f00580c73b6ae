"""Workbench pages: guides, materials, the power list, intermediaries, imports and
templates — each with its permission failure."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.common.models import AuditEvent
from gongkai.govservices.models import (
    Adjustment,
    IntermediaryService,
    PowerItem,
    ServiceItem,
)
from gongkai.govservices.sheets import SERVICE_COLUMNS

from .factories import COMPLETE, power, service

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    for name in (
        "service-list",
        "service-create",
        "power-list",
        "import",
        "intermediary-list",
    ):
        response = client.get(reverse(f"govservices-staff:{name}"))
        assert response.status_code == 302 and "login" in response["Location"], name


def test_create_edit_and_list_a_guide(client, login, staff):
    login(staff)
    data = {**COMPLETE, "department": staff.department_id, "handling_forms": ["online"]}
    data["charged"] = ""
    response = client.post(reverse("govservices-staff:service-create"), data)
    item = ServiceItem.objects.get()
    assert response.status_code == 302 and item.handling_forms == ",online,"
    assert AuditEvent.objects.filter(action="govservices.service_create").count() == 1
    page = client.get(
        reverse("govservices-staff:service-edit", args=[item.pk])
    ).content.decode()
    assert "申请材料：未列出申请材料" in page
    data["name"] = "计量器具型式批准（修订）"
    client.post(reverse("govservices-staff:service-edit", args=[item.pk]), data)
    item.refresh_from_db()
    assert item.name == "计量器具型式批准（修订）" and item.revision == 2
    assert (
        item.name
        in client.get(reverse("govservices-staff:service-list")).content.decode()
    )


def test_bad_url_in_the_form_is_a_field_error(client, login, staff):
    login(staff)
    data = {**COMPLETE, "department": staff.department_id, "online_address": "不是网址"}
    response = client.post(reverse("govservices-staff:service-create"), data)
    assert response.status_code == 200 and not ServiceItem.objects.exists()
    assert "请修改标出的数据项" in response.content.decode()


def test_other_department_cannot_see_or_change_a_guide(
    client, login, staff, other_staff
):
    item = service(department=staff.department, author=staff)
    login(other_staff)
    assert (
        client.get(
            reverse("govservices-staff:service-edit", args=[item.pk])
        ).status_code
        == 404
    )
    url = reverse("govservices-staff:material-add", args=[item.pk])
    assert client.post(url, {"name": "x"}).status_code == 404


def test_auditor_may_read_but_not_write(client, login, staff, auditor):
    item = service(department=staff.department, author=staff)
    login(auditor)
    assert (
        client.get(
            reverse("govservices-staff:service-edit", args=[item.pk])
        ).status_code
        == 200
    )
    assert (
        client.post(
            reverse("govservices-staff:service-edit", args=[item.pk]), COMPLETE
        ).status_code
        == 403
    )
    assert client.get(reverse("govservices-staff:service-create")).status_code == 403
    assert client.get(reverse("govservices-staff:power-create")).status_code == 403
    assert client.get(reverse("govservices-staff:import")).status_code == 403


def test_materials_with_blank_form_and_sample(client, login, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = service(department=staff.department, author=staff, materials=0)
    login(staff)
    url = reverse("govservices-staff:material-add", args=[item.pk])
    client.post(url, {
        "name": "计量器具型式批准申请书", "originals": 1, "copies": 2, "necessity": "required",
        "blank_form": SimpleUploadedFile("申请书.docx", b"blank"),
        "sample": SimpleUploadedFile("样表.pdf", b"sample"),
    })  # fmt: skip
    material = item.materials.get()
    assert (material.copies, material.blank_form.read(), material.sample.read()) == (
        2,
        b"blank",
        b"sample",
    )
    response = client.post(
        url,
        {"name": "", "originals": 1, "copies": 0, "necessity": "required"},
        follow=True,
    )
    assert "材料名称" in response.content.decode()
    delete = reverse("govservices-staff:material-delete", args=[item.pk, material.pk])
    client.post(delete)
    assert not item.materials.exists()
    assert AuditEvent.objects.filter(action="govservices.material_delete").exists()


def test_materials_of_a_guide_in_review_are_frozen(client, login, staff):
    item = service(department=staff.department, author=staff)
    ServiceItem.objects.filter(pk=item.pk).update(status="in_review")
    login(staff)
    url = reverse("govservices-staff:material-add", args=[item.pk])
    response = client.post(
        url,
        {"name": "x", "originals": 1, "copies": 0, "necessity": "required"},
        follow=True,
    )
    assert "只能修改草稿" in response.content.decode()
    assert item.materials.count() == 1


def test_power_create_and_adjust(client, login, staff):
    login(staff)
    client.post(reverse("govservices-staff:power-create"), {
        "department": staff.department_id, "code": "350217001000", "name": "计量器具型式批准",
        "power_type": "licensing", "legal_basis": "计量法", "responsibilities": "受理责任",
        "kind": "retain", "effective_on": "2025-03-01", "doc_number": "闽质监法(2025)12号",
    })  # fmt: skip
    item = PowerItem.objects.get()
    url = reverse("govservices-staff:power-edit", args=[item.pk])
    # 下放 needs where to, and a reason
    response = client.post(
        url,
        {"kind": "delegate", "effective_on": "2025-09-15", "reason": "方便就近办理"},
    )
    assert "下放至哪一级" in response.content.decode()
    client.post(url, {"kind": "delegate", "effective_on": "2025-09-15", "reason": "方便就近办理",
                      "delegated_to": "设区市局", "doc_number": "第三五零号文"})  # fmt: skip
    kinds = list(item.adjustments.values_list("kind", "doc_number"))
    assert kinds == [("retain", "闽质监法(2025)12号"), ("delegate", "第三五零号文")]
    assert client.get(reverse("govservices-staff:power-list")).status_code == 200


def test_power_adjust_by_another_department_is_forbidden(
    client, login, staff, other_staff
):
    item = power(code="P1", department=staff.department)
    login(other_staff)
    url = reverse("govservices-staff:power-edit", args=[item.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "cancel", "effective_on": "2025-09-15", "reason": "x"}
    )
    assert response.status_code == 403
    assert Adjustment.objects.count() == 1


def test_intermediary_create_and_edit(client, login, staff, other_staff):
    login(staff)
    client.post(reverse("govservices-staff:intermediary-create"), {
        "department": staff.department_id, "name": "监督检验", "approval": "特种设备生产单位许可",
        "charging": "government_price",
    })  # fmt: skip
    obj = IntermediaryService.objects.get()
    client.post(reverse("govservices-staff:intermediary-edit", args=[obj.pk]),
                {"name": "监督检验", "approval": "许可", "charging": "free"})  # fmt: skip
    obj.refresh_from_db()
    assert obj.charging == "free"
    login(other_staff)
    assert (
        client.get(
            reverse("govservices-staff:intermediary-edit", args=[obj.pk])
        ).status_code
        == 404
    )


def test_template_download_and_import_page(client, login, staff):
    login(staff)
    response = client.get(
        reverse("govservices-staff:import-template", args=["services"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == [c.label for c in SERVICE_COLUMNS]
    assert sheet["A2"].value == "计量器具型式批准"
    assert (
        client.get(
            reverse("govservices-staff:import-template", args=["nope"])
        ).status_code
        == 404
    )
    upload = SimpleUploadedFile("t.xlsx", response.content)
    result = client.post(reverse("govservices-staff:import"), {
        "department": staff.department_id, "kind": "services", "file": upload,
    })  # fmt: skip
    assert result.status_code == 302
    detail = client.get(result["Location"]).content.decode()
    # The example row is a complete guide: it enters review.
    assert ServiceItem.objects.get().status == "in_review", detail
    errors = client.get(result["Location"] + "errors/")
    assert errors.status_code == 200


def test_staff_may_not_publish_on_import(client, login, staff):
    login(staff)
    tpl = client.get(
        reverse("govservices-staff:import-template", args=["services"])
    ).content
    response = client.post(reverse("govservices-staff:import"), {
        "department": staff.department_id, "kind": "services", "publish": "on",
        "file": SimpleUploadedFile("t.xlsx", tpl),
    })  # fmt: skip
    assert response.status_code == 200 and not ServiceItem.objects.exists()
    assert "只有公开办审核人员" in response.content.decode()


def test_import_detail_of_another_department_is_404(client, login, staff, other_staff):
    login(staff)
    tpl = client.get(
        reverse("govservices-staff:import-template", args=["powers"])
    ).content
    result = client.post(reverse("govservices-staff:import"), {
        "department": staff.department_id, "kind": "powers", "file": SimpleUploadedFile("p.xlsx", tpl),
    })  # fmt: skip
    assert PowerItem.objects.get().code == "330217001000"
    login(other_staff)
    assert client.get(result["Location"]).status_code == 404


def test_dates_of_adjustments_keep_any_doc_number(staff):
    from gongkai.govservices import services

    item = power(code="P1", department=staff.department)
    adj = services.power_adjust(
        item=item, kind="change", effective_on=dt.date(2026, 1, 1), doc_number="某某字（2026）第3号",
        reason="依据修订", values={"legal_basis": "新依据"}, by=staff,
    )  # fmt: skip
    assert adj.doc_number == "某某字（2026）第3号"
    assert adj.snapshot["legal_basis"] == "新依据"
    assert services.doc_number_flag("闽政〔2025〕18号") == ""
    assert services.doc_number_flag("随便写的") != ""


def test_export_round_trips_through_the_import(client, login, staff, other_staff):
    from gongkai.govservices import services as svc

    item = service(department=staff.department, author=staff, materials=2, charged=True,
                   fee_items="考核费", fee_basis="某文件", online_payment="no")  # fmt: skip
    power(code="P1", department=staff.department)
    svc.power_adjust(item=PowerItem.objects.get(), kind="delegate", effective_on=dt.date(2025, 9, 1),
                     doc_number="闽政〔2025〕18号", reason="就近", delegated_to="设区市", by=staff)  # fmt: skip
    login(staff)
    data = client.get(reverse("govservices-staff:export", args=["services"])).content
    sheet = load_workbook(io.BytesIO(data)).active
    assert (
        sheet["A2"].value == item.name and sheet["K2"].value == "申请材料1\n申请材料2"
    )
    ServiceItem.objects.all().delete()
    from gongkai.govservices.importing import govservices_import

    run = govservices_import(kind="services", data=data, file_name="e.xlsx",
                             department=staff.department, by=staff)  # fmt: skip
    assert (run.created, run.failed) == (1, 0)
    again = ServiceItem.objects.get()
    assert (again.charged, again.online_payment, again.handling_forms) == (
        True,
        "no",
        ",online,",
    )
    adjustments = load_workbook(io.BytesIO(
        client.get(reverse("govservices-staff:export", args=["adjustments"])).content)).active  # fmt: skip
    assert [c.value for c in adjustments["B"]][1:] == ["保留", "下放"]
    powers = load_workbook(io.BytesIO(
        client.get(reverse("govservices-staff:export", args=["powers"])).content)).active  # fmt: skip
    assert powers["A2"].value == "P1"
    assert (
        client.get(reverse("govservices-staff:export", args=["x"])).status_code == 404
    )
    login(other_staff)  # another department's guides are not in its export
    sheet = load_workbook(io.BytesIO(
        client.get(reverse("govservices-staff:export", args=["services"])).content)).active  # fmt: skip
    assert sheet.max_row == 1


@pytest.mark.parametrize(
    ("kind", "on", "refused"),
    [
        ("change", dt.date(2025, 10, 1), True),  # cancelled on 2025-09-15
        ("cancel", dt.date(2025, 10, 1), True),
        ("add", dt.date(2025, 10, 1), False),  # listed again
        ("add", dt.date(2025, 6, 1), True),  # still listed then
        ("change", dt.date(2025, 6, 1), False),
        ("retain", dt.date(2025, 1, 1), True),  # not yet listed
    ],
)
def test_an_adjustment_must_fit_the_items_state_on_its_date(staff, kind, on, refused):
    from gongkai.common.errors import ConflictError
    from gongkai.govservices import services as svc

    item = power(code="P1", department=staff.department)
    svc.power_adjust(item=item, kind="cancel", effective_on=dt.date(2025, 9, 15),
                     doc_number="", reason="取消", by=staff)  # fmt: skip
    call = lambda: svc.power_adjust(  # noqa: E731
        item=item, kind=kind, effective_on=on, doc_number="", reason="理由",
        values={"name": "新名称"}, by=staff,
    )  # fmt: skip
    if refused:
        with pytest.raises(ConflictError):
            call()
    else:
        call()
