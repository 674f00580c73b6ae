"""CPU per uncached search page (not a test; nothing asserted).

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_static
/work/main/.venv/bin/python bench/bench_search_cpu.py [--requests 400] [--seconds 10]
[--warm 30] [--in-process]``
on the database ``bench_static.py`` loaded (``--reuse``).

Two figures per target, steadier than a rate on a shared machine:

* **in process**: the WSGI handler called directly, ``time.process_time()`` per
  request (every thread of the process: the search counts' writer included);
* **under load**: ``gunicorn -w 2`` and ``wrk -t2 -c32``, the workers' CPU and the
  whole machine's (PostgreSQL, wrk and the kernel included) per request.

Targets: a query that matches nothing (``抽查`` and a new number: the suggestions and
the nearest queries are looked for), a new pair of two of the index's 400 commonest
words (the most candidates to rank), and a document page with a new ``?print=``.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import bench_documents_pages as pages  # noqa: E402
import bench_static as static  # noqa: E402


def _ticks(pids: list[str]) -> float:
    """CPU seconds of ``pids`` (their threads and reaped children)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def _machine() -> float:
    """CPU seconds the whole machine spent busy."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


Target = tuple[Callable[[], tuple[str, str]], str]


def load() -> dict[str, Target]:
    """Set up Django on the database ``bench_static.py`` loaded; the targets, each
    (a new request's path and query, the same as a wrk script)."""
    keys = pages.setup(2000, True)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT term FROM search_searchterm WHERE char_length(term) >= 2 "
            "ORDER BY entries DESC, term LIMIT 400"
        )
        words = [row[0] for row in cur.fetchall()]
    return {
        "search matching nothing": (
            lambda: ("/search/", f"q={quote('抽查')}{random.randint(1, 10**9)}"),
            static._miss("/search/", "q", quote("抽查")),
        ),
        "search, two common words": (
            lambda: ("/search/", "q=" + "+".join(quote(random.choice(words)) for _ in "ab")),
            static._word_pairs(words),
        ),
        "document, new ?print=": (
            lambda: (f"/documents/{random.choice(keys)}/", f"print={random.randint(1, 10**9)}"),
            static._miss(f"/documents/{keys[len(keys) // 2]}/", "print"),
        ),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--warm", type=int, default=30, help="requests before the measured ones"
    )
    parser.add_argument("--in-process", action="store_true", help="skip the load")
    args = parser.parse_args()
    targets = load()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()

    def call(path: str, query: str) -> None:
        pages.wsgi_get(handler, f"{path}?{query}")

    print(f"-- in process, {args.requests} requests each", flush=True)
    for name, (request, _script) in targets.items():
        for _ in range(args.warm):
            call(*request())
        start = time.process_time()
        for _ in range(args.requests):
            call(*request())
        used = (time.process_time() - start) / args.requests
        static.figure(f"{name}: CPU per request", used * 1000, "ms")
    if args.in_process:
        return
    print("-- under load, gunicorn -w 2, wrk -t2 -c32", flush=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path[:3]))
    site = static.gunicorn("wsgi:application", static._port(), env)
    port = site.args[site.args.index("-b") + 1].rpartition(":")[2]
    workers = subprocess.run(["pgrep", "-g", str(os.getpgid(site.pid))],
                             capture_output=True, text=True).stdout.split()  # fmt: skip
    try:
        for name, (_request, script) in targets.items():
            url = f"http://127.0.0.1:{port}/"
            static.wrk(url, 2, script)
            own, machine, began = _ticks(workers), _machine(), time.monotonic()
            rate = static.wrk(url, args.seconds, script)
            done = rate * (time.monotonic() - began)
            static.figure(f"{name}: req/s", rate, "req/s")
            static.figure(f"{name}: workers' CPU per request",
                          1000 * (_ticks(workers) - own) / done, "ms")  # fmt: skip
            static.figure(f"{name}: machine's CPU per request",
                          1000 * (_machine() - machine) / done, "ms")  # fmt: skip
    finally:
        os.killpg(site.pid, 15)


if __name__ == "__main__":
    main()
