"""Marking static pages stale on a large page index (not a test; nothing asserted).

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_static
/work/main/.venv/bin/python bench/bench_static_mark.py [--copies 48] [--explain]``
after ``bench_static.py`` built the tree once (it leaves the page index in the
database).

A change marks the pages holding its tags (``static.on_mark``: one ``UPDATE`` of the
pages the ``StaticPageTag`` (tag, page) index gives for the tags). This times the
marks of a document's publication (the kind, the row, the search index) on the
index as built, then on the index grown ``--copies`` times (pages and their tag
rows; each copy's document tags renamed, so a row's tag still names one page),
inside a transaction that is rolled back. ``--explain``: the plan of one mark on
the grown index; ``--record``: the time to record every page of the grown index
again with its tags (``static._record`` in the build's batches, as a rebuild
does). PostgreSQL only. Figures: bench/static.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import bench_documents_pages as pages  # noqa: E402


def _marks(tags: list[str], repeat: int) -> tuple[list[float], int]:
    """The time of each of ``repeat`` marks (ms, each rolled back); pages marked."""
    from django.db import transaction
    from django.utils import timezone

    from gongkai.publishing import static
    from gongkai.publishing.models import StaticPage

    took, marked = [], 0
    for _ in range(repeat):
        with transaction.atomic():
            now = timezone.now()
            started = time.perf_counter()
            static.on_mark(tags, now)
            took.append((time.perf_counter() - started) * 1000)
            marked = StaticPage.objects.filter(stale_since=now).count()
            transaction.set_rollback(True)
    return took, marked


def _explain(tags: list[str]) -> None:
    """Print the plan of the mark's UPDATE (run, inside the caller's transaction)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from gongkai.publishing import static

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        static.on_mark(tags, timezone.now())
        transaction.set_rollback(True)
    update = next(q["sql"] for q in queries if q["sql"].startswith("UPDATE"))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + update)
        for (line,) in cursor.fetchall():
            print("   ", line, flush=True)


def _grow(copies: int) -> None:
    """Copy every page and its tag rows ``copies`` times (copy g's document tags
    renamed ``documents.document:9<g>0<pk>``)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM publishing_staticpage")
        (last,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO publishing_staticpage (path, url_name, built_at, stale_since)"
            " SELECT p.path || 'copy' || g, p.url_name, p.built_at, NULL"
            " FROM publishing_staticpage p, generate_series(1, %s) g",
            [copies],
        )
        cursor.execute(
            "INSERT INTO publishing_staticpagetag (page_id, tag)"
            " SELECT c.id, replace(t.tag, 'documents.document:',"
            " 'documents.document:9' || g || '0')"
            " FROM publishing_staticpage p"
            " JOIN publishing_staticpagetag t ON t.page_id = p.id"
            " CROSS JOIN generate_series(1, %s) g"
            " JOIN publishing_staticpage c ON c.path = p.path || 'copy' || g"
            " WHERE p.id <= %s",
            [copies, last],
        )
        cursor.execute("ANALYZE publishing_staticpage")
        cursor.execute("ANALYZE publishing_staticpagetag")


def _record_all() -> None:
    """Record every page again with the tags it holds, in the build's batches."""
    from django.db import connection
    from django.utils import timezone

    from gongkai.publishing import static
    from gongkai.publishing.models import StaticPage, StaticPageTag

    held: dict[int, set[str]] = {}
    for page_id, tag in StaticPageTag.objects.values_list("page_id", "tag").iterator():
        held.setdefault(page_id, set()).add(tag)
    now = timezone.now()
    rows = [
        (StaticPage(path=path, url_name=url_name, built_at=now), held.get(pk, set()))
        for pk, path, url_name in StaticPage.objects.values_list(
            "pk", "path", "url_name"
        ).iterator()
    ]
    with connection.cursor() as cursor:
        # The foreign key checks a build's commits run, not left to the rollback.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    started = time.perf_counter()
    for start in range(0, len(rows), static.BATCH):
        static._record(rows[start : start + static.BATCH])
    took = time.perf_counter() - started
    print(
        f"    recording {len(rows):,} pages and {sum(map(len, held.values())):,} tags"
        f" again: {took:.1f} s ({took / len(rows) * 1000:.2f} ms a page,"
        f" load {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=48)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    pages.setup(args.docs, reuse=True)
    from django.conf import settings
    from django.db import connection, transaction

    from gongkai.documents.models import Document
    from gongkai.publishing.models import StaticPage, StaticPageTag

    if connection.vendor != "postgresql" or not StaticPage.objects.exists():
        sys.exit("needs PostgreSQL and a page index: run bench_static.py first")
    settings.GONGKAI_STATIC_SITE_DIR = os.environ.get("TMPDIR", "/tmp")
    newest = Document.objects.order_by("-pk").first()
    assert newest is not None
    tags = [
        "documents.document",
        f"documents.document:{newest.pk}",
        "search.searchentry",
    ]
    _marks(tags, 1)  # the modules' declarations are read once per process
    load = os.getloadavg()[0]
    for label, copies in (("as built", 0), ("grown", args.copies)):
        with transaction.atomic():
            if copies:
                _grow(copies)
            rows, tag_rows = StaticPage.objects.count(), StaticPageTag.objects.count()
            took, marked = _marks(tags, args.repeat)
            print(
                f"index {label}: {rows:,} pages, {tag_rows:,} tag rows; one mark "
                f"({marked:,} pages) {min(took):.1f}–{max(took):.1f} ms "
                f"(load {load:.1f})",
                flush=True,
            )
            if copies and args.explain:
                _explain(tags)
            if copies and args.record:
                _record_all()
            transaction.set_rollback(True)


if __name__ == "__main__":
    main()
