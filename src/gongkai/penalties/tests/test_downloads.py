"""/penalties/download.csv|xlsx: every visible penalty, masked as on the page."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from gongkai.penalties.tests.factories import person_record, record
from gongkai.penalties.tests.support import publish

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, tzinfo=SH), tick=False):
        yield


@pytest.fixture
def register(staff, reviewer):
    for n in range(55):  # more than one API page (50)
        publish(
            staff=staff,
            reviewer=reviewer,
            raw=record(
                CF_XDR_MC=f"福州第{n}电器有限公司",
                CF_WSH=f"闽质监罚字〔2026〕{n + 1}号",
            ),
        )
    publish(
        staff=staff,
        reviewer=reviewer,
        raw=person_record(CF_WSH="闽质监罚字〔2026〕900号", CF_JDRQ="2026-10-09"),
    )


def _rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_every_penalty_with_chinese_headers(client, register):
    response = client.get("/penalties/download.csv")
    assert "penalties-2026-11-02.csv" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][:3] == ["行政处罚决定书文号", "当事人名称", "当事人类别"]
    assert len(rows) == 57
    person = next(r for r in rows if r[0] == "闽质监罚字〔2026〕900号")
    assert person[1] == "王某某" and person[2] == "自然人"
    assert person[-1].startswith("http://testserver/penalties/")
    assert "身份证" not in rows[0]


def test_filters_apply_to_the_download(client, register):
    rows = _rows(client.get("/penalties/download.csv", {"q": "福州第7电器有限公司"}))
    assert [r[1] for r in rows[1:]] == ["福州第7电器有限公司"]
    rows = _rows(client.get("/penalties/download.csv", {"date_from": "坏日期"}))
    assert len(rows) == 57  # malformed filters are ignored, as on the page


def test_xlsx_has_every_penalty(client, register):
    response = client.get("/penalties/download.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.active.max_row == 57


def test_list_page_links_to_the_download(client, register):
    html = client.get("/penalties/", {"q": "星光"}).content.decode()
    assert 'href="/penalties/download.csv?q=%E6%98%9F%E5%85%89"' in html
    assert client.get("/penalties/download.doc").status_code == 404
