"""Relevance: BM25 over both engines' counts, the statistics behind it, and the
PostgreSQL plan choice (search.rules.bm25, backends.newest, search_stats_refresh)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gongkai.documents.tests.factories import DocumentFactory
from gongkai.search import backends, statements
from gongkai.search.models import SearchEntry, SearchStats, SearchTerm
from gongkai.search.rules import bm25, bm25_scores, idf, weighted_frequency
from gongkai.search.selectors import search_run
from gongkai.search.services import search_reindex

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("df", "n", "expected"),
    [
        (1, 1000, math.log(1 + 999.5 / 1.5)),  # rare: 6.50
        (500, 1000, math.log(2)),  # in half the entries
        (1000, 1000, math.log(1 + 0.5 / 1000.5)),  # in all: small, never negative
        (5000, 1000, math.log(1 + 0.5 / 1000.5)),  # stale figures: clamped to n
        (0, 1000, math.log(1 + 999.5 / 1.5)),  # missing: as held by one
    ],
)
def test_idf(df, n, expected):
    assert idf(df, n) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("frequencies", "idfs", "length", "average", "expected"),
    [
        ([1], [1.0], 100, 100, 1.0),  # tf 1 at average length: 2.2 / 2.2
        ([10], [1.0], 100, 100, 10 * 2.2 / 11.2),  # once in the title
        ([2], [1.0], 200, 100, 2 * 2.2 / (2 + 1.2 * 1.75)),  # twice, twice as long
        ([1], [1.0], 50, 100, 1.0),  # shorter than average: as average (pivot floor)
        ([1], [1.0], 1, 100, 1.0),
        ([0, 1], [5.0, 1.0], 100, 100, 1.0),  # a missing word adds nothing
        ([1, 1], [5.0, 1.0], 100, 100, 6.0),  # idf weighs each word
        ([1], [1.0], 100, 0, 1.0),  # no average known: no length normalisation
    ],
)
def test_bm25(frequencies, idfs, length, average, expected):
    assert bm25(frequencies, idfs, length, average) == pytest.approx(expected)


def test_bm25_saturates():
    scores = [bm25([tf], [1.0], 100, 100) for tf in (1, 2, 4, 8, 100, 2816)]
    assert scores == sorted(scores) and scores[-1] < 2.2  # bounded by k1 + 1


@pytest.mark.parametrize(
    ("title", "body", "term", "expected"),
    [
        ("", "", "电梯", 0),
        ("电梯安全", "", "电梯", 10),  # the title counts ten times
        ("", "电梯。电梯维保。电梯", "电梯", 3),
        ("电梯电梯", "电梯。电梯", "电梯", 22),
        ("gb 7588", "依据gb 7588", "gb", 11),  # the caller lower-cases
    ],
)
def test_weighted_frequency(title, body, term, expected):
    assert weighted_frequency(title, body, term) == expected


@pytest.mark.parametrize("average", [0.0, 12.0, 300.0])
@pytest.mark.parametrize(
    "terms", [["电梯"], ["电梯", "安全"], ["gb", "电梯"], ["GB"], ["没有"]]
)
def test_bm25_scores_equal_the_formula_entry_by_entry(terms, average):
    texts = [
        ("电梯安全监察", "电梯。电梯维保。安全"),
        ("", ""),
        ("GB 7588 电梯制造", "依据gb 7588和Gb 10060。"),
        ("关于做好有关工作的通知", "其他事项。" * 30 + "电梯"),
        ("İSTANBUL GB", "gb"),  # İ lower-cased is two characters
    ]
    idfs = [1.0 + i for i in range(len(terms))]
    expected = []
    for title, body in texts:
        length = len(title) + len(body)  # as stored
        title, body = title.lower(), body.lower()
        tfs = [weighted_frequency(title, body, t.lower()) for t in terms]
        expected.append(bm25(tfs, idfs, length, average))
    assert bm25_scores(texts, terms, idfs, average) == pytest.approx(expected)


def _doc(title, body, year=2024):
    return DocumentFactory(
        published=True,
        title=title,
        body=f"<p>{body}</p>",
        written_on=dt.date(year, 3, 1),
    )


@pytest.mark.django_db
def test_ranking_reads_the_title_and_the_opening_of_the_body(monkeypatch):
    from gongkai.search import ranktexts, rules

    early = _doc("关于做好有关工作的通知一", "电梯检查。电梯维保。" + "其他事项。" * 20)
    late = _doc(
        "关于做好有关工作的通知二", "其他事项。" * 20 + "电梯检查。电梯维保。电梯。"
    )
    search_reindex(now=T0)
    # Both bodies are read whole: the one saying 电梯 three times ranks first.
    assert [h.title for h in search_run(query="电梯", now=NOW).hits] == [
        late.title,
        early.title,
    ]
    # Only the first 40 characters are read: the late mentions are not counted,
    # but the entry is still found (matching uses the whole index).
    monkeypatch.setattr(rules, "RANK_CHARS", 40)
    monkeypatch.setattr(ranktexts, "RANK_CHARS", 40)
    ranktexts.forget()  # the texts read at 4,000 characters
    assert [h.title for h in search_run(query="电梯", now=NOW).hits] == [
        early.title,
        late.title,
    ]


@pytest.mark.django_db
def test_stats_refresh_counts_entries_per_word():
    _doc("产品质量监督抽查结果", "抽查电线电缆。")
    _doc("电梯安全监察", "开展电梯抽查。")
    _doc("计量器具强制检定", "计量。")
    search_reindex(now=T0)  # refreshes the figures at its end
    stats = SearchStats.objects.get(pk=1)
    assert stats.entries == 3 and stats.refreshed_at == T0
    assert stats.average_length == pytest.approx(
        sum(len(e.title) + len(e.body) for e in SearchEntry.objects.all()) / 3
    )
    counts = dict(SearchTerm.objects.values_list("term", "entries"))
    assert "电梯" not in counts  # held by one entry: left out, counts as one
    assert counts["抽查"] == 2


@pytest.mark.django_db
def test_stats_command(capsys):
    _doc("电梯安全监察", "开展电梯抽查。")
    search_reindex(now=T0)
    SearchStats.objects.all().delete()
    call_command("search", "stats")
    assert "统计已更新：1 条" in capsys.readouterr().out
    assert SearchStats.objects.get(pk=1).entries == 1


@pytest.mark.django_db
def test_more_occurrences_rank_higher_and_the_title_most():
    once = _doc("关于做好有关工作的通知一", "开展电梯安全检查。另行通知。")
    thrice = _doc("关于做好有关工作的通知二", "电梯检查。电梯维保。电梯安全。")
    titled = _doc("电梯安全监察工作的通知", "做好有关工作。另行通知事项。", year=2020)
    search_reindex(now=T0)
    hits = [h.title for h in search_run(query="电梯", now=NOW).hits]
    assert hits == [titled.title, thrice.title, once.title]
    by_date = [h.title for h in search_run(query="电梯", now=NOW, sort="date").hits]
    assert by_date[-1] == titled.title


@pytest.mark.django_db
def test_a_rare_word_weighs_more_than_a_common_one():
    # 抽查 is in every entry, 锅炉 in two: the entry saying 锅炉 more wins even
    # though the other says 抽查 more.
    boiler = _doc("关于开展专项工作的通知甲", "锅炉抽查。锅炉检验。锅炉。")
    check = _doc("关于开展专项工作的通知乙", "抽查。抽查。抽查。锅炉。")
    for n in range(6):
        _doc(f"关于开展抽查的通知{n}", "抽查工作。")
    search_reindex(now=T0)
    hits = [h.title for h in search_run(query="锅炉 抽查", now=NOW).hits]
    assert hits == [boiler.title, check.title]


@pytest.mark.django_db
def test_ranking_works_before_any_refresh():
    _doc("电梯安全监察", "电梯。")
    _doc("关于做好有关工作的通知", "电梯。")
    search_reindex(now=T0)
    SearchStats.objects.all().delete()
    SearchTerm.objects.all().delete()
    hits = search_run(query="电梯", now=NOW).hits
    assert hits[0].title == "电梯安全监察"


@pytest.mark.django_db
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the plan choice is PostgreSQL's"
)
@pytest.mark.parametrize(
    ("probe", "walk_max"),
    [
        (1, 0),  # a one-row probe, then the planner for the rest
        (5, 10**6),  # a probe, a second walk, the planner for what is left
        (100, 0),  # the probe covers every row
    ],
)
def test_walking_the_newest_gives_what_the_planner_gives(monkeypatch, probe, walk_max):
    for n in range(12):
        _doc(f"关于地方标准第{n}批的通知", "地方标准。" if n % 3 else "标准。地方。")
        _doc(f"关于计量工作的通知{n}", "计量。")
    search_reindex(now=T0)
    expected = search_run(query="地方 标准", now=NOW)
    assert expected.total == 12
    # No match for all three words: suggestions from rows holding any (OR).
    suggested = search_run(query="地方 计量 火星", now=NOW).suggestions
    assert len(suggested) == 5
    monkeypatch.setattr(backends, "has_rum", lambda: False)  # the GIN plans
    monkeypatch.setattr(backends, "PLANNER_MAX_MATCHES", 0)
    monkeypatch.setattr(backends, "PROBE_ROWS", probe)
    monkeypatch.setattr(backends, "WALK_MAX_ROWS", walk_max)
    monkeypatch.setattr(backends, "GIN_ROWS", walk_max)
    walked = search_run(query="地方 标准", now=NOW)
    assert [h.title for h in walked.hits] == [h.title for h in expected.hits]
    assert walked.total == expected.total and walked.facets == expected.facets
    walked_suggestions = search_run(query="地方 计量 火星", now=NOW).suggestions
    assert [h.title for h in walked_suggestions] == [h.title for h in suggested]


@pytest.mark.django_db
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the RUM index is PostgreSQL's"
)
def test_rum_index_gives_what_the_gin_plans_give(monkeypatch):
    if not backends.has_rum():
        pytest.skip("the rum extension is not installed on this server")
    for n in range(8):
        _doc(f"关于地方标准第{n}批的通知", "地方标准。" if n % 3 else "标准。地方。")
        _doc(f"关于计量工作的通知{n}", "计量。")
    search_reindex(now=T0)
    with connection.cursor() as cur:
        # A few rows: a sequential scan is cheaper; on a real table the RUM scan
        # is the only plan that yields rows in this order without sorting.
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute(
            "EXPLAIN SELECT id FROM search_searchentry e WHERE e.tsv @@ %s::tsquery "
            "ORDER BY e.id <=| %s::bigint LIMIT 501",
            ["'地方' & '标准'", 2**63 - 1],
        )
        plan = "\n".join(row[0] for row in cur.fetchall())
        cur.execute("SET LOCAL enable_seqscan = on")
    assert backends.RUM_INDEX in plan
    queries = ["地方 标准", "计量", "地方 计量 火星"]
    with_rum = [search_run(query=q, now=NOW) for q in queries]
    monkeypatch.setattr(backends, "has_rum", lambda: False)
    without = [search_run(query=q, now=NOW) for q in queries]
    for a, b in zip(with_rum, without, strict=True):
        assert [h.title for h in a.hits] == [h.title for h in b.hits]
        assert [h.title for h in a.suggestions] == [h.title for h in b.suggestions]
        assert (a.total, a.facets) == (b.total, b.facets)
    assert with_rum[0].total == 8 and with_rum[2].suggestions


@pytest.mark.django_db
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the RUM index is PostgreSQL's"
)
def test_several_words_ored_run_on_the_rum_order_without_bitmaps(monkeypatch):
    """Without fresh statistics the planner takes an OR of two words for a few
    rows, reads every match through bitmaps and sorts them: 9 ms against 1 ms
    for the newest 100 of 2,000 entries (bench/search-plans.md)."""
    if not backends.has_rum():
        pytest.skip("the rum extension is not installed on this server")
    for n in range(3):
        _doc(f"关于计量工作的通知{n}", "计量。")
    search_reindex(now=T0)
    seen: list[str] = []
    run = statements.without_bitmaps

    def spy(sql, params):
        seen.append(" ".join(str(p) for p in params if isinstance(p, str)))
        return run(sql, params)

    monkeypatch.setattr(statements, "without_bitmaps", spy)
    result = search_run(query="计量 火星", now=NOW)  # nothing holds both
    assert result.total == 0 and len(result.suggestions) == 3
    assert any(" | " in params for params in seen), seen


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="a PostgreSQL setting")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("in_transaction", [False, True])
def test_bitmap_scans_are_off_for_that_query_only(in_transaction):
    def setting():
        with connection.cursor() as cur:
            cur.execute("SELECT current_setting('enable_bitmapscan')")
            return cur.fetchone()[0]

    probe = "SELECT current_setting('enable_bitmapscan')"
    if in_transaction:
        with transaction.atomic():
            assert statements.without_bitmaps(probe, []) == [("off",)]
            assert setting() == "on"
    else:
        assert statements.without_bitmaps(probe, []) == [("off",)]
    assert setting() == "on"


@pytest.mark.django_db
def test_indexes_command_is_idempotent(capsys):
    call_command("search", "indexes")
    call_command("search", "indexes")
    out = capsys.readouterr().out
    assert out.count(f"全文索引已就绪（{connection.vendor}") == 2
    if connection.vendor == "postgresql" and backends.has_rum():
        assert "含 RUM 索引" in out


@pytest.mark.django_db
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the RUM index is PostgreSQL's"
)
def test_a_dropped_rum_index_is_noticed_after_the_recheck_period(monkeypatch):
    if not backends.has_rum():
        pytest.skip("the rum extension is not installed on this server")
    with connection.cursor() as cur:  # as another process's reindex would
        cur.execute(f"DROP INDEX {backends.RUM_INDEX}")
    assert backends.has_rum()  # remembered for a while
    later = backends.time.monotonic() + backends.RUM_RECHECK_SECONDS + 1
    monkeypatch.setattr(backends.time, "monotonic", lambda: later)
    assert not backends.has_rum()
    backends._rum.clear()


@pytest.mark.django_db
def test_short_register_rows_do_not_outrank_documents_about_the_query(staff, reviewer):
    """Issue 19: for 政务公开, the leading-group register's rows (张某/李某/王某,
    "政务公开工作领导小组及分工") came above the 2017 work plan. A row is ranked by
    what it is; the register's name is in its body, and a short text gets no bonus
    for being short."""
    from gongkai.publishing import services as pub
    from gongkai.registers.demo import ROWS
    from gongkai.registers.models import Register
    from gongkai.registers.services import entry_create

    register = Register.objects.get(slug="leading-group")
    for row in ROWS["leading-group"]:
        entry = entry_create(
            register=register, record=dict(row), department=staff.department,
            by=staff, now=T0,
        )  # fmt: skip
        pub.publishing_submit(obj=entry, by=staff, now=T0)
        pub.publishing_approve(obj=entry, by=reviewer, now=T0)
        pub.publishing_publish(obj=entry, by=reviewer, now=T0)
    plan_body = "。".join(
        f"第{n}项：推进政务公开标准化规范化，落实政务公开工作要点，做好信息发布和政策解读"
        for n in range(60)
    )
    plan = _doc(
        "福建省质量技术监督局关于印发2017年政务公开工作实施方案的通知", plan_body
    )
    notice = _doc("关于做好政务公开工作的通知", "请认真做好政务公开工作。")
    search_reindex(now=T0)
    hits = search_run(query="政务公开", now=NOW).hits
    kinds = [h.kind for h in hits]
    assert kinds[:2] == ["documents.document"] * 2
    assert kinds[2:] == ["registers.entry"] * 3
    assert {hits[0].title, hits[1].title} == {plan.title, notice.title}
    # The register still finds its rows by the register's name and by a member.
    assert [h.title for h in search_run(query="张某", now=NOW).hits] == ["张某"]
    assert len(search_run(query="领导小组及分工", now=NOW).hits) == 3


@pytest.mark.parametrize(
    ("query", "tokens", "expected"),
    [
        # a 文号: the whole number and its agency, not 闽, 号 or 2017 alone
        (
            "闽质监〔2017〕12号",
            ["闽", "质监", "2017", "12", "号"],
            ["闽质监〔2017〕12号", "质监"],
        ),
        ("政务公开", ["政务", "公开", "政务公开"], ["政务公开", "政务", "公开"]),
        ("2017", ["2017"], ["2017"]),  # typed on its own, it is the term
        ("闽", ["闽"], ["闽"]),
        ("电梯  Safety", ["电梯", "safety"], ["电梯", "safety"]),
        ("ＧＢ", ["gb"], ["gb"]),  # full-width letters as the index reads them
    ],
)
def test_highlight_terms(query, tokens, expected):
    from gongkai.search.rules import highlight_terms

    assert highlight_terms(query, tokens) == expected


@pytest.mark.django_db
def test_snippets_do_not_mark_single_characters_of_a_doc_number():
    _doc(
        "关于计量器具检定的通知",
        "依据闽质监〔2017〕12号文件，2017年起各地市号召开展计量器具检定。",
    )
    search_reindex(now=T0)
    result = search_run(query="闽质监〔2017〕12号", now=NOW)
    snippet = str(result.hits[0].snippet)
    assert "<mark>闽质监〔2017〕12号</mark>" in snippet
    assert "<mark>号</mark>" not in snippet and "<mark>2017</mark>" not in snippet


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "",
        "a" * 3999,
        "a" * 4000,  # as many bytes as characters ranked: taken whole
        "a" * 4001,
        "抽" * 1333,  # 3,999 bytes
        "抽" * 1334,  # 4,002 bytes, fewer characters than ranked
        "抽" * 4001,
        "a" * 3998 + "抽查",  # the cut inside multi-byte text
        "😀" * 4001,
    ],
)
def test_the_ranked_prefix_of_a_body_is_its_first_characters(body):
    from gongkai.search.rules import RANK_CHARS

    doc = DocumentFactory(published=True, title="前缀", body=body, doc_number="")
    search_reindex(now=T0)
    entry = SearchEntry.objects.get(object_id=str(doc.pk))
    prefix = backends.backend_for().body_prefix(RANK_CHARS)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {prefix} FROM search_searchentry e WHERE e.id = %s",
            [entry.pk],
        )
        (got,) = cur.fetchone()
    assert (got or "") == entry.body[:RANK_CHARS]
    assert len(entry.body) == len(body)  # kept whole: the prefix is the cut


PROBE = "SELECT current_setting('enable_bitmapscan')"


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="a PostgreSQL setting")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("runs", "settings", "messages"),
    [
        # A walk's plan does not change with bitmap scans: it goes with either.
        (("keyed", "without_bitmaps"), ["off", "off"], 1),
        (("fetch", "keyed"), ["on", "on"], 1),
        (("without_bitmaps", "without_bitmaps"), ["off", "off"], 1),
        # A GIN plan needs them: one after the other.
        (("fetch", "without_bitmaps"), ["on", "off"], 2),
    ],
)
def test_steps_go_together_where_their_settings_agree(runs, settings, messages):
    steps = [(getattr(statements, run), PROBE, []) for run in runs]
    with CaptureQueriesContext(connection) as ctx:
        results = statements.together(steps)
    assert results == [[(s,)] for s in settings]
    assert len(ctx.captured_queries) == messages
    with connection.cursor() as cur:  # a message's SET LOCAL ended with it
        cur.execute(PROBE)
        assert cur.fetchone()[0] == "on"


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="a PostgreSQL setting")
@pytest.mark.django_db(transaction=True)
def test_steps_in_a_transaction_go_one_after_the_other():
    steps = [(statements.keyed, PROBE, []), (statements.without_bitmaps, PROBE, [])]
    with transaction.atomic():
        assert statements.together(steps) == [[("on",)], [("off",)]]
