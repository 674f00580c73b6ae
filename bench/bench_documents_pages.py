"""Public pages under load (not a test; nothing asserted).

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_pages .venv/bin/python
bench/bench_documents_pages.py [--docs 100000] [--seconds 10] [--clients 8]``.

Loads ``--docs`` published documents (bulk insert, with issuers, columns and their
search entries), starts ``gunicorn -w 2`` with production settings (DEBUG off) plus a
bare view returning a short string, and drives each URL for ``--seconds`` with
``--clients`` keep-alive HTTP clients on loopback (anonymous; each client keeps its
cookies, so pages are revalidated with If-None-Match as a browser would after its
first visit; a first pass without cookies or ETags is answered from the whole-page
cache after the first render of each URL). A last pass gives each request a new
query string, so every one is a cache miss and a full render. Prints req/s and p99
per page and the ratio to the bare view; "bare view + page token read" shows the
cost of the page cache's shared counter (one indexed query).  The load generator runs on
the same machine (Python threads), so absolute figures are lower bounds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


PORT = _free_port()
SH = dt.timezone(dt.timedelta(hours=8))


def figure(name: str, value: float, unit: str) -> None:
    print(f"{name:<64} {value:>12,.1f} {unit}", flush=True)


def setup(docs: int, reuse: bool) -> list[str]:
    sys.path[:0] = [str(HERE / "pages"), str(HERE.parent / "src")]
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{Path(tempfile.mkdtemp()) / 'pages.sqlite3'}"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.documents.models import Document

    if reuse and connection.vendor == "postgresql":
        call_command("migrate", verbosity=0)
        if Document.objects.count() >= docs:
            print(f"database: {connection.vendor} (reused)", flush=True)
            with connection.cursor() as cur:
                cur.execute("VACUUM ANALYZE documents_document")
                cur.execute("ANALYZE search_searchentry")
            keys = Document.objects.order_by("pk").values_list(
                "index_number", flat=True
            )
            return list(keys[: docs : max(1, docs // 500)])
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}", flush=True)
    return load(docs)


def load(n: int) -> list[str]:
    from django.db import transaction

    from gongkai.accounts.models import Department, User
    from gongkai.documents import demo_text
    from gongkai.documents.indexing import document_entry
    from gongkai.documents.models import (
        Column,
        Document,
        DocumentIssuer,
        Genre,
        Issuer,
        Topic,
    )
    from gongkai.search import registry
    from gongkai.search.backends import backend_for
    from gongkai.search.services import index_bulk, search_stats_refresh

    dept = Department.objects.create(name="办公室", code="office", is_office=True)
    user = User.objects.create_user(
        "bench", password="x", role="reviewer", department=dept
    )
    issuer = Issuer.objects.create(
        name="福建省质量技术监督局", org_code="11350000003591037R"
    )
    topics = [Topic.objects.create(code=c, name=nm) for c, nm in demo_text.TOPICS]
    genres = [Genre.objects.create(code=c, name=nm) for c, nm in demo_text.GENRES]
    column = Column.objects.create(slug="zcwj", name="政策文件")
    Column.objects.create(slug="srsgk", name="双随机一公开", is_special=True)
    pool = demo_text.generate(count=3000, first_year=2010, today=dt.date(2026, 11, 1))
    source = registry.by_kind(Document._meta.label_lower)
    assert source is not None
    now = dt.datetime.now(tz=dt.UTC)
    rng = random.Random(7)
    keys: list[str] = []
    t0 = time.perf_counter()
    with backend_for().bulk():  # as ``gongkai search reindex``: RUM built after
        for start in range(0, n, 2000):
            rows = []
            for i in range(start, min(n, start + 2000)):
                d = pool[i % len(pool)]
                year = 2010 + i % 17
                rows.append(
                    Document(
                        title=d.title,
                        doc_number=f"{d.doc_number.split('〔')[0]}〔{year}〕{i + 1}号",
                        index_number=f"11350000003591037R/{year}-{i + 1:06d}",
                        body="".join(
                            f"<p>{p}</p>" for p in rng.sample(d.body, k=len(d.body))
                        ),
                        written_on=dt.date(
                            year, d.written_on.month, min(d.written_on.day, 28)
                        ),
                        status="published",
                        publish_at=now - dt.timedelta(minutes=n - i),
                        department=dept,
                        author=user,
                        reviewer=user,
                        topic=topics[i % len(topics)],
                        genre=genres[i % len(genres)],
                        summary=d.summary,
                        keywords=d.keywords,
                    )
                )
            with transaction.atomic():
                made = Document.objects.bulk_create(rows)
                DocumentIssuer.objects.bulk_create(
                    DocumentIssuer(document=doc, issuer=issuer) for doc in made
                )
                Document.columns.through.objects.bulk_create(
                    Document.columns.through(document_id=doc.pk, column_id=column.pk)
                    for doc in made[::10]
                )
                fresh = Document.objects.filter(
                    pk__in=[d.pk for d in made]
                ).prefetch_related("issuer_links__issuer")
                index_bulk(
                    source=source,
                    items=[(d.pk, document_entry(d)) for d in fresh],
                    now=now,
                )
            keys += [d.index_number for d in made[:: max(1, n // 500)]]
    # As ``gongkai search reindex`` ends: the planner's statistics and the ranking
    # figures (nightly in production). Without them the planner takes every word
    # for rare, and PostgreSQL here runs without autovacuum to catch up.
    backend_for().analyze()
    search_stats_refresh(now=now)
    figure(f"load {n:,} documents with search entries", time.perf_counter() - t0, "s")
    return keys


def drive(
    paths: list[str], seconds: float, clients: int, revalidate: bool
) -> tuple[float, float]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        etags: dict[str, str] = {}
        cookie = ""
        mine: list[float] = []
        i = k
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += clients
            headers = {"Accept-Language": "zh-CN"}
            if revalidate and cookie:
                headers["Cookie"] = cookie
            if revalidate and path in etags:
                headers["If-None-Match"] = etags[path]
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                conn.close()  # sync workers close idle connections; reconnect
                with lock:
                    errors[0] += 1
                continue
            mine.append(time.perf_counter() - t0)
            if response.status not in (200, 304):
                with lock:
                    errors[0] += 1
            if revalidate:
                if set_cookie := response.getheader("Set-Cookie"):
                    cookie = set_cookie.split(";", 1)[0]
                if etag := response.getheader("ETag"):
                    etags[path] = etag
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors[0]:
        print(f"  ! {errors[0]} failed requests or responses not 200/304", flush=True)
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000 if latencies else 0.0
    return len(latencies) / elapsed, p99


def drive_wrk(paths: list[str], seconds: float, clients: int) -> tuple[float, float]:
    """The same measurement with wrk (C, one thread): the load generator then takes
    far less of the two cores than Python threads do. Anonymous, no ETags."""
    script = Path(tempfile.mkdtemp()) / "paths.lua"
    listed = ",".join(f"[[{p}]]" for p in paths)
    script.write_text(
        f"local paths = {{{listed}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[(i % #paths) + 1], '
        '{["Accept-Language"] = "zh-CN"})\nend\n'
    )
    out = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--latency",
         "-s", str(script), f"http://127.0.0.1:{PORT}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    if bad := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        print(f"  ! {bad[1]} responses not 2xx/3xx", flush=True)
    return rps, float(p99[1]) * scale[p99[2]] if p99 else 0.0


def wsgi_get(handler: Any, path: str) -> None:
    """A GET of ``path`` (with its query) through ``handler``, as a browser in
    Chinese asks it, with no HTTP and no server."""
    import io

    route, _sep, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": route, "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_LANGUAGE": "zh-CN", "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }  # fmt: skip
    b"".join(handler(environ, lambda *a: None))


def handler_times(pages: dict[str, list[str]], repeat: int = 400) -> None:
    """Median time of the Django handler alone per URL group (in this process, no
    HTTP, no load generator): the server-side cost, steadier on a busy machine."""
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()

    def call(path: str) -> None:
        wsgi_get(handler, path)

    print(f"-- handler time in process (median of {repeat})", flush=True)
    base = 0.0
    for name, paths in pages.items():
        for path in paths:
            call(path)  # fill the cache
        times = []
        for n in range(repeat):
            t0 = time.perf_counter()
            call(paths[n % len(paths)])
            times.append(time.perf_counter() - t0)
        median = sorted(times)[repeat // 2] * 1_000_000
        base = base or median
        figure(f"{name}: handler ({base / median:.0%} of bare's speed)", median, "µs")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--reuse", action="store_true", help="keep a PostgreSQL database already loaded"
    )
    parser.add_argument(
        "--redis",
        default="",
        help="a Redis URL for the cache and page cache (default: per-worker memory)",
    )
    parser.add_argument(
        "--wrk", action="store_true", help="drive with wrk instead of Python threads"
    )
    args = parser.parse_args()
    keys = setup(args.docs, args.reuse)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path[:2]))
    if args.redis:
        env["GONGKAI_CACHE_URL"] = args.redis
    print(f"page cache: {args.redis or 'per-worker memory'}", flush=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{PORT}",
         "--access-logfile", "/dev/null", "--error-logfile", "/tmp/bench-gunicorn.log",
         "wsgi:application"],
        cwd=HERE / "pages", env=env, start_new_session=True,
    )  # fmt: skip
    try:
        for _try in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=2).request(
                    "GET", "/bare/"
                )
                break
            except OSError:
                time.sleep(0.2)
        queries = [
            "抽查",
            "政务公开",
            "电动自行车 专项整治",
            "计量器具 强制检定",
            "名牌",
        ]
        pages = {
            "bare view": ["/bare/"],
            "bare view + page token read": ["/bare-token/"],
            "home": ["/"],
            "catalogue list": ["/xxgk/", "/xxgk/?page=2", "/xxgk/?validity=effective"],
            # 100 documents in demand (a news day); misses are measured below.
            "document page": [
                f"/documents/{k}/" for k in keys[:: max(1, len(keys) // 100)]
            ],
            "search": [f"/search/?q={quote(q)}" for q in queries],
        }
        # Every request a new query string: a cache miss each time (full render).
        uncached = {
            "document page, uncached": [
                f"/documents/{keys[n % len(keys)]}/?n={n}" for n in range(200_000)
            ],
            "search, uncached": [
                f"/search/?q={quote(queries[n % len(queries)])}&n={n}"
                for n in range(200_000)
            ],
        }
        handler_times(pages)
        if args.wrk:
            # Load on a shared machine drifts: each page is measured right after
            # the bare view, and its ratio is to that bare figure.
            print(f"-- wrk, {args.clients} connections, {args.seconds:.0f} s each")
            for name, paths in {**pages, **uncached}.items():
                if name == "bare view":
                    continue
                if name not in uncached:
                    drive_wrk(paths, min(20.0, max(2.0, len(paths) / 10)), args.clients)
                bare, _p99 = drive_wrk(pages["bare view"], args.seconds, args.clients)
                rps, p99 = drive_wrk(paths, args.seconds, args.clients)
                ratio = rps / (bare or 1.0)
                figure(
                    f"{name}: throughput ({ratio:.0%} of bare {bare:,.0f})",
                    rps,
                    "req/s",
                )
                figure(f"{name}: p99", p99, "ms")
            return
        for revalidate in (False, True):
            mode = "revalidating clients (ETag)" if revalidate else "full renders"
            print(
                f"-- {mode}, {args.clients} clients, {args.seconds:.0f} s each",
                flush=True,
            )
            base = 0.0
            for name, paths in pages.items():
                # Warm up: long enough for each worker to render every URL once.
                drive(
                    paths,
                    min(20.0, max(2.0, len(paths) / 10)),
                    args.clients,
                    revalidate,
                )
                rps, p99 = drive(paths, args.seconds, args.clients, revalidate)
                base = base or rps or 1.0
                figure(f"{name}: throughput ({rps / base:.0%} of bare)", rps, "req/s")
                figure(f"{name}: p99", p99, "ms")
        print("-- cache misses (unique query strings)", flush=True)
        for name, paths in uncached.items():
            rps, p99 = drive(paths, args.seconds, args.clients, False)
            figure(f"{name}: throughput ({rps / base:.0%} of bare)", rps, "req/s")
            figure(f"{name}: p99", p99, "ms")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
