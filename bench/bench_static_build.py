"""The full static build at scale (not a test; nothing asserted).

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_static
/work/main/.venv/bin/python bench/bench_static_build.py --docs 100000 --reuse
--jobs 2``

Loads ``--docs`` published documents (``bench_documents_pages.setup``; ``--reuse``
keeps a PostgreSQL database that holds at least as many), then runs
``gongkai static build --out DIR --jobs N`` into a temporary directory, as an
operator would, and prints the pages built, the seconds, pages per second, the CPU
time it used (the figure other work on the machine does not change) and the load
average (other work shares the cores). ``--keep`` leaves the tree. ``--refresh``
then marks every page stale (``caching.mark(["*"])``, as a change every page
shows) and times ``gongkai static refresh`` with ``--jobs 1`` and with ``--jobs N``.
Figures: bench/static-build.md.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import bench_documents_pages as pages  # noqa: E402


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}/{fifteen:.1f}"


def cpu_seconds() -> float:
    """User and system time of this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def figure(name: str, value: float, unit: str) -> None:
    print(f"{name:<52} {value:>12,.1f} {unit:<5} ({load()})", flush=True)


class Tee(io.StringIO):
    """The command's output, printed as it comes (with the load) and kept."""

    def write(self, text: str) -> int:
        if text.strip():
            print(f"  {text.rstrip()}  ({load()})", flush=True)
        return super().write(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true", help="keep the built tree")
    parser.add_argument(
        "--refresh", action="store_true", help="then time refreshing every page"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    pages.setup(args.docs, args.reuse)
    figure(
        "setup (load or reuse the documents), seconds",
        time.perf_counter() - started,
        "s",
    )
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from gongkai.documents.models import Document

    settings.GONGKAI_STATIC_SITE_URL = "http://127.0.0.1"
    documents = Document.objects.count()
    print(f"database: {connection.vendor}, {documents:,} documents, "
          f"--jobs {args.jobs}, {os.cpu_count()} CPUs", flush=True)  # fmt: skip
    root = Path(tempfile.mkdtemp(prefix="gk-static-"))
    out = Tee()
    try:
        print(f"build into {root / 'site'} ({load()})", flush=True)
        started, cpu = time.perf_counter(), cpu_seconds()
        call_command(
            "static", "build", "--out", str(root / "site"), "--jobs", str(args.jobs),
            stdout=out, verbosity=2,
        )  # fmt: skip
        took, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        built = int(re.search(r"^(\d+) pages ×", out.getvalue(), re.M)[1])  # type: ignore[index]
        figure("static build: pages (each × 4 variants)", built, "pages")
        figure("static build: seconds", took, "s")
        figure("static build: pages per second", built / took, "p/s")
        figure("static build: ms per page-variant", took * 1000 / built / 4, "ms")
        # Independent of other work on the machine (PostgreSQL's share not counted).
        figure("static build: CPU seconds, this process and workers", cpu, "s")
        figure("static build: CPU ms per page-variant", cpu * 1000 / built / 4, "ms")
        if args.refresh:
            for jobs in sorted({1, args.jobs}):
                refresh_all(root / "site", jobs)
    finally:
        if args.keep:
            print(f"kept: {root / 'site'}", flush=True)
        else:
            shutil.rmtree(root, ignore_errors=True)


def refresh_all(site: Path, jobs: int) -> None:
    """Every page stale, then ``gongkai static refresh --jobs N``, timed."""
    from django.conf import settings
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from gongkai.publishing import caching

    settings.GONGKAI_STATIC_SITE_DIR = str(site)
    caching.mark(["*"])  # the page cache's entries too: every page renders again
    # The refresh it queued: run below instead.
    DBTaskResult.objects.filter(task_path__endswith=".static_refresh").delete()
    out = io.StringIO()
    started, cpu = time.perf_counter(), cpu_seconds()
    call_command("static", "refresh", "--out", str(site), "--jobs", str(jobs),
                 stdout=out)  # fmt: skip
    took, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    done = int(out.getvalue().split()[0])
    figure(f"refresh of every page, --jobs {jobs}: pages", done, "pages")
    figure(f"refresh of every page, --jobs {jobs}: seconds", took, "s")
    figure(f"refresh of every page, --jobs {jobs}: CPU seconds", cpu, "s")


if __name__ == "__main__":
    main()
