"""Marking static pages stale on a large page index (not a test; nothing asserted).

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_static
/work/main/.venv/bin/python bench/bench_static_mark.py [--copies 48]``
after ``bench_static.py`` built the tree once (it leaves the page index in the
database).

A change marks the pages holding its tags (``static.on_mark``: one ``UPDATE … LIKE``
over ``StaticPage.tags``). This times the marks of a document's publication (the
kind, the row, the search index) on the index as built, then on the index grown
``--copies`` times (each copy's document tags renamed, so a row's tag still names
one page), inside a transaction that is rolled back. PostgreSQL only.
Figures: bench/static.md.
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


def _marks(tags: list[str], repeat: int) -> list[float]:
    from django.db import transaction
    from django.utils import timezone

    from gongkai.publishing import static

    took = []
    for _ in range(repeat):
        with transaction.atomic():
            started = time.perf_counter()
            static.on_mark(tags, timezone.now())
            took.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=48)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages.setup(args.docs, reuse=True)
    from django.conf import settings
    from django.db import connection, transaction

    from gongkai.documents.models import Document
    from gongkai.publishing.models import StaticPage

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
                with connection.cursor() as cursor:
                    cursor.execute(
                        "INSERT INTO publishing_staticpage"
                        " (path, url_name, tags, built_at, stale_since)"
                        " SELECT p.path || 'copy' || g, p.url_name,"
                        " replace(p.tags, ' documents.document:',"
                        " ' documents.document:9' || g || '0'), p.built_at, NULL"
                        " FROM publishing_staticpage p, generate_series(1, %s) g",
                        [copies],
                    )
                    cursor.execute("ANALYZE publishing_staticpage")
            rows = StaticPage.objects.count()
            took = _marks(tags, args.repeat)
            print(
                f"index {label}: {rows:,} pages, one mark "
                f"{min(took):.1f}–{max(took):.1f} ms (load {load:.1f})",
                flush=True,
            )
            transaction.set_rollback(True)


if __name__ == "__main__":
    main()
