"""Workbench pages: define a register without code, then enter, import, publish it."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.tabular import write_xlsx
from gongkai.registers.models import Entry, Register

pytestmark = pytest.mark.django_db
BASE = "/workbench/registers/"


def formset(rows):
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"form-{i}-{k}"] = v
    return data


def test_administrator_defines_a_register_and_it_works_end_to_end(
    client, login, admin_user, staff, reviewer
):
    c = login(admin_user)
    data = {"title": "计量器具强制检定目录", "slug": "metrology", "description": "目录"}
    data.update(
        formset(
            [
                {"key": "name", "label": "器具名称", "kind": "text", "required": "on",
                 "is_title": "on", "is_key": "on", "listed": "on", "searchable": "on",
                 "public": "on"},
                {"key": "category", "label": "类别", "kind": "enum", "options": "工作计量器具、计量标准",
                 "filterable": "on", "listed": "on", "public": "on"},
                {"key": "", "label": "", "kind": "text"},
            ]
        )
    )  # fmt: skip
    response = c.post(BASE + "define/", data)
    assert response.status_code == 302, response.content.decode()
    register = Register.objects.get(slug="metrology")
    assert [f.key for f in register.fields.all()] == ["name", "category"]
    # staff import into it, reviewer publishes on import
    book = write_xlsx(
        ["器具名称", "类别"], [["电能表", "工作计量器具"], ["衡器", "无此类"]]
    )
    s = login(staff)
    upload = SimpleUploadedFile("m.xlsx", book)
    response = s.post(
        BASE + "metrology/import/", {"file": upload, "department": staff.department_id}
    )
    detail = re.sub("<[^>]+>", "", s.get(response.url).content.decode())
    assert "新增 1" in detail and "“无此类”不是可选值" in detail
    entry = Entry.objects.get()
    s.post(f"{BASE}metrology/{entry.pk}/submit/")
    r = login(reviewer)
    r.post(f"{BASE}metrology/{entry.pk}/approve/")
    r.post(f"{BASE}metrology/{entry.pk}/publish/")
    client.logout()
    assert "电能表" in client.get("/registers/metrology/").content.decode()
    assert (
        client.get("/api/v1/registers/metrology/").json()["results"][0]["器具名称"]
        == "电能表"
    )


def test_definition_errors_are_shown(login, admin_user):
    c = login(admin_user)
    data = {"title": "坏", "slug": "bad"}
    data.update(formset([{"key": "X", "label": "名称", "kind": "enum"}]))
    html = c.post(BASE + "define/", data).content.decode()
    assert "小写字母" in html and not Register.objects.filter(slug="bad").exists()


def test_only_administrators_define(login, staff, reviewer):
    assert login(staff).get(BASE + "define/").status_code == 403
    assert login(reviewer).get(BASE + "spot-checks/define/").status_code == 403


def test_pages_need_login(client):
    response = client.get(BASE + "spot-checks/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_entry_form_shows_field_errors_and_saves(login, staff):
    c = login(staff)
    data = {"product": "电水壶", "producer": "某公司", "result": "合格", "sampling_date": "bad",
            "report_no": "R-1", "department": staff.department_id}  # fmt: skip
    html = c.post(BASE + "spot-checks/new/", data).content.decode()
    assert "日期“bad”无效" in html
    data["sampling_date"] = "2026-09-01"
    response = c.post(BASE + "spot-checks/new/", data)
    entry = Entry.objects.get()
    assert response.url == f"{BASE}spot-checks/{entry.pk}/"
    assert c.get(f"{BASE}entries/{entry.pk}/").url == f"{BASE}spot-checks/{entry.pk}/"


def test_other_department_cannot_see_entry(login, staff, other_staff):
    c = login(staff)
    data = {"product": "电水壶", "producer": "某公司", "result": "合格",
            "sampling_date": "2026-09-01", "report_no": "R-1",
            "department": staff.department_id}  # fmt: skip
    c.post(BASE + "spot-checks/new/", data)
    entry = Entry.objects.get()
    o = login(other_staff)
    assert o.get(f"{BASE}spot-checks/{entry.pk}/").status_code == 404
    assert o.post(f"{BASE}spot-checks/{entry.pk}/submit/").status_code == 404
