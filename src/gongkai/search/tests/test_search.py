"""Search over documents: short words, 文号 first, phrases, facets, sort, suggestions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.documents.tests.factories import DocumentFactory, IssuerFactory
from gongkai.search.selectors import Filters, search_run
from gongkai.search.services import search_reindex

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=1)


@pytest.fixture
def corpus():
    office = IssuerFactory(name="福建省质量技术监督局")  # the predecessor (to 2018)
    police = IssuerFactory(name="福建省公安厅", org_code="")
    rows = [
        ("福建省质量技术监督局关于印发2017年政务公开工作实施方案的通知", "闽质监〔2017〕126号",
         "<p>全面推进决策、执行、管理、服务、结果公开。推行“双随机、一公开”随机抽查。</p>", 2017, office),
        ("关于公布2024年第一批产品质量监督抽查结果的通告", "闽质监〔2024〕7号",
         "<p>本次抽查电线电缆、电动自行车等产品，不合格产品已依法处理。</p>", 2024, office),
        ("关于联合开展电动自行车火灾隐患整治的通知", "闽质监联〔2024〕3号",
         "<p>联合公安部门开展整治，抽查生产企业。</p>", 2024, police),
        ("关于规范计量器具强制检定工作的意见", "闽质监计〔2023〕11号",
         "<p>加强计量监督管理，保障量值准确。引用闽质监〔2017〕126号。</p>", 2023, office),
        ("关于做好2023年政府信息公开工作年度报告编制的通知", "",
         "<p>各单位按照条例要求公开年度报告。</p>", 2023, office),
    ]  # fmt: skip
    docs = []
    for title, number, body, year, issuer in rows:
        docs.append(
            DocumentFactory(
                published=True,
                title=title,
                doc_number=number,
                body=body,
                written_on=dt.date(year, 3, 1),
                issuers=[issuer],
            )
        )
    DocumentFactory(title="尚未发布的抽查草稿", body="<p>抽查</p>")
    search_reindex(now=T0)
    return docs


def titles(query, **kw):
    return [h.title for h in search_run(query=query, now=NOW, **kw).hits]


def test_two_character_words(corpus):
    assert set(titles("抽查")) == {corpus[0].title, corpus[1].title, corpus[2].title}
    assert set(titles("公开")) == {corpus[0].title, corpus[4].title}


def test_doc_number_query_finds_the_document_first(corpus):
    result = search_run(query="闽质监〔2017〕126号", now=NOW)
    assert result.hits[0].title == corpus[0].title and result.hits[0].exact
    # Another document quoting the number follows, not first.
    assert corpus[3].title in [h.title for h in result.hits[1:]]
    lenient = search_run(query="闽质监(2017)126号", now=NOW)
    assert lenient.hits[0].title == corpus[0].title


def test_phrases_and_multiword_queries(corpus):
    assert titles("电动自行车 整治") == [corpus[2].title]
    assert titles("产品质量监督抽查结果") == [corpus[1].title]
    assert titles("政府信息公开工作年度报告") == [corpus[4].title]


def test_drafts_are_never_found(corpus):
    assert "尚未发布的抽查草稿" not in titles("抽查")


def test_facets_and_filters(corpus):
    result = search_run(query="抽查", now=NOW)
    assert dict(result.facets["issuer"]) == {
        "福建省质量技术监督局": 2,
        "福建省公安厅": 1,
    }
    assert dict(result.facets["year"]) == {"2024": 2, "2017": 1}
    assert dict(result.facets["label"]) == {"政策文件": 3}
    assert titles("抽查", filters=Filters(issuer="福建省公安厅")) == [corpus[2].title]
    assert titles("抽查", filters=Filters(year=2017)) == [corpus[0].title]


def test_sort_by_date_and_pagination(corpus):
    by_date = titles("抽查", sort="date")
    assert by_date[-1] == corpus[0].title  # 2017 last
    first = search_run(query="抽查", now=NOW, per_page=2, page=1)
    second = search_run(query="抽查", now=NOW, per_page=2, page=2)
    assert (first.total, first.pages) == (3, 2)
    assert len({h.title for h in first.hits + second.hits}) == 3


def test_snippet_highlights_terms_and_escapes_html(corpus):
    DocumentFactory(
        published=True, title="测试<b>转义</b>", body="<p>抽查 &lt;script&gt;</p>"
    )
    search_reindex(now=T0)
    hit = next(h for h in search_run(query="抽查", now=NOW).hits if "转义" in h.title)
    assert "<mark>抽查</mark>" in hit.snippet and "<script>" not in hit.snippet


def test_no_results_gives_suggestions(corpus):
    result = search_run(query="电动自行车 年度报告 火星", now=NOW)
    assert result.total == 0
    assert {h.title for h in result.suggestions} >= {corpus[2].title, corpus[4].title}


def test_expiry_shows_as_expired_without_reindex(corpus):
    doc = corpus[3]
    doc.valid_until = dt.date(2026, 3, 10)
    doc.save()
    search_reindex(now=T0)
    before = search_run(query="计量", now=NOW)
    assert before.hits[0].validity == "有效"
    later = NOW + dt.timedelta(days=30)
    after = search_run(query="计量", now=later)
    assert after.hits[0].validity == "已失效"
    assert dict(after.facets["validity"]) == {"已失效": 1}
    assert [
        h.title
        for h in search_run(
            query="计量", now=later, filters=Filters(validity="已失效")
        ).hits
    ] == [doc.title]


def test_empty_and_punctuation_queries(corpus):
    assert search_run(query="", now=NOW).total == 0
    assert search_run(query="，。！", now=NOW).total == 0
    assert search_run(query="x" * 1000, now=NOW).total == 0


def test_reindex_command(corpus, capsys):
    call_command("search", "reindex")
    out = capsys.readouterr().out
    assert "documents.document: 5" in out
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("search", "reindex", "--kind", "nope.nope")


def test_backend_matches_the_database():
    from gongkai.search.backends import backend_for

    assert backend_for().vendor == connection.vendor


# The same table runs on SQLite (FTS5) and PostgreSQL (tsvector): both
# backends must give these top results on this data.
@pytest.mark.parametrize(
    ("query", "top"),
    [
        ("计量", 3),
        ("电动自行车", 2),  # a title hit outranks a body hit
        ("政务公开", 0),
        ("年度报告", 4),
        ("抽查结果", 1),
        ("闽质监〔2024〕7号", 1),
    ],
)
def test_top_result_is_the_same_on_every_backend(corpus, query, top):
    assert titles(query)[0] == corpus[top].title


def test_common_words_rank_the_newest_candidates(corpus, monkeypatch):
    from gongkai.search import selectors

    full = search_run(query="抽查", now=NOW)
    assert not full.capped and full.total == 3
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    capped = search_run(query="抽查", now=NOW)
    assert capped.capped and capped.total == 2
    # The two most recently indexed matches are ranked; the oldest entry drops out.
    assert set(titles("抽查")) == {corpus[1].title, corpus[2].title}
    assert sum(n for _v, n in capped.facets["label"]) == 2


def test_doc_number_query_is_answered_from_the_code_table(corpus, monkeypatch):
    from gongkai.search import selectors

    def no_full_text(*args, **kwargs):
        raise AssertionError("a 文号 found in the code table needs no full-text pass")

    monkeypatch.setattr(selectors, "backend_for", no_full_text)
    result = search_run(query="闽质监〔2017〕126号", now=NOW)
    assert [(h.title, h.exact) for h in result.hits] == [
        (corpus[0].title, True),
        (corpus[3].title, False),  # quotes it in its body
    ]
    assert result.total == 2 and not result.capped
    assert dict(result.facets["year"]) == {"2023": 1, "2017": 1}


def test_doc_number_only_quoted_finds_the_quoting_documents(corpus):
    DocumentFactory(
        published=True,
        title="关于废止部分规范性文件的决定",
        body="<p>决定废止闽质监〔2009〕45号。</p>",
        written_on=dt.date(2024, 5, 1),
    )
    search_reindex(now=T0)
    result = search_run(query="闽质监(2009)45号", now=NOW)
    assert [(h.title, h.exact) for h in result.hits] == [
        ("关于废止部分规范性文件的决定", False)
    ]


def test_many_matches_rank_the_newest_candidates(corpus, monkeypatch):
    from gongkai.search import selectors

    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    result = search_run(query="抽查", now=NOW)
    # Three documents match; the newest two (highest entry ids) are ranked.
    assert result.capped and result.total == 2
    assert {h.title for h in result.hits} == {corpus[1].title, corpus[2].title}
    assert sum(n for _v, n in result.facets["label"]) == 2
