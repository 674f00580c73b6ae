"""Registry imports (CSV/XLSX, all or nothing, row-level errors) and items."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from gongkai.common.errors import PermissionDeniedError
from gongkai.inspections import services
from gongkai.inspections.models import Conflict, Inspector, Target
from gongkai.inspections.sample import uscc

from .factories import InspectorFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "统一社会信用代码,名称,行政区划代码,行业代码,风险等级,登记状态,最近一次检查日期\n"
)
GOOD = uscc(5, region="330102")


def csv_bytes(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode("utf-8-sig")


def test_csv_import_canonicalises_full_width_lower_case_uscc(staff):
    wide = GOOD.lower().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    batch = services.registry_import(
        kind="targets",
        filename="t.csv",
        content=csv_bytes(f" {wide} ,甲公司,330102,F52,A,正常,2025-01-02"),
        by=staff,
    )
    assert batch.ok and batch.created == 1
    assert Target.objects.get().uscc == GOOD


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ("91350100M000100Y44,乙公司,330102,F52,A,正常,", "统一社会信用代码", "校验位"),
        (f"{GOOD},,330102,F52,A,正常,", "名称", "不能为空"),
        (f"{GOOD},乙公司,33 01,F52,A,正常,", "行政区划代码", "1至32位"),
        (f"{GOOD},乙公司,330102,F52,A,休眠,", "登记状态", "正常"),
        (
            f"{GOOD},乙公司,330102,F52,A,正常,2025/13/01",
            "最近一次检查日期",
            "YYYY-MM-DD",
        ),
    ],
)
def test_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    staff, row, column, fragment
):
    ok_row = f"{uscc(6, region='330102')},丙公司,330102,F52,A,正常,"
    batch = services.registry_import(
        kind="targets", filename="t.csv", content=csv_bytes(ok_row, row), by=staff
    )
    assert not batch.ok and Target.objects.count() == 0
    assert batch.errors[0]["row"] == 3 and batch.errors[0]["column"] == column
    assert fragment in batch.errors[0]["message"]


def test_duplicate_uscc_in_a_file_is_an_error(staff):
    row = f"{GOOD},丙公司,330102,F52,A,正常,"
    batch = services.registry_import(
        kind="targets", filename="t.csv", content=csv_bytes(row, row), by=staff
    )
    assert not batch.ok and "重复" in batch.errors[0]["message"]


def test_reimport_updates_existing_targets(staff):
    services.registry_import(
        kind="targets",
        filename="t.csv",
        content=csv_bytes(f"{GOOD},甲,330102,F52,A,正常,"),
        by=staff,
    )
    batch = services.registry_import(
        kind="targets",
        filename="t.csv",
        content=csv_bytes(f"{GOOD},甲,330102,F52,C,注销,"),
        by=staff,
    )
    assert (batch.created, batch.updated) == (0, 1)
    assert Target.objects.get().status == "deregistered"


def test_xlsx_import_of_inspectors_and_conflicts(staff, department):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["执法证号", "姓名", "处室", "所在地区代码", "可检查行业", "可参加抽取"]
    )
    sheet.append(["ZF001", "王伟", department.code, 330105, "F52、C13", "是"])
    sheet.append(["ZF002", "李娜", "", "330106", "F52", "否"])
    out = io.BytesIO()
    book.save(out)
    batch = services.registry_import(
        kind="inspectors", filename="i.xlsx", content=out.getvalue(), by=staff
    )
    assert batch.ok, batch.errors
    first = Inspector.objects.get(code="ZF001")
    assert (
        first.quals == ["C13", "F52"]
        and first.department == department
        and first.home_region == "330105"
    )
    assert Inspector.objects.get(code="ZF002").available is False
    content = f"执法证号,统一社会信用代码,回避原因\nZF001,{GOOD},亲属任职\nZF999,{GOOD},\n".encode()
    batch = services.registry_import(
        kind="conflicts", filename="c.csv", content=content, by=staff
    )
    assert not batch.ok and batch.errors[0]["row"] == 3
    content = f"执法证号,统一社会信用代码,回避原因\nZF001,{GOOD},亲属任职\n".encode()
    assert services.registry_import(
        kind="conflicts", filename="c.csv", content=content, by=staff
    ).ok
    assert Conflict.objects.get().inspector == first


def test_unreadable_files_get_a_message(staff):
    for name, content in (
        ("x.txt", b"a"),
        ("x.xlsx", b"not a zip"),
        ("x.csv", b"name\n"),
    ):
        batch = services.registry_import(
            kind="targets", filename=name, content=content, by=staff
        )
        assert not batch.ok and batch.errors[0]["message"]


def test_auditor_cannot_import(auditor):
    with pytest.raises(PermissionDeniedError):
        services.registry_import(
            kind="targets", filename="t.csv", content=csv_bytes(), by=auditor
        )


def test_item_revisions_and_review_queue(staff, department):
    item = services.item_create(
        code="SJ-001",
        department=department,
        by=staff,
        name="食品经营检查",
        legal_basis="食品安全法",
        inspecting_body="市监局",
        target_type="食品经营者",
        method="现场检查",
    )
    item = services.item_update(item=item, by=staff, ratio="5%")
    assert item.revision == 2 and item.ratio == "5%"
    InspectorFactory()


def test_add_and_correct_single_records_on_the_workbench(
    login, staff, auditor, department
):
    from django.urls import reverse

    assert (
        login(auditor)
        .get(reverse("inspections-staff:record-create", args=["targets"]))
        .status_code
        == 403
    )
    c = login(staff)
    url = reverse("inspections-staff:record-create", args=["targets"])
    data = {
        "uscc": GOOD.lower(),
        "name": "甲公司",
        "region": "330102",
        "industry": "F52",
        "risk": "B",
        "status": "active",
    }
    assert c.post(url, data).status_code == 302
    target = Target.objects.get(uscc=GOOD)
    edit = reverse("inspections-staff:record-edit", args=["targets", GOOD])
    assert c.get(edit).status_code == 200
    c.post(edit, {**data, "risk": "C"})
    target.refresh_from_db()
    assert target.risk == "C"
    bad = c.post(url, {**data, "uscc": "91110000600037341N"})
    assert "校验位" in bad.content.decode()
    url = reverse("inspections-staff:record-create", args=["inspectors"])
    c.post(
        url,
        {
            "code": "ZF9",
            "name": "王伟",
            "department": department.pk,
            "home_region": "330105",
            "quals": "F52, C13",
            "available": "on",
            "user": staff.pk,
        },
    )
    assert Inspector.objects.get(code="ZF9").quals == ["C13", "F52"]
    assert Inspector.objects.get(code="ZF9").user == staff
    assert (
        c.get(
            reverse("inspections-staff:record-edit", args=["inspectors", "ZF9"])
        ).status_code
        == 200
    )
    assert (
        c.get(reverse("inspections-staff:record-create", args=["nope"])).status_code
        == 404
    )
