"""A policy library of real public documents imports whole (issue 12, RULES.md §9).

``data/corpus-public-documents.jsonl`` holds real documents of many issuers (laws,
行政法规, 部门规章, 公告, 人大常委会公告, 国办 and 国发 documents, standards and
technical regulations), with the 文号 each one carries, written the way exported
files write them, and rows whose 成文日期 or 发文机关 is unknown.  Rows marked
``note`` carry a real number from the issue whose title was not verified.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.core.doc_numbers import Shape, doc_number_info
from gongkai.documents.importing import documents_import
from gongkai.documents.models import Document
from gongkai.publishing.choices import Status
from gongkai.search.selectors import search_run
from gongkai.search.services import search_reindex

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).parent / "data" / "corpus-public-documents.jsonl"
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=1)
ROWS = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def library(reviewer):
    report = documents_import(
        files=[(CORPUS.name, CORPUS.read_bytes())], department=reviewer.department,
        by=reviewer, publish=True, now=T0,
    )  # fmt: skip
    search_reindex(now=T0)
    return report


def test_the_corpus_covers_every_shape_and_many_issuers():
    shapes = {doc_number_info(r["doc_number"]).shape for r in ROWS if r["doc_number"]}
    assert shapes == set(Shape) - {Shape.UNKNOWN}
    issuers = {
        name
        for r in ROWS
        for name in (
            [r["issuer"]] if isinstance(r["issuer"], str) else r["issuer"] or []
        )
        if name
    }
    assert len(issuers) >= 12
    assert sum(1 for r in ROWS if not r["date"]) >= 10
    assert sum(1 for r in ROWS if not r["issuer"]) >= 2


def test_every_real_document_is_imported_none_refused(library):
    assert library.errors == []
    assert len(library.created) == len(ROWS) == Document.objects.count()
    assert {d.status for d in library.created} == {Status.PUBLISHED}
    by_title = {d.title: d for d in Document.objects.all()}
    for row in ROWS:
        doc = by_title[row["title"]]
        assert doc.doc_number == (row["doc_number"] or "").strip()  # as written
        assert doc.doc_number_key == doc_number_info(row["doc_number"]).key
        assert (doc.written_on is None) == (not row["date"])
    assert by_title["中华人民共和国政府信息公开条例"].written_on == dt.date(2019, 4, 3)
    assert by_title["优化营商环境条例"].written_on == dt.date(2019, 10, 22)
    assert by_title["企业信息公示暂行条例"].written_on == dt.date(2014, 8, 7)
    assert by_title["中华人民共和国行政处罚法"].written_on == dt.date(2021, 1, 22)
    joint = by_title["关于进一步支持小微企业和个体工商户发展有关税费政策的公告"]
    assert joint.issuer_names() == ["财政部", "税务总局"]
    unknown = by_title["文件（第三五零号）"]
    assert (unknown.written_on, unknown.issuer_names()) == (None, [])
    # The 索引号 of an undated document takes the year it was catalogued.
    assert unknown.index_number.endswith("/2026-" + unknown.index_number[-5:])


def test_missing_metadata_is_reported_as_warnings_not_refusals(library):
    reasons = [reason for _f, _line, reason in library.warnings]
    assert sum("缺少成文日期" in r for r in reasons) == sum(
        1 for r in ROWS if not r["date"]
    )
    assert sum("缺少发文机关" in r for r in reasons) == sum(
        1 for r in ROWS if not r["issuer"]
    )
    assert not any("格式未能识别" in r for r in reasons)  # every shape is known


# (query, document it must find first): every written form of the number.
NUMBER_QUERIES = [
    ("中华人民共和国国务院令第711号", "中华人民共和国政府信息公开条例"),
    ("中华人民共和国国务院令 第七一一号", "中华人民共和国政府信息公开条例"),
    ("中华人民共和国国务院令第722号", "优化营商环境条例"),
    ("国家市场监督管理总局令第49号", "国家市场监督管理总局规章（国家市场监督管理总局令第49号）"),
    ("国家市场监督管理总局令第０４９号", "国家市场监督管理总局规章（国家市场监督管理总局令第49号）"),
    ("中华人民共和国主席令第70号", "中华人民共和国行政处罚法"),
    ("中华人民共和国主席令第七十号", "中华人民共和国行政处罚法"),
    ("市场监管总局公告2021年第41号", "市场监管总局公告（2021年第41号）"),
    ("财政部 税务总局公告2023年第29号", "财政部 税务总局公告（2023年第29号）"),
    ("财政部、税务总局公告2023年第29号", "财政部 税务总局公告（2023年第29号）"),
    ("财政部税务总局公告２０２３年第１２号", "关于进一步支持小微企业和个体工商户发展有关税费政策的公告"),
    ("浙江省人民代表大会常务委员会公告第39号", "浙江省人民代表大会常务委员会公告（第39号）"),
    ("第十二届人民代表大会常务委员会公告第5号", "人民代表大会常务委员会公告（第５号）"),
    ("沪发改价管〔2012〕20号", "上海市发展和改革委员会价格管理文件（沪发改价管(2012)020号）"),
    ("沪发改价管(2012)020号", "上海市发展和改革委员会价格管理文件（沪发改价管(2012)020号）"),
    ("第350号", "文件（第三五零号）"),
    ("TSG T7007-2016", "电梯型式试验规则"),
    ("TSG T7007—2016", "电梯型式试验规则"),
    ("tsg 08-2017", "特种设备使用管理规则"),
    ("GB/T9704-2012", "党政机关公文格式"),
    ("JJF 1059.1-2012", "测量不确定度评定与表示"),
    ("国办发〔2017〕47号", "国务院办公厅关于印发政府网站发展指引的通知"),
    ("国发(2014)20号", "国务院关于促进市场公平竞争维护市场正常秩序的若干意见"),
]  # fmt: skip
# (query, the document carrying it or None, a document quoting it in its text).
QUOTED_QUERIES = [
    ("国务院令第711号", None, "国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知"),
    ("中华人民共和国国务院令第711号", "中华人民共和国政府信息公开条例", "国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知"),
    ("国办发〔2015〕58号", "国务院办公厅关于推广随机抽查规范事中事后监管的通知", "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见"),
    ("中办发(2016)8号", "中共中央办公厅 国务院办公厅印发《关于全面推进政务公开工作的意见》", "国务院办公厅印发《〈关于全面推进政务公开工作的意见〉实施细则》的通知"),
]  # fmt: skip


def test_a_number_in_any_written_form_finds_its_document_first(library):
    # One import for the whole table (each import publishes 44 documents).
    for query, title in NUMBER_QUERIES:
        hits = search_run(query=query, now=NOW).hits
        assert hits, query
        assert (hits[0].title, hits[0].exact) == (title, True), query


def test_documents_quoting_a_number_follow_the_document(library):
    for query, own, quoting in QUOTED_QUERIES:
        hits = [(h.title, h.exact) for h in search_run(query=query, now=NOW).hits]
        expected = ([(own, True)] if own else []) + [(quoting, False)]
        assert hits[: len(expected)] == expected, query


def test_undated_documents_are_public_with_unknown_date(library, client):
    doc = Document.objects.get(title="文件（第三五零号）")
    page = client.get(doc.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("不详") >= 2  # 发文机关 and 成文日期
    api = client.get(
        reverse("api:documents-api:document-detail", args=[doc.index_number])
    )
    assert api.status_code == 200
    assert (api.json()["written_on"], api.json()["issuers"]) == (None, None)
    listed = client.get(reverse("api:documents-api:document-list") + "?format=json")
    rows = {r["title"]: r for r in listed.json()["results"]}
    assert rows["文件（第三五零号）"]["written_on"] is None


def test_the_command_reports_warnings_and_zero_refused(reviewer, capsys):
    call_command("documents", "import", str(CORPUS), "--user", reviewer.username)
    out = capsys.readouterr().out
    assert f"新导入 {len(ROWS)} 件" in out and "拒收 0 行" in out
    assert "WARNING corpus-public-documents.jsonl 第34行：缺少发文机关" in out


def test_numbers_are_shown_as_written(library, client):
    for title in (
        "国务院关于促进市场公平竞争维护市场正常秩序的若干意见",
        "上海市发展和改革委员会价格管理文件（沪发改价管(2012)020号）",
        "人民代表大会常务委员会公告（第５号）",
        "文件（第三五零号）",
        "电梯型式试验规则",
        "关于进一步支持小微企业和个体工商户发展有关税费政策的公告",
    ):
        doc = Document.objects.get(title=title)
        html = client.get(doc.get_absolute_url()).content.decode()
        assert f'<p class="doc-number">{doc.doc_number}</p>' in html, title
    assert Document.objects.get(title="电梯型式试验规则").doc_number == "TSG T7007-2016"
