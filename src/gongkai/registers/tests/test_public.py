"""Public register pages and API: visible entries, search, filters, downloads, files."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from gongkai.publishing import services as pub
from gongkai.publishing.caching import page_token
from gongkai.registers.models import Register
from gongkai.registers.services import entry_attach, entry_create
from gongkai.registers.tests.factories import spot_row

pytestmark = pytest.mark.django_db
BASE = "/registers/spot-checks/"
API = "/api/v1/registers/spot-checks/"


def publish(entry, staff, reviewer):
    pub.publishing_submit(obj=entry, by=staff)
    pub.publishing_approve(obj=entry, by=reviewer)
    return pub.publishing_publish(obj=entry, by=reviewer)


@pytest.fixture
def entries(staff, reviewer):
    register = Register.objects.get(slug="spot-checks")
    made = []
    for n in (1, 2, 3):
        e = entry_create(
            register=register, record=spot_row(n), department=staff.department, by=staff
        )
        made.append(publish(e, staff, reviewer) if n < 3 else e)
    return made


def test_index_lists_every_builtin_register_with_counts(client, entries):
    html = client.get("/registers/").content.decode()
    for title in (
        "产品质量监督抽查结果",
        "缺陷产品召回",
        "地方标准",
        "政务公开工作领导小组及分工",
    ):
        assert title in html
    body = client.get("/api/v1/registers/").json()
    spot = next(r for r in body if r["slug"] == "spot-checks")
    assert spot["visible_count"] == 2 and spot["columns"][0]["key"] == "product"


def test_register_page_lists_published_entries_only(client, entries):
    html = client.get(BASE).content.decode()
    assert "电热水壶1" in html and "电热水壶2" in html and "电热水壶3" not in html


@pytest.mark.parametrize(
    ("params", "found", "absent"),
    [
        ({"q": "第1电器"}, "电热水壶1", "电热水壶2"),
        ({"q": "泄漏 电流"}, "电热水壶1", "电热水壶2"),
        ({"result": "合格"}, "电热水壶2", "电热水壶1"),
        ({"result": "不存在的值"}, "电热水壶2", "电热水壶3"),
    ],
)
def test_search_and_filters_within_a_register(client, entries, params, found, absent):
    html = client.get(BASE, params).content.decode()
    assert found in html and absent not in html
    names = [r["产品名称"] for r in client.get(API, params).json()["results"]]
    assert found in names and absent not in names


def test_entry_page_and_api(client, entries):
    e = entries[0]
    html = client.get(e.get_absolute_url()).content.decode()
    assert "FJ2026-0001" in html and "泄漏电流" in html
    assert client.get(entries[2].get_absolute_url()).status_code == 404
    body = client.get(f"{API}{e.pk}/").json()
    assert body["检验报告编号"] == "FJ2026-0001"
    assert client.get(f"{API}{entries[2].pk}/").status_code == 404
    assert client.get("/registers/nope/").status_code == 404
    assert client.get("/api/v1/registers/nope/").status_code == 404


def test_downloads_use_field_names_as_columns(client, entries):
    text = client.get(API, {"format": "csv"}).content.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["id", "产品名称", "生产企业"]
    book = load_workbook(io.BytesIO(client.get(API, {"format": "xlsx"}).content))
    assert book.active.max_row == 3
    empty = client.get(API, {"format": "csv", "q": "没有这个"}).content.decode(
        "utf-8-sig"
    )
    assert empty.splitlines()[0].startswith("id,产品名称")


def test_attachment_downloads_only_while_the_entry_is_visible(client, staff, reviewer):
    register = Register.objects.get(slug="local-standards")
    e = entry_create(
        register=register,
        record={
            "standard_no": "DB35/T 1234-2026",
            "name": "茶叶加工技术规范",
            "status": "现行",
        },
        department=staff.department,
        by=staff,
    )
    f = entry_attach(
        entry=e,
        field_key="full_text",
        upload=SimpleUploadedFile("db35.pdf", b"%PDF"),
        by=staff,
    )
    url = f"/registers/local-standards/{e.pk}/files/{f.pk}/"
    assert client.get(url).status_code == 404
    publish(e, staff, reviewer)
    response = client.get(url)
    assert (
        response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF"
    )
    assert "db35.pdf" in client.get(e.get_absolute_url()).content.decode()


def test_list_query_count_is_bounded(
    client, entries, staff, reviewer, django_assert_max_num_queries
):
    register = Register.objects.get(slug="spot-checks")
    for n in range(10, 20):
        e = entry_create(
            register=register, record=spot_row(n), department=staff.department, by=staff
        )
        publish(e, staff, reviewer)
    page_token()  # the token is current: the page costs its read and the render
    with django_assert_max_num_queries(7):
        page = client.get(BASE)
    with django_assert_max_num_queries(6):
        api = client.get(API)
    assert page.status_code == api.status_code == 200
    assert api.json()["count"] >= 10


def test_atom_feed_of_a_register(client, entries):
    body = client.get("/registers/spot-checks/feed/").content.decode()
    assert body.startswith("<?xml") and "<feed" in body
    assert "电热水壶1" in body and "电热水壶3" not in body
    assert client.get("/registers/nope/feed/").status_code == 404
