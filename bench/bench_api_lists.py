"""API list pages at scale (not a test; nothing asserted).

Run: ``DJANGO_SETTINGS_MODULE=gongkai.config.settings.test .venv/bin/python
bench/bench_api_lists.py [--rows 1000000] [--repeat 40] [--keep]``; for PostgreSQL set
``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench`` (its tables are
flushed first unless ``--keep``, which tops the rows up to ``--rows``).

Bulk-inserts ``--rows`` published penalties (as ``bench_penalties.fill``) and
``--rows`` published documents (with topic, genre and issuer; no search entries:
the lists do not read them), then fetches through the test client, anonymous:

* ``/api/v1/penalties/``: the first page, a middle page, a filtered query;
* ``/api/v1/documents/``: the first page, the middle page (``?page=``), the same
  position reached by ``?cursor=`` (what the ``next`` links of a walk carry), a
  filtered query (topic and year);

each once cold, then ``--repeat`` times, each with a page size of its own so that the
page cache (which answers anonymous API lists) never does and every request is
rendered: p50/p95 in ms, the CPU time of this process per request, and the queries
of a rendered request. The catalogue's total is counted by
the first request and then cached until the content changes (api.pagination).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time

from bench_penalties import SH, figure, fill, setup_django


def fill_documents(n: int) -> None:
    """Bulk-insert published documents up to ``n`` rows."""
    from django.db import connection, transaction

    from gongkai.accounts.models import Department, User
    from gongkai.documents import demo_text
    from gongkai.documents.models import Document, DocumentIssuer, Genre, Issuer, Topic

    have = Document.objects.count()
    if have >= n:
        return
    dept = Department.objects.get_or_create(name="办公室", code="office")[0]
    user = User.objects.filter(username="bench").first() or User.objects.create_user(
        "bench", password="x", role="reviewer", department=dept
    )
    issuer = Issuer.objects.get_or_create(
        name="福建省质量技术监督局", org_code="11350000003591037R"
    )[0]
    topics = [
        Topic.objects.get_or_create(code=c, defaults={"name": nm})[0]
        for c, nm in demo_text.TOPICS
    ]
    genres = [
        Genre.objects.get_or_create(code=c, defaults={"name": nm})[0]
        for c, nm in demo_text.GENRES
    ]
    pool = demo_text.generate(count=500, first_year=2010, today=dt.date(2026, 11, 1))
    start_at = dt.datetime(2020, 1, 1, tzinfo=SH)
    t0 = time.perf_counter()
    for start in range(have, n, 20000):
        rows = []
        for i in range(start, min(n, start + 20000)):
            d = pool[i % len(pool)]
            year = 2010 + i % 17
            rows.append(
                Document(
                    title=d.title, doc_number=f"闽质监〔{year}〕{i + 1}号",
                    index_number=f"11350000003591037R/{year}-{i + 1:07d}",
                    body="<p>正文</p>", summary=d.summary, keywords=d.keywords,
                    written_on=dt.date(year, 1 + i % 12, 1 + i % 28),
                    effective_from=None if i % 3 else dt.date(year, 2, 1),
                    status="published",
                    publish_at=start_at + dt.timedelta(minutes=i),
                    department=dept, author=user, reviewer=user,
                    topic=topics[i % len(topics)], genre=genres[i % len(genres)],
                )
            )  # fmt: skip
        with transaction.atomic():
            made = Document.objects.bulk_create(rows)
            DocumentIssuer.objects.bulk_create(
                DocumentIssuer(document=doc, issuer=issuer) for doc in made
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figure(f"bulk fill to {n:,} documents", time.perf_counter() - t0, "s")


def measure(client, path: str, params: dict[str, str], repeat: int) -> None:  # type: ignore[no-untyped-def]
    """Wall p50/p95 and CPU time per request of this process (the machine is shared:
    the wall time includes waiting for a core), after one cold request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t0 = time.perf_counter()
    response = client.get(path, params)
    cold = (time.perf_counter() - t0) * 1e3
    assert response.status_code == 200, (path, params, response.content[:300])
    times = []
    c0 = time.process_time()
    for n in range(repeat):
        # Anonymous API lists are page-cached: each request asks a page size of
        # its own (a declared parameter), so every one is rendered, not a cache hit.
        asked = {**params, "page_size": str(30 + n)}
        t0 = time.perf_counter()
        response = client.get(path, asked)
        times.append((time.perf_counter() - t0) * 1e3)
        assert response.status_code == 200
    cpu = (time.process_time() - c0) / repeat * 1e3
    with CaptureQueriesContext(connection) as warm:
        client.get(path, {**params, "page_size": "29"})
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    shown = "&".join(f"{k}={v}" for k, v in params.items())
    name = f"{path}?{shown}" if shown else path
    figure(f"{name}: first request", cold, "ms")
    figure(
        f"  p50 ({len(warm.captured_queries)} queries)", statistics.median(times), "ms"
    )
    figure("  p95", p95, "ms")
    figure("  CPU of this process per request", cpu, "ms")


def cursor_at(offset: int) -> str:
    """The ``?cursor=`` value a walk holds after ``offset`` rows of the catalogue (DRF's
    encoding: the position of the last row seen, in the list's first ordering key)."""
    import base64
    from urllib.parse import urlencode

    from django.utils import timezone

    from gongkai.documents.selectors import document_list_public

    qs = document_list_public(now=timezone.now())
    last = qs[offset - 1]
    query = urlencode({"p": str(last.publish_at)})
    return base64.b64encode(query.encode("ascii")).decode("ascii")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--documents", type=int, default=0, help="documents (default: --rows)"
    )
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    setup_django(keep=args.keep)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from gongkai.penalties.models import Penalty

    fill(args.rows)
    documents = args.documents or args.rows
    fill_documents(documents)
    if connection.vendor == "postgresql":
        # As autovacuum would after a bulk load: the visibility map lets a deep page
        # skip its rows over the index alone.
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE documents_document")
            cursor.execute("VACUUM ANALYZE penalties_penalty")
        figure("VACUUM ANALYZE", time.perf_counter() - t0, "s")
    cache.clear()
    client = Client()
    penalties = Penalty.objects.count()
    figure(f"penalties: {penalties:,} rows", 0, "")
    measure(client, "/api/v1/penalties/", {}, args.repeat)
    measure(client, "/api/v1/penalties/", {"page": "10"}, args.repeat)
    measure(
        client,
        "/api/v1/penalties/",
        {"type": "confiscate_income", "date_from": "2025-01-01"},
        args.repeat,
    )
    middle = documents // 2 // 50
    figure(f"documents: {documents:,} rows", 0, "")
    measure(client, "/api/v1/documents/", {}, args.repeat)
    measure(client, "/api/v1/documents/", {"page": str(middle)}, args.repeat)
    measure(
        client, "/api/v1/documents/", {"cursor": cursor_at(middle * 50)}, args.repeat
    )
    measure(
        client, "/api/v1/documents/", {"topic": "cpzl", "year": "2015"}, args.repeat
    )
    figure(f"  load average (1 min) at the end: {os.getloadavg()[0]:.2f}", 0, "")


if __name__ == "__main__":
    sys.exit(main())
