"""Public pages and API: visibility at request time, search, filters, masking."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.common.models import AuditEvent
from gongkai.penalties import services
from gongkai.penalties.tests.factories import person_record, record
from gongkai.penalties.tests.support import publish
from gongkai.publishing.caching import page_token
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))
LIST = "/penalties/"
API = "/api/v1/penalties/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, tzinfo=SH), tick=False):
        yield


@pytest.fixture
def data(staff, reviewer):
    a = publish(
        staff=staff,
        reviewer=reviewer,
        raw=record(
            CF_XDR_MC="福州星光电线电缆有限公司",
            CF_XDR_SHXYM="91110000600037341L",
            CF_WSH="闽质监罚字〔2026〕101号",
        ),
    )
    b = publish(
        staff=staff,
        reviewer=reviewer,
        raw=person_record(
            CF_WSH="闽质监罚字〔2026〕102号", CF_JDRQ="2026-10-09", CF_CFLB="警告；罚款"
        ),
    )
    draft = services.penalty_create(
        record=record(CF_XDR_MC="草稿公司"), department=staff.department, by=staff
    )
    return {"org": a, "person": b, "draft": draft}


def test_list_shows_published_penalties_only(client, data):
    html = client.get(LIST).content.decode()
    assert "福州星光电线电缆有限公司" in html and "王某某" in html
    assert "草稿公司" not in html


@pytest.mark.parametrize(
    ("params", "found", "absent"),
    [
        ({"q": "星光"}, "101号", "102号"),
        ({"q": "91110000600037341l"}, "101号", "102号"),
        ({"q": "〔2026〕102"}, "102号", "101号"),
        ({"type": "warning"}, "102号", "101号"),
        ({"category": "natural_person"}, "102号", "101号"),
        ({"date_from": "2026-10-01"}, "102号", "101号"),
        ({"date_to": "2026-10-01"}, "101号", "102号"),
        ({"authority": "质量技术监督"}, "101号", "草稿"),
    ],
)
def test_search_and_filters(client, data, params, found, absent):
    html = client.get(LIST, params).content.decode()
    assert found in html and absent not in html
    body = client.get(API, params).json()
    numbers = [r["decision_number"] for r in body["results"]]
    assert any(n.endswith(found) for n in numbers)
    assert not any(n.endswith(absent) for n in numbers)


def test_bad_filter_value_is_explained_not_a_500(client, data):
    response = client.get(LIST, {"date_from": "2026-13-45"})
    assert response.status_code == 200
    assert "查询条件有误" in response.content.decode()
    api = client.get(API, {"date_from": "2026-13-45"})
    assert api.status_code == 400 and api.json()["code"] == "invalid"


def test_detail_shows_summary_then_decision_text(client, data):
    p = data["org"]
    html = client.get(p.get_absolute_url()).content.decode()
    assert html.index("行政处罚信息摘要") < html.index("如不服本决定")
    for text in (
        "闽质监罚字〔2026〕101号",
        "91110000600037341L",
        "生产销售不合格产品",
        "福建省质量技术监督局",
        "2026-09-18",
        "福州市鼓楼区某路1号",
    ):
        assert text in html


def test_natural_person_id_and_address_never_public(client, data):
    p = data["person"]
    html = client.get(p.get_absolute_url()).content.decode()
    assert "11010519491231002X" not in html and "仓山区" not in html
    assert "110105********002X" in html
    detail = client.get(f"{API}{p.pk}/").json()
    assert detail["party_id_number"] == "110105********002X"
    assert detail["party_address"] == ""


def test_draft_and_expired_are_not_found(client, data, staff, reviewer):
    assert client.get(data["draft"].get_absolute_url()).status_code == 404
    assert client.get(f"{API}{data['draft'].pk}/").status_code == 404
    old = publish(
        staff=staff,
        reviewer=reviewer,
        raw=record(
            CF_CFLB="罚款", CF_NR_FK="0.2", CF_NR_WFFF=None, CF_JDRQ="2025-01-06"
        ),
        now=dt.datetime(2025, 1, 7, tzinfo=dt.UTC),
    )  # 3 months, ended 2025-04-06
    assert client.get(old.get_absolute_url()).status_code == 404
    assert old.decision_number not in client.get(LIST).content.decode()


def test_withdrawn_penalty_shows_only_the_withdrawal_and_reason(client, data, reviewer):
    p = services.penalty_withdraw(
        penalty=data["org"],
        kind="revoked",
        changed_on=dt.date.today(),
        reason="经行政复议撤销",
        by=reviewer,
    )
    html = client.get(p.get_absolute_url()).content.decode()
    assert "经行政复议撤销" in html and "决定被撤销" in html
    assert "生产销售不合格产品" not in html
    body = client.get(f"{API}{p.pk}/").json()
    assert body["withdrawn"] is True and body["reason"] == "经行政复议撤销"
    assert "闽质监罚字〔2026〕101号" not in client.get(LIST).content.decode()


def test_downloads_csv_xlsx_json(client, data):
    csv_text = client.get(API, {"format": "csv", "q": "星光"}).content.decode(
        "utf-8-sig"
    )
    header = csv_text.splitlines()[0].split(",")
    assert header[:3] == ["id", "decision_number", "party_name"]
    assert "福州星光电线电缆有限公司" in csv_text and "王某某" not in csv_text
    book = load_workbook(io.BytesIO(client.get(API, {"format": "xlsx"}).content))
    assert book.active.max_row == 3
    body = json.loads(client.get(API, {"format": "json"}).content)
    assert body["count"] == 2


def test_list_query_count_does_not_grow_with_rows(
    client, data, staff, reviewer, django_assert_max_num_queries
):
    for _ in range(5):
        publish(staff=staff, reviewer=reviewer)
    page_token()  # the token is current: the page costs its read and the render
    with django_assert_max_num_queries(5):
        page = client.get(LIST)
    with django_assert_max_num_queries(4):
        api = client.get(API)
    assert page.status_code == api.status_code == 200
    assert api.json()["count"] == 2 + 5  # the fixture's two and the five above


def test_exchange_export_has_codes_as_columns_and_needs_a_reviewer(
    client, login, data, staff, reviewer
):
    url = reverse("api:penalties-api:exchange")
    assert client.get(url).status_code in (401, 403)
    assert login(staff).get(url).status_code == 403
    text = login(reviewer).get(url, {"format": "csv"}).content.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[0] == "CF_XDR_MC" and header[-1] == "BZ" and len(header) == 30
    assert "11010519491231002X" in text  # full values go to the credit platform only
    assert AuditEvent.objects.filter(action="penalty.exchange_export").exists()


def test_name_index_follows_edits_and_deletes(client, data, staff, reviewer):
    from gongkai.penalties.models import Penalty

    p = data["org"]
    Penalty.objects.filter(pk=p.pk).update(party_name="福州月光照明有限公司")
    assert "101号" in client.get(LIST, {"q": "月光照明"}).content.decode()
    assert "101号" not in client.get(LIST, {"q": "星光电线"}).content.decode()
    Penalty.objects.filter(pk=p.pk).delete()
    assert "101号" not in client.get(LIST, {"q": "月光照明"}).content.decode()


def test_totals_stop_at_the_ceiling(client, data, monkeypatch):
    from gongkai.penalties import paging

    monkeypatch.setattr(paging, "COUNT_CEILING", 1)
    html = client.get(LIST).content.decode()
    assert "请缩小查询范围" in html
    body = client.get(API, {"format": "json"}).json()
    assert (body["count"], body["count_is_lower_bound"]) == (2, True)


def test_an_exact_total_is_not_a_lower_bound(client, data):
    body = client.get(API, {"format": "json"}).json()
    assert (body["count"], body["count_is_lower_bound"]) == (2, False)


def test_the_schema_documents_count_is_lower_bound(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    pages = [
        s for s in schema["components"]["schemas"].values()
        if "count_is_lower_bound" in s.get("properties", {})
    ]  # fmt: skip
    assert pages and all(
        p["properties"]["count_is_lower_bound"]["type"] == "boolean" for p in pages
    )


def test_atom_feed_lists_published_penalties_masked(client, data):
    body = client.get("/penalties/feed/").content.decode()
    assert "<feed" in body and "闽质监罚字〔2026〕101号" in body
    assert "草稿公司" not in body and "11010519491231002X" not in body


@pytest.mark.parametrize("term", ["鑫达电器", "鑫达"])  # the index path and the scan
def test_a_broad_name_query_lists_the_newest_matches_without_counting_them(
    client, monkeypatch, term
):
    from gongkai.penalties import selectors
    from gongkai.penalties.tests.factories import PenaltyFactory

    monkeypatch.setattr(selectors, "NAME_PROBE", 2)
    when = dt.datetime(2026, 9, 20, tzinfo=dt.UTC)
    for day in (1, 2, 3):
        PenaltyFactory(
            party_name=f"厦门市鑫达电器第{day}分公司", decided_on=dt.date(2026, 9, day),
            status=Status.PUBLISHED, publish_at=when,
        )  # fmt: skip
    PenaltyFactory(party_name="厦门市鑫达电器第9分公司", decided_on=dt.date(2026, 9, 9))
    html = client.get(LIST, {"q": term}).content.decode()
    assert "超过 2 条处罚信息" in html  # not counted: more than the probe
    shown = re.findall(r"鑫达电器第(\d)分公司", html)
    assert shown == ["3", "2", "1"]  # newest first; the draft never
    PenaltyFactory(party_name="漳州市鑫达电器第7分公司", status=Status.PUBLISHED,
                   publish_at=when)  # fmt: skip
    html = client.get(LIST, {"q": "漳州市鑫达"}).content.decode()
    assert "共 1 条处罚信息" in html  # a narrow query is counted exactly


def test_natural_persons_name_is_masked_everywhere_public(
    client, login, staff, reviewer, django_capture_on_commit_callbacks
):
    """RULES §3.3 / 总局令第45号 第六条: the platform masks the name, staff type it
    in full (王小明 -> 王**), in the summary and in the texts that repeat it."""
    from gongkai.search.selectors import search_run

    with django_capture_on_commit_callbacks(execute=True):
        p = publish(
            staff=staff,
            reviewer=reviewer,
            raw=person_record(
                CF_XDR_MC="王小明",
                CF_WSH="闽质监罚字〔2026〕301号",
                CF_NR="对王小明罚款人民币0.5万元。",
                JDS_QW="当事人王小明销售不合格电热毯，决定罚款。",
            ),
        )
    pages = {
        "list": client.get(LIST).content.decode(),
        "detail": client.get(p.get_absolute_url()).content.decode(),
        "api": client.get(f"{API}{p.pk}/").content.decode("unicode_escape"),
        "csv": client.get(f"{API}?format=csv").content.decode("utf-8-sig"),
        "feed": client.get("/penalties/feed/").content.decode(),
    }
    for name, text in pages.items():
        assert "王小明" not in text, name
    assert "王**" in pages["list"] and "王**" in pages["detail"]
    assert "当事人王**销售不合格电热毯" in pages["detail"]
    # a search by the full name does not confirm it; the 文号 still finds it
    assert (
        "闽质监罚字〔2026〕301号"
        not in client.get(LIST, {"q": "王小明"}).content.decode()
    )
    found = client.get(LIST, {"q": "闽质监罚字〔2026〕301号"}).content.decode()
    assert "王**" in found
    now = dt.datetime(2026, 11, 2, 3, tzinfo=dt.UTC)
    hits = search_run(query="闽质监罚字〔2026〕301号", now=now).hits
    assert [h.title for h in hits] == ["王** 行政处罚决定（闽质监罚字〔2026〕301号）"]
    assert not search_run(query="王小明", now=now).hits
    # the staff page keeps the full name
    staff_page = login(staff).get(f"/workbench/penalties/{p.pk}/")
    assert "王小明" in staff_page.content.decode()
