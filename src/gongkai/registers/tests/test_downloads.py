"""/registers/<slug>/download.csv|xlsx: every published entry of a register."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from gongkai.publishing import services as pub
from gongkai.registers.models import Register
from gongkai.registers.services import entry_create
from gongkai.registers.tests.factories import spot_row

pytestmark = pytest.mark.django_db
BASE = "/registers/spot-checks/"


@pytest.fixture
def entries(staff, reviewer):
    register = Register.objects.get(slug="spot-checks")
    for n in range(1, 57):  # more than one API page (50); the last stays a draft
        e = entry_create(
            register=register, record=spot_row(n), department=staff.department, by=staff
        )
        if n < 56:
            pub.publishing_submit(obj=e, by=staff)
            pub.publishing_approve(obj=e, by=reviewer)
            pub.publishing_publish(obj=e, by=reviewer)


def _rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_every_published_entry(client, entries):
    response = client.get(BASE + "download.csv")
    assert "register-spot-checks-" in response["Content-Disposition"]
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][:2] == ["产品名称", "生产企业"] and rows[0][-1] == "网址"
    assert len(rows) == 56
    names = {r[0] for r in rows[1:]}
    assert "电热水壶55" in names and "电热水壶56" not in names
    assert all(r[-1].startswith("http://testserver/registers/") for r in rows[1:])


def test_filters_apply_to_the_download(client, entries):
    rows = _rows(client.get(BASE + "download.csv", {"result": "合格"}))
    assert len(rows) == 1 + 27 and {r[6] for r in rows[1:]} == {"合格"}


def test_xlsx_and_unknown_register(client, entries):
    response = client.get(BASE + "download.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.active.max_row == 56
    assert client.get("/registers/nope/download.csv").status_code == 404
    assert client.get(BASE + "download.txt").status_code == 404
    html = client.get(BASE).content.decode()
    assert f'href="{BASE}download.xlsx"' in html
