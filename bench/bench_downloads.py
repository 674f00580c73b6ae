"""Whole-list downloads at scale (not a test; nothing asserted).

Run: ``DJANGO_SETTINGS_MODULE=gongkai.config.settings.test .venv/bin/python
bench/bench_downloads.py [--rows 1000000] [--keep]``; for PostgreSQL set
``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench`` (flushed first
unless ``--keep``, which tops the rows up to ``--rows``).

Bulk-inserts ``--rows`` published penalties (``bench_penalties.fill``), then fetches
``/penalties/download.csv`` and ``/penalties/download.xlsx`` through the test client,
anonymous, reading the streamed body piece by piece as a browser would. Reported per
format: rows written, size, wall and CPU time, and the peak resident memory of this
process during the download above its resident memory before it (Linux: VmHWM is
reset through /proc/self/clear_refs before each download).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import time
from pathlib import Path

from bench_penalties import figure, fill, setup_django


def _kib(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def download(client, path: str) -> None:  # type: ignore[no-untyped-def]
    import gc

    gc.collect()
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM)
    before = _kib("VmRSS")
    t0, c0 = time.perf_counter(), time.process_time()
    response = client.get(path)
    assert response.status_code == 200 and response.streaming, path
    size = pieces = newlines = 0
    for piece in response.streaming_content:
        size += len(piece)
        pieces += 1
        newlines += piece.count(b"\n")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = _kib("VmHWM")
    figure(f"{path}: wall time", wall, "s")
    figure("  CPU time of this process", cpu, "s")
    figure("  size", size / 2**20, "MiB")
    figure("  pieces streamed", pieces, "")
    if path.endswith(".csv"):
        figure("  lines (header + rows)", newlines, "")
    figure("  peak resident memory above the start", (peak - before) / 1024, "MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    setup_django(keep=args.keep)
    from django.db import connection
    from django.test import Client

    from gongkai.penalties.models import Penalty

    fill(args.rows)
    print(f"penalties: {Penalty.objects.count():,} ({connection.vendor})", flush=True)
    client = Client()
    for fmt in ("csv", "xlsx"):
        download(client, f"/penalties/download.{fmt}")


if __name__ == "__main__":
    main()
