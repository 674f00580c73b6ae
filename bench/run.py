"""`make bench`: print performance figures of the foundation (not a test; nothing asserted).

Uses a throw-away SQLite file (or BENCH_DATABASE_URL, e.g. a PostgreSQL database) so it
never touches var/. Sizes are modest so it runs in about a minute on 2 cores.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

HERE = Path(__file__).resolve().parent


def figure(name: str, value: float, unit: str) -> None:
    print(f"{name:<58} {value:>12,.1f} {unit}")


def bench_core() -> None:
    from gongkai.core import clocks
    from gongkai.core.clock_rules import BUILTIN_RULES
    from gongkai.core.text import scan_personal_data
    from gongkai.core.workcal import WorkCalendar

    cal = WorkCalendar.official()
    start = dt.date(2026, 2, 10)
    n = 20000
    t = timeit.timeit(lambda: cal.add_working_days(start, 20), number=n)
    figure("core: add_working_days(2026-02-10, 20)", t / n * 1e6, "µs/call")
    tz = clocks.SHANGHAI
    rule = clocks.rule_for("foi.reply", start, BUILTIN_RULES)
    events = [
        clocks.Event("received", dt.datetime(2026, 2, 10, 10, tzinfo=tz)),
        clocks.Event("consultation_sent", dt.datetime(2026, 2, 12, 10, tzinfo=tz)),
        clocks.Event("consultation_answered", dt.datetime(2026, 3, 2, 10, tzinfo=tz)),
        clocks.Event("extended", dt.datetime(2026, 3, 10, 10, tzinfo=tz), 20),
    ]
    now = dt.datetime(2026, 3, 20, tzinfo=tz)
    n = 5000
    t = timeit.timeit(lambda: clocks.due(events, rule, cal, now), number=n)
    figure("core: due() FOI reply with pause + extension", t / n * 1e6, "µs/call")
    text = (
        "依据《条例》第三十三条，申请人张三（身份证 11010519491231002X，电话 13812345678）"
        "提交的申请已受理。"
    ) * 200
    n = 50
    t = timeit.timeit(lambda: scan_personal_data(text), number=n)
    figure(
        f"core: scan_personal_data on {len(text):,} characters", t / n * 1e3, "ms/call"
    )


def bench_django() -> None:
    import django

    db_file = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.setdefault(
        "DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db_file}")
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.config.settings.test"
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")

    from gongkai.accounts.models import Department, User
    from gongkai.clocks.recompute import clocks_recompute_all
    from gongkai.clocks.selectors import SHANGHAI, clock_inbox
    from gongkai.clocks.services import clock_start
    from gongkai.common.audit import audit_record, audit_verify

    dept = Department.objects.create(name="办公室", code="office", is_office=True)
    user = User.objects.create_user(
        "bench", password="x", role="reviewer", department=dept
    )

    n = 2000
    t0 = time.perf_counter()
    for i in range(n):
        audit_record(actor=user, action="bench.event", obj=dept, changes={"i": i})
    t = time.perf_counter() - t0
    figure(f"audit_record: {n:,} chained events", n / t, "events/s")
    t0 = time.perf_counter()
    result = audit_verify()
    t = time.perf_counter() - t0
    figure(
        f"audit_verify: {result.checked:,} events (ok={result.ok})",
        result.checked / t,
        "events/s",
    )

    n = 2000
    base = timezone.now().astimezone(SHANGHAI) - dt.timedelta(days=300)
    t0 = time.perf_counter()
    for i in range(n):
        clock_start(
            subject=dept,
            rule_key="foi.reply",
            title=f"申请 {i}",
            department=dept,
            at=base + dt.timedelta(hours=3 * i),
            by=user,
        )
    t = time.perf_counter() - t0
    figure(f"clock_start: {n:,} clocks", n / t, "clocks/s")
    t0 = time.perf_counter()
    clocks_recompute_all()
    t = time.perf_counter() - t0
    figure(f"clocks_recompute_all over {n:,} open clocks", t * 1e3, "ms")
    now = timezone.now()
    t0 = time.perf_counter()
    for _ in range(20):
        inbox = clock_inbox(user, now=now)
        sum(len(v) for v in inbox.values())
    t = (time.perf_counter() - t0) / 20
    figure(f"clock_inbox with {n:,} clocks", t * 1e3, "ms/call")

    # Recompute after a holiday-table change, at scale: clocks keyed for grouping.
    from django.contrib.contenttypes.models import ContentType

    from gongkai.clocks.models import Clock

    n_bulk = int(os.environ.get("BENCH_CLOCKS", "200000"))
    ct = ContentType.objects.get_for_model(dept)
    start0 = dt.datetime(2026, 1, 5, 10, tzinfo=SHANGHAI)
    rows = []
    for i in range(n_bulk):
        started = start0 + dt.timedelta(minutes=i * 3 % (300 * 24 * 60))
        rows.append(
            Clock(
                rule_key="foi.reply",
                rule_version="条例2019",
                title=f"b{i}",
                subject_type=ct,
                subject_id=str(dept.pk),
                department=dept,
                started_at=started,
                start_date=started.date(),
                group_key="received+0",  # only the start event
            )
        )
    t0 = time.perf_counter()
    Clock.objects.bulk_create(rows, batch_size=5000)
    figure(
        f"bulk insert of {n_bulk:,} open clocks (setup)", time.perf_counter() - t0, "s"
    )
    t0 = time.perf_counter()
    changed = clocks_recompute_all(years=[2026])
    t = time.perf_counter() - t0
    figure(
        f"recompute after holiday change, {n_bulk + n:,} open clocks ({changed:,} changed)",
        t,
        "s",
    )

    client = Client()
    client.get("/")
    n = 300
    t0 = time.perf_counter()
    for _ in range(n):
        client.get("/")
    t = time.perf_counter() - t0
    figure("portal home page, in-process (one worker)", n / t, "requests/s")
    n = 300
    t0 = time.perf_counter()
    for _ in range(n):
        client.get("/api/v1/calendar/working-days/?start=2026-02-10&n=20")
    t = time.perf_counter() - t0
    figure("API working-days calculator, in-process", n / t, "requests/s")


if __name__ == "__main__":
    bench_core()
    bench_django()
    draw = HERE / "bench_draw.py"
    if draw.exists():
        sys.stdout.flush()
        subprocess.run([sys.executable, str(draw)], check=False)
