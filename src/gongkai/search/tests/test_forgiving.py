"""Search that forgives how people type (issue 12): punctuation and width inside a
term, the thesaurus (built in and the office's), compounds the index never holds
whole, and the nearest matching queries. Runs on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.documents.tests.factories import DocumentFactory, IssuerFactory
from gongkai.search.expansion import plan_query
from gongkai.search.selectors import search_run
from gongkai.search.services import search_reindex
from gongkai.search.services_office import synonym_create

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=1)

DOCS = {
    "dsr": ("关于全面推行“双随机、一公开”监管的实施意见", "随机抽取检查对象，抽查结果及时公开。"),
    "dsr2": ("2025年度部门联合“双随机、一公开”抽查计划", "明确抽查事项和比例。"),
    "report": ("福建省市场监督管理局2023年政府信息公开工作年度报告", "主动公开政府信息。"),
    "report2": ("福建省质量技术监督局2017年政府信息公开工作年度报告", "依申请公开情况。"),
    "samr": ("国家市场监督管理总局关于产品质量国家监督抽查的通告", "抽查电线电缆。"),
    "qts": ("福建省质量技术监督局关于电梯安全监督抽查结果的通告", "在用电梯抽查。"),
    "web": ("关于加快推进“互联网＋政务服务”工作的通知", "优化服务流程。"),
    "law": ("2022年法治政府建设年度报告", "推进依法行政。"),
}  # fmt: skip


@pytest.fixture
def corpus(reviewer):
    # An issuer whose name none of the queries touch (the factory's default is a
    # 质量技术监督局, which every document would then mention).
    issuer = IssuerFactory(name="福建省人民政府办公厅", org_code="")
    docs = {
        key: DocumentFactory(
            published=True,
            title=title,
            body=f"<p>{body}</p>",
            doc_number="",
            issuers=[issuer],
        )
        for key, (title, body) in DOCS.items()
    }
    search_reindex(now=T0)
    return docs


def found(query):
    return {h.title for h in search_run(query=query, now=NOW).hits}


def titles(*keys):
    return {DOCS[k][0] for k in keys}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("双随机一公开", ("dsr", "dsr2")),
        ("双随机、一公开", ("dsr", "dsr2")),
        ("“双随机、一公开”", ("dsr", "dsr2")),
        ("双随机一公开 抽查计划", ("dsr2",)),
        ("信息公开年报", ("report", "report2")),
        ("年报", ("report", "report2", "law")),
        ("法治政府建设年报", ("law",)),
        ("市场监管总局", ("samr",)),
        ("质监局 电梯", ("qts",)),
        ("质监局 年报", ("report2",)),
        ("互联网+", ("web",)),
        ("互联网＋", ("web",)),
        ("互联网+政务服务", ("web",)),
        ("ｈｔｔｐ 互联网＋政务服务", ()),
        ("政务服务　互联网", ("web",)),  # an ideographic space between the words
    ],
)
def test_queries_as_people_type_them(corpus, query, expected):
    assert found(query) == titles(*expected)


def test_a_compound_is_split_only_when_the_index_does_not_know_it(corpus):
    (unknown,) = plan_query("双随机一公开").groups
    assert unknown.alternatives == (("双随机", "一公开"),)
    # "电梯" and "抽查" are held by several entries: kept as they are.
    assert [g.alternatives for g in plan_query("电梯 抽查").groups] == [
        (("电梯",),),
        (("抽查",),),
    ]


def test_the_whole_compound_ranks_first(corpus):
    doc = DocumentFactory(
        published=True,
        title="推进双随机一公开监管",
        body="<p>其他。</p>",
        doc_number="",
    )
    search_reindex(now=T0)
    hits = search_run(query="双随机一公开", now=NOW).hits
    assert hits[0].title == doc.title
    assert {h.title for h in hits[1:]} == titles("dsr", "dsr2")


def test_office_synonyms_apply_at_once(corpus, reviewer):
    assert found("升降机") == set()
    synonym_create(by=reviewer, phrases=["升降机", "电梯"], now=T0)
    assert found("升降机") == titles("qts")


def _synonym_reads(query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        titles_found = found(query)
    reads = [q for q in ctx.captured_queries if "search_searchsynonym" in q["sql"]]
    return titles_found, len(reads)


def test_the_thesaurus_is_read_again_only_when_the_search_version_moves(corpus):
    from django.db import connection

    from gongkai.publishing.caching import content_changed
    from gongkai.search.models import SearchEntry, SearchSynonym, SearchVersion

    _synonym_reads("电梯")  # read once in this process
    assert _synonym_reads("升降机") == (set(), 0)
    # Another process adds a set: its write bumps the version and marks the
    # search tag (services._bump), which this process sees at its next search.
    SearchSynonym.objects.create(phrases="升降机\n电梯", updated_at=T0)
    assert _synonym_reads("升降机") == (set(), 0)  # no bump: not read
    with connection.cursor() as cur:
        cur.execute("UPDATE search_searchversion SET value = value + 1 WHERE id = 1")
    assert SearchVersion.objects.exists()
    content_changed(model=SearchEntry)
    assert _synonym_reads("升降机") == (titles("qts"), 1)
    assert _synonym_reads("升降机") == (titles("qts"), 0)


def test_a_rolled_back_thesaurus_write_is_forgotten(corpus, reviewer):
    from django.db import transaction

    found("电梯")
    with transaction.atomic():
        synonym_create(by=reviewer, phrases=["升降机", "电梯"], now=T0)
        assert found("升降机") == titles("qts")
        transaction.set_rollback(True)
    # The version number the write reached comes again, with another set.
    synonym_create(by=reviewer, phrases=["直梯", "电梯"], now=T0)
    assert found("升降机") == set()
    assert found("直梯") == titles("qts")


def test_nothing_found_offers_the_nearest_queries_that_match(corpus):
    result = search_run(query="电梯 火星", now=NOW)
    assert result.total == 0
    assert result.nearest == ["电梯"]
    result = search_run(query="年报 火星 政府", now=NOW)
    assert result.nearest == ["年报 政府"]
    assert found("年报 政府") == titles("report", "report2", "law")


def test_a_search_that_finds_nothing_looks_each_word_up_once(corpus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    search_run(query="电梯", now=NOW)  # the thesaurus read
    with CaptureQueriesContext(connection) as ctx:
        result = search_run(query="电梯 火星", now=NOW)
    assert result.total == 0 and result.suggestions and result.nearest
    # The plan reads the new word's frequency (the version and the statistics
    # were read for 电梯 in the same search state) in one statement; the
    # suggestions reuse it.
    lookups = [q for q in ctx.captured_queries if "search_searchterm" in q["sql"]]
    assert len(lookups) == 1 and "'火星'" in lookups[0]["sql"]


def test_an_unknown_word_suggests_the_known_word_inside(corpus):
    for n in range(2):
        DocumentFactory(published=True, title=f"ISO9001认证公告{n}", doc_number="")
    search_reindex(now=T0)
    result = search_run(query="ISO9001X", now=NOW)
    assert result.total == 0
    assert result.nearest == ["iso9001"]
