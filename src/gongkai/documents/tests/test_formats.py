"""PDF, scanned PDF and OFD documents: their text is read and imported into search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.documents.formats import FormatError, ofd_text, pdf_text
from gongkai.documents.importing import documents_import
from gongkai.documents.models import Document
from gongkai.documents.tests import samples
from gongkai.search.selectors import search_run
from gongkai.search.services import search_reindex

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=1)

NOTICE = [
    "文件名称：国务院办公厅关于推广随机抽查规范事中事后监管的通知",
    "文件编号：国办发〔2015〕58号",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "为落实简政放权、放管结合、优化服务的要求，推广随机抽查，规范事中事后监管。",
    "国务院办公厅",
    "2015年7月29日",
]
DECREE = [
    "文件名称：市场监督管理严重违法失信名单管理办法",
    "文件编号：国家市场监督管理总局令第44号",
    "为了规范市场监督管理部门严重违法失信名单管理，强化信用监管，制定本办法。",
    "国家市场监督管理总局",
    "2021年7月30日",
]


def test_pdf_text_layer_is_read_line_by_line():
    assert pdf_text(samples.text_pdf(NOTICE)).splitlines() == NOTICE


def test_a_scanned_pdf_has_no_text():
    assert pdf_text(samples.scan_pdf(NOTICE)) == ""


def test_ofd_text_is_read_in_page_and_line_order():
    text = ofd_text(samples.ofd([DECREE[:3], DECREE[3:]]))
    assert text == "\n".join(DECREE[:3]) + "\n\n" + "\n".join(DECREE[3:])


@pytest.mark.parametrize(
    ("reader", "data", "message"),
    [
        (pdf_text, b"%PDF-1.4 broken", "无法读取 PDF"),
        (pdf_text, b"not a pdf", "无法读取 PDF"),
        (ofd_text, b"not a zip", "不是 OFD"),
        (
            ofd_text,
            samples.ofd([["x"]]).replace(b"OFD.xml", b"XYZ.xml"),
            "缺少 OFD.xml",
        ),
    ],
)
def test_damaged_files_raise_a_format_error(reader, data, message):
    with pytest.raises(FormatError, match=message):
        reader(data)


@pytest.mark.django_db
def test_pdf_scan_and_ofd_import_and_search(reviewer, login):
    files = [
        ("国办发〔2015〕58号.pdf", samples.text_pdf(NOTICE)),
        ("扫描件-闽质监〔2009〕45号.pdf", samples.scan_pdf(DECREE)),
        ("令44.ofd", samples.ofd([DECREE])),
        ("损坏.ofd", b"PK\x03\x04 broken"),
    ]
    report = documents_import(
        files=files, department=reviewer.department, by=reviewer, publish=True, now=T0
    )
    assert [(name, line) for name, line, _r in report.errors] == [("损坏.ofd", 1)]
    assert [(name, "扫描件" in reason) for name, _l, reason in report.warnings] == [
        ("扫描件-闽质监〔2009〕45号.pdf", True)
    ]
    pdf, scan, ofd = report.created
    assert (pdf.doc_number, pdf.written_on, pdf.issuer_names()) == (
        "国办发〔2015〕58号",
        dt.date(2015, 7, 29),
        ["国务院办公厅"],
    )
    assert "推广随机抽查" in pdf.body and pdf.searchable
    assert (ofd.doc_number, ofd.written_on) == (
        "国家市场监督管理总局令第44号",
        dt.date(2021, 7, 30),
    )
    assert (scan.title, scan.body, scan.searchable) == (
        "扫描件-闽质监〔2009〕45号",
        "",
        False,
    )
    assert (scan.written_on, scan.issuer_names()) == (None, [])
    search_reindex(now=T0)
    assert [h.title for h in search_run(query="事中事后监管", now=NOW).hits] == [
        pdf.title
    ]
    assert [h.title for h in search_run(query="严重违法失信", now=NOW).hits] == [
        ofd.title
    ]
    assert search_run(query="国家市场监督管理总局令 第44号", now=NOW).hits[0].exact
    # Staff see the scan among the documents to complete, flagged as not searchable.
    client = login(reviewer)
    listed = client.get(reverse("documents-staff:document-list") + "?incomplete=1")
    html = listed.content.decode()
    assert scan.title in html and pdf.title not in html and ofd.title not in html
    assert "扫描件，无法检索" in html
    edit = client.get(reverse("documents-staff:document-edit", args=[scan.pk]))
    assert "正文无法全文检索" in edit.content.decode()
    assert Document.objects.count() == 3
