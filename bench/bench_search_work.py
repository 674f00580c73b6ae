"""Work per uncached search page, counted rather than timed (not a test; nothing
asserted).

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_static
/work/main/.venv/bin/python bench/bench_search_work.py [--requests 50]`` on the
database ``bench_static.py`` loaded (``--reuse``), with ``valgrind`` installed.

On a shared two-core machine a rate or a CPU time moves by 10 % from one run to the
next, more than most changes to a search. Counted work does not:

* **the worker**: the instructions the Python process runs per request (valgrind's
  callgrind; the difference between a run of ``--requests`` more requests and a
  run of 20, so that start-up and warm-up cancel out);
* **PostgreSQL**: the statements per request and their planning and execution
  time as PostgreSQL records them, where ``pg_stat_statements`` is loaded
  (``shared_preload_libraries``, ``pg_stat_statements.track_planning = on``):
  server-side figures, without the round trips. PostgreSQL counts a ``SET LOCAL``
  sent with its query apart, and Django's connection health check is one.

The targets are ``bench_search_cpu.py``'s, in the same order of random requests.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = 20
VALGRIND = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")


def _child(target: str, requests: int) -> None:
    """Run ``requests`` of ``target`` in process (under valgrind, or not)."""
    sys.path[:0] = [str(HERE)]
    import random

    import bench_documents_pages as pages
    import bench_search_cpu as cpu
    from django.core.handlers.wsgi import WSGIHandler

    request, _script = cpu.load()[target]
    random.seed(13)
    handler = WSGIHandler()
    for _ in range(requests):
        path, query = request()
        pages.wsgi_get(handler, f"{path}?{query}")


def _run(target: str, requests: int, *prefix: str) -> str:
    """Run ``requests`` of ``target`` in a child process (``prefix``: a command
    to run it under); its standard error."""
    command = [*prefix, sys.executable, __file__, "--child", target]
    command += ["--requests", str(requests)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stderr


def _instructions(target: str, requests: int) -> int:
    """The instructions a child running ``requests`` of ``target`` ran."""
    out = _run(target, requests, *VALGRIND)
    return int(re.search(r"I\s+refs:\s+([\d,]+)", out)[1].replace(",", ""))  # type: ignore[index]


def _statements() -> tuple[float, float, int] | None:
    """(planning ms, execution ms, statements) recorded for this database."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT sum(total_plan_time), sum(total_exec_time), sum(calls) "
                "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                "WHERE d.datname = current_database() "
                "AND query NOT LIKE '%%pg_stat_statements%%'"
            )
            plan, run, calls = cur.fetchone()
    except DatabaseError:
        return None
    return float(plan or 0), float(run or 0), int(calls or 0)


def _reset() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT pg_stat_statements_reset()")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--child")
    parser.add_argument(
        "--no-instructions", action="store_true", help="PostgreSQL's figures only"
    )
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.requests)
        return
    sys.path[:0] = [str(HERE)]
    import bench_search_cpu as cpu
    import bench_static as static

    targets = list(cpu.load())
    from django.db import connection

    connection.ensure_connection()
    counted = connection.vendor == "postgresql" and _statements() is not None
    if not counted:
        print("(pg_stat_statements is not loaded: the worker's figures only)")
    for target in targets:
        if not args.no_instructions:
            base = _instructions(target, BASE)
            more = _instructions(target, BASE + args.requests)
            static.figure(f"{target}: worker's instructions per request",
                          (more - base) / args.requests / 1e6, "M")  # fmt: skip
        if counted:
            runs = BASE + args.requests * 4
            _reset()
            _run(target, runs)
            plan, run, calls = _statements()  # type: ignore[misc]
            static.figure(
                f"{target}: PostgreSQL statements per request", calls / runs, ""
            )
            static.figure(
                f"{target}: PostgreSQL planning per request", plan / runs, "ms"
            )
            static.figure(
                f"{target}: PostgreSQL execution per request", run / runs, "ms"
            )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
