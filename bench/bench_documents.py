"""Search latency of the site search at scale (not a test; nothing asserted).

Run: ``DJANGO_SETTINGS_MODULE=gongkai.config.settings.test .venv/bin/python
bench/bench_documents.py [--docs 100000] [--queries 40]``; for PostgreSQL set
``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench`` (its tables are
flushed first).

Builds ``--docs`` index entries of realistic documents (titles and paragraphs from
``documents.demo_text``, recombined so no two bodies are equal; each with its own
文号) through ``search.services.index_bulk`` — the same segmentation and backend
writes as ``gongkai search reindex`` — and prints the build time and index size.
The ranking statistics (document frequency of every word, ``search_stats_refresh``)
are refreshed after the build and timed. A 文号 query is answered from the code table (the entry's own numbers and the numbers
its text quotes), other queries by the full-text engine over at most the newest
``selectors.CANDIDATES`` matches. Then, for 2-character, 4-character, multi-word and
文号 queries, it runs
``search_run`` exactly as the /search/ page does (ranked first page + total + facets)
the same through the result cache (``search_run_cached``, as the page and API
call it: a repeated query), and a ``LIKE '%q%'`` scan over title and body in the same run, and prints p50/p95 in
ms and the speed-up of the index over the scan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

SH = dt.timezone(dt.timedelta(hours=8))
QUERIES = {
    "2-char": ["抽查", "公开", "计量", "电梯", "召回", "标准", "锅炉", "名牌"],
    "4-char": ["产品质量", "安全监察", "强制检定", "政务公开", "专项整治", "地方标准"],
    "multi-word": [
        "电动自行车 专项整治",
        "压力容器 安全监察 意见",
        "儿童玩具 抽查结果",
        "计量器具 强制检定 通知",
        "政府信息公开 二十个工作日",
    ],
    # Read through the thesaurus or split into parts (search/thesaurus.py).
    "forgiving": ["双随机一公开", "信息公开年报", "质监局 抽查", "年报", "互联网＋"],
}


def figure(name: str, value: float, unit: str) -> None:
    print(f"{name:<64} {value:>12,.1f} {unit}", flush=True)


def setup_django(reuse: str = "") -> None:
    import django

    db_file = Path(reuse) if reuse else Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{db_file}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.test")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql" and not reuse:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}{' (reused)' if reuse else ''}", flush=True)
    if connection.vendor == "sqlite":
        print(f"file: {db_file}", flush=True)


def entries(n: int, now: dt.datetime) -> tuple[list[str], object]:
    """``n`` (object_id, Entry) pairs in batches, and the 文号 of a sample."""
    from gongkai.documents.demo_text import generate
    from gongkai.search.registry import Entry

    pool = generate(count=3000, first_year=2010, today=dt.date(2026, 11, 1))
    paragraphs = [p for d in pool for p in d.body[1:-3]]
    rng = random.Random(2026)
    numbers: list[str] = []
    issuers = ["福建省质量技术监督局", "福建省公安厅", "福建省商务厅"]
    validities = ["有效", "有效", "有效", "已废止", "已修改"]

    def batch(start: int, size: int) -> list[tuple[int, Entry]]:
        out = []
        for i in range(start, start + size):
            doc = pool[i % len(pool)]
            year = 2010 + i % 17
            number = f"{doc.doc_number.split('〔')[0]}〔{year}〕{i + 1}号"
            if i % (n // 20 or 1) == 0:
                numbers.append(number)
            body = "".join(rng.sample(paragraphs, k=4))
            out.append(
                (
                    i,
                    Entry(
                        title=doc.title,
                        body=body,
                        url=f"/documents/{i}/",
                        date=doc.written_on.replace(year=year)
                        if not (doc.written_on.month == 2 and doc.written_on.day == 29)
                        else dt.date(year, 2, 28),
                        visible_from=now - dt.timedelta(days=1),
                        issuer=issuers[i % 7 % 3],
                        validity=validities[i % 5],
                        codes=[number],
                        extra=doc.keywords,
                    ),
                )
            )
        return out

    return numbers, batch


def build(n: int, now: dt.datetime) -> list[str]:
    from django.db import transaction

    from gongkai.documents.models import Document
    from gongkai.search import registry
    from gongkai.search.backends import backend_for
    from gongkai.search.services import index_bulk

    source = registry.by_kind(Document._meta.label_lower)
    assert source is not None
    numbers, batch = entries(n, now)
    t0 = time.perf_counter()
    size = 2000
    with backend_for().bulk():  # as ``gongkai search reindex``: RUM built after
        for start in range(0, n, size):
            with transaction.atomic():
                items = batch(start, min(size, n - start))
                index_bulk(source=source, items=items, now=now)
            if start and start % 100_000 == 0:
                print(f"  … {start:,} entries", flush=True)
    elapsed = time.perf_counter() - t0
    figure(f"index build: {n:,} entries (segmentation + writes)", elapsed, "s")
    figure("index build rate", n / elapsed, "entries/s")
    return numbers


def refresh_stats(*, force: bool) -> None:
    """BM25's figures (each word's document frequency): refreshed after a build, as
    ``gongkai search reindex`` does, or when a reused index has none yet."""
    from gongkai.search.models import SearchStats, SearchTerm
    from gongkai.search.services import search_stats_refresh

    if not force and SearchStats.objects.filter(entries__gt=0).exists():
        return
    t0 = time.perf_counter()
    stats = search_stats_refresh()
    figure(
        f"ranking statistics ({SearchTerm.objects.count():,} words, "
        f"{stats.entries:,} entries)",
        time.perf_counter() - t0,
        "s",
    )


def index_size() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # After a bulk load, as autovacuum would: visibility map and hints
            # set, so walks do not dirty every page they read the first time.
            cur.execute("VACUUM ANALYZE search_searchentry")
            cur.execute("ANALYZE search_searchcode")
            cur.execute("SELECT pg_relation_size('search_entry_tsv_gin')")
            gin = cur.fetchone()[0]
            cur.execute("SELECT pg_total_relation_size('search_searchentry')")
            table = cur.fetchone()[0]
            figure("GIN index on tsv", gin / 1e6, "MB")
            cur.execute(
                "SELECT COALESCE(SUM(pg_relation_size(indexname::regclass)), 0) "
                "FROM pg_indexes WHERE indexname = 'search_entry_tsv_rum'"
            )
            figure(
                "RUM index on tsv ordered by id (0: not installed)",
                float(cur.fetchone()[0]) / 1e6,
                "MB",
            )
            figure("search_searchentry with tsv, TOAST and indexes", table / 1e6, "MB")
            cur.execute("SELECT pg_total_relation_size('search_searchcode')")
            figure(
                "code table (文号 and quoted 文号) with indexes",
                cur.fetchone()[0] / 1e6,
                "MB",
            )
        else:
            try:
                cur.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%'"
                )
                fts = cur.fetchone()[0]
                figure("FTS5 index (search_fts*)", fts / 1e6, "MB")
                cur.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_searchcode%'"
                    " OR name IN (SELECT name FROM sqlite_master WHERE tbl_name ="
                    " 'search_searchcode')"
                )
                figure(
                    "code table (文号 and quoted 文号) with indexes",
                    cur.fetchone()[0] / 1e6,
                    "MB",
                )
            except Exception:  # dbstat not compiled in
                cur.execute("PRAGMA page_count")
                pages = cur.fetchone()[0]
                cur.execute("PRAGMA page_size")
                figure("database file", pages * cur.fetchone()[0] / 1e6, "MB")


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _n in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_queries(
    numbers: list[str], repeat: int, now: dt.datetime, with_scan: bool = True
) -> None:
    from django.db import connection

    from gongkai.search.selectors import search_run, search_run_cached

    groups = dict(QUERIES)
    groups["文号"] = numbers[:8]
    for name, queries in groups.items():
        fast: list[float] = []
        cached: list[float] = []
        scan: list[float] = []
        totals = []
        for q in queries:
            search_run(query=q, now=now)  # warm the page cache
            fast += timed(lambda q=q: search_run(query=q, now=now), repeat)
            totals.append(search_run(query=q, now=now).total)
            search_run_cached(query=q, now=now)
            cached += timed(lambda q=q: search_run_cached(query=q, now=now), repeat)
            like = "%" + q.split()[0] + "%"

            def scan_once(like: str = like) -> None:
                with connection.cursor() as cur:
                    cur.execute(
                        "SELECT id FROM search_searchentry WHERE title LIKE %s OR body LIKE %s "
                        "ORDER BY date DESC LIMIT 20",
                        [like, like],
                    )
                    cur.fetchall()
                    cur.execute(
                        "SELECT COUNT(*) FROM search_searchentry WHERE title LIKE %s "
                        "OR body LIKE %s",
                        [like, like],
                    )
                    cur.fetchall()

            if with_scan:
                scan += timed(scan_once, max(1, repeat // 4))
        figure(
            f"search {name}: p50 (avg {statistics.mean(totals):,.0f} matches)",
            pct(fast, 50),
            "ms",
        )
        figure(f"search {name}: p95", pct(fast, 95), "ms")
        figure(f"search {name}, repeated (result cache): p95", pct(cached, 95), "ms")
        if with_scan:
            figure(f"LIKE scan {name}: p50", pct(scan, 50), "ms")
            figure(f"LIKE scan {name}: p95", pct(scan, 95), "ms")
            figure(f"speed-up at p50 ({name})", pct(scan, 50) / pct(fast, 50), "x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=10, help="repeats per query")
    parser.add_argument(
        "--reuse",
        default="",
        help="query an index built before by this script with the same --docs: "
        "an SQLite file, or 'pg' for the PostgreSQL database (no flush, no build)",
    )
    parser.add_argument(
        "--no-scan", action="store_true", help="skip the LIKE scans (tuning runs)"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    setup_django(args.reuse)
    now = dt.datetime(2026, 11, 2, 10, tzinfo=SH)
    if args.reuse:
        numbers, batch = entries(args.docs, now)
        for i in range(0, args.docs, args.docs // 20 or 1):
            batch(i, 1)  # the sampled 文号, as the build drew them
    else:
        numbers = build(args.docs, now)
    refresh_stats(force=not args.reuse)
    index_size()
    run_queries(numbers, args.queries, now, with_scan=not args.no_scan)


if __name__ == "__main__":
    main()
