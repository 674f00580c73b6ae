"""A document page rendered past the page cache, at catalogue scale (not a test;
nothing asserted).

Run: ``DJANGO_SETTINGS_MODULE=gongkai.config.settings.test .venv/bin/python
bench/bench_document_render.py [--documents 1000000] [--repeat 200] [--keep]``; for
PostgreSQL set ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_render``
(flushed first unless ``--keep``, which tops the rows up to ``--documents``).

Bulk-inserts published documents (``bench_api_lists.fill_documents``), gives the
document in the middle of the catalogue two relations (one to a withdrawn document),
an interpretation and an attachment, then requests its page through the whole
middleware stack as an anonymous visitor, each time with a ``?print=`` value of its
own, so that every request is rendered (a declared parameter: part of the cache
key). Reported: p50/p95 wall time, the CPU time of this process per request, and
the queries of one render. Issue 17's bound: 15 ms at 1M documents.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from bench_api_lists import fill_documents
from bench_penalties import figure, setup_django


def decorate(key: str) -> None:
    """Relations both ways, an interpretation and an attachment on ``key``."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from gongkai.documents.models import Attachment, Document, Interpretation, Relation

    document = Document.objects.get(index_number=key)
    if Relation.objects.filter(source=document).exists():
        return
    now = timezone.now()
    older = Document.objects.filter(pk__lt=document.pk).order_by("-pk")[:2]
    Relation.objects.create(source=document, target=older[0], kind="amends",
                            created_at=now)  # fmt: skip
    withdrawn = older[1]
    withdrawn.status = "withdrawn"
    withdrawn.save(update_fields=["status"])
    Relation.objects.create(source=withdrawn, target=document, kind="interprets",
                            created_at=now)  # fmt: skip
    Interpretation.objects.create(
        policy=document, title="一图读懂", body="<p>解读</p>", status="published",
        publish_at=now, department=document.department, author=document.author,
    )  # fmt: skip
    Attachment.objects.create(
        document=document, name="附件1.pdf", size=4, created_at=now,
        content_type="application/pdf",
        file=ContentFile(b"%PDF", name="a.pdf"),
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    setup_django(keep=args.keep)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.documents.models import Document

    fill_documents(args.documents)
    total = Document.objects.count()
    middle = Document.objects.order_by("pk").values_list("index_number", flat=True)[
        total // 2
    ]
    decorate(middle)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    cache.clear()
    client = Client()
    path = f"/documents/{middle}/"
    t0 = time.perf_counter()
    response = client.get(path)
    cold = (time.perf_counter() - t0) * 1e3
    assert response.status_code == 200, response.status_code
    assert "一图读懂" in response.content.decode()
    times = []
    c0 = time.process_time()
    for n in range(args.repeat):
        t0 = time.perf_counter()
        response = client.get(path, {"print": f"r{n}"})
        times.append((time.perf_counter() - t0) * 1e3)
        assert response.status_code == 200
    cpu = (time.process_time() - c0) / args.repeat * 1e3
    with CaptureQueriesContext(connection) as one:
        client.get(path, {"print": "q"})
    times.sort()
    figure(f"{connection.vendor}: {total:,} documents", 0, "")
    figure("document page, first request", cold, "ms")
    figure(
        f"  p50 ({len(one.captured_queries)} queries)", statistics.median(times), "ms"
    )
    figure("  p95", times[max(0, int(len(times) * 0.95) - 1)], "ms")
    figure("  CPU of this process per request", cpu, "ms")
    figure(f"  load average (1 min) at the end: {os.getloadavg()[0]:.2f}", 0, "")


if __name__ == "__main__":
    sys.exit(main())
