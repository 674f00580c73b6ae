"""/xxgk/download.csv|xlsx: every public document the filters select, not one page."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from gongkai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 12, 6, 10, tzinfo=SH), tick=False):
        yield


@pytest.fixture
def catalogue():
    # More rows than one API page (PAGE_SIZE 50).
    DocumentFactory.create_batch(61, published=True)
    DocumentFactory(
        published=True,
        title="已废止的办法",
        validity="repealed",
        written_on=dt.date(2017, 5, 27),
        doc_number="闽质监〔2017〕126号",
    )
    DocumentFactory(title="草稿不公开")


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_every_row_chinese_values_and_absolute_urls(client, catalogue):
    response = client.get("/xxgk/download.csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "xxgk-catalogue-2026-12-06.csv" in response["Content-Disposition"]
    rows = _csv(response)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["索引号", "名称", "文号", "发文机关"]
    assert len(body) == 62
    by_title = {r[1]: dict(zip(header, r, strict=True)) for r in body}
    assert "草稿不公开" not in by_title
    repealed = by_title["已废止的办法"]
    assert repealed["有效性"] == "已废止" and repealed["成文日期"] == "2017-05-27"
    assert {r["有效性"] for r in by_title.values()} == {"有效", "已废止"}
    assert repealed["网址"].startswith("http://testserver/documents/")


def test_filters_select_the_rows_as_on_the_page(client, catalogue):
    rows = _csv(client.get("/xxgk/download.csv", {"validity": "repealed"}))
    assert [r[1] for r in rows[1:]] == ["已废止的办法"]
    # A malformed filter is ignored, as on /xxgk/.
    assert len(_csv(client.get("/xxgk/download.csv", {"year": "x"}))) == 63


def test_xlsx_has_every_row(client, catalogue):
    response = client.get("/xxgk/download.xlsx", {"column": ""})
    assert response["Content-Type"].startswith("application/vnd.openxml")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "索引号" and len(rows) == 63


def test_english_page_language_still_writes_chinese_values(client, catalogue):
    client.cookies["django_language"] = "en"
    rows = _csv(client.get("/xxgk/download.csv", {"validity": "repealed"}))
    assert rows[1][10] == "已废止"


def test_unknown_format_is_not_found(client, catalogue):
    assert client.get("/xxgk/download.pdf").status_code == 404


def test_catalogue_page_links_to_the_whole_download(client, catalogue):
    html = client.get("/xxgk/", {"validity": "effective"}).content.decode()
    assert 'href="/xxgk/download.csv?validity=effective"' in html
    assert 'href="/xxgk/download.xlsx?validity=effective"' in html
