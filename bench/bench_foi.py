"""Benchmark of the annual report and of recomputing open request clocks (not a test).

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_foi_bench
.venv/bin/python bench/bench_foi.py [--requests 1000000] [--clocks 100000]``

* report: ``--requests`` requests of year 2025 (applicant types and outcomes spread
  over every column and result row, 4% carried over from 2024, 3% carried into 2026)
  inserted in bulk, then ``annual_report(2025)`` (tables 2, 3, 4, fees) and its
  consistency checks, timed 5 times; prints min and median. Goal: ≤ 1 s for 1M on
  PostgreSQL.
* recompute: ``--clocks`` open foi.reply clocks, one per open case (45% with more
  than the received event: consultations answered or still open, extensions,
  corrections, at random days) inserted in bulk with their events, then
  ``clocks_recompute_all`` as after a holiday-table change; prints the time, clocks/s
  and the projection for 1M. Goal: ≤ 10 s for 1M open cases (``--requests 0
  --clocks 1000000``).

Uses a throw-away SQLite file, or BENCH_DATABASE_URL (the database is flushed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

SH = dt.timezone(dt.timedelta(hours=8))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def figure(name: str, value: float, unit: str) -> None:
    """One figure, with the 1-minute load average (the machine may be shared)."""
    load = os.getloadavg()[0]
    print(f"{name:<62} {value:>12,.1f} {unit:<9} load {load:.2f}", flush=True)


def setup_django() -> None:
    import django

    db_file = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{db_file}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.test")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    print(f"database: {connection.vendor}", flush=True)


def insert_requests(n: int) -> None:
    from gongkai.foi.models import FoiRequest
    from gongkai.foi.rules import OUTCOMES

    rng = random.Random(2025)
    types = ["natural_person"] * 6 + ["commercial", "research", "public_interest",
                                      "legal_service", "other_org"]  # fmt: skip
    codes = [o.code for o in OUTCOMES]
    start = dt.datetime(2024, 11, 20, 9, tzinfo=SH)
    span = (dt.datetime(2025, 12, 31, tzinfo=SH) - start).total_seconds()
    batch: list[FoiRequest] = []
    t0 = time.perf_counter()
    for i in range(n):
        received = start + dt.timedelta(seconds=rng.random() * span)
        closed = received + dt.timedelta(days=rng.randint(1, 40))
        open_case = closed.year > 2025 and rng.random() < 0.5
        batch.append(
            FoiRequest(
                tracking_number=f"B{i:09d}",
                query_code_hash="x",
                channel="online",
                status="in_progress" if open_case else "replied",
                submitted_at=received,
                received_at=received,
                applicant_type=rng.choice(types),
                name="bench",
                phone="",
                description="bench",
                form="electronic",
                delivery="email",
                outcome="" if open_case else rng.choice(codes),
                closed_at=None if open_case else closed,
            )
        )
        if len(batch) == 20000:
            FoiRequest.objects.bulk_create(batch)
            batch = []
    FoiRequest.objects.bulk_create(batch)
    figure(f"insert {n:,} requests", time.perf_counter() - t0, "s")


def bench_report(n: int) -> None:
    from django.db import connection

    from gongkai.foi.report.build import annual_report, report_problems

    insert_requests(n)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE foi_foirequest")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        report = annual_report(2025)
        problems = report_problems(report)
        times.append(time.perf_counter() - t0)
    assert not problems, problems
    figure(
        f"annual_report(2025) + checks, {n:,} requests (min)", min(times) * 1e3, "ms"
    )
    figure(f"annual_report(2025) + checks, {n:,} requests (median)",
           statistics.median(times) * 1e3, "ms")  # fmt: skip
    total = report["t3"]["total"][6] + report["t3"]["carried_out"][6]
    figure("  rows counted (（七）总计 + 四)", total, "requests")


def _history(
    rng: random.Random, started: dt.datetime
) -> list[tuple[str, int, int | None]]:
    """Events after ``received`` as (kind, days after the start, value): a mix of
    plain cases, consultations (answered or still open), extensions and corrections."""
    roll = rng.random()
    if roll < 0.55:
        return []
    if roll < 0.80:  # third-party consultation, answered
        sent = rng.randint(1, 10)
        return [("consultation_sent", sent, None),
                ("consultation_answered", sent + rng.randint(1, 20), None)]  # fmt: skip
    if roll < 0.85:  # consultation still open: paused
        return [("consultation_sent", rng.randint(1, 10), None)]
    if roll < 0.95:  # extension of 5-20 working days
        return [("extended", rng.randint(10, 25), rng.randint(5, 20))]
    asked = rng.randint(2, 6)  # correction asked and received: restart
    return [("correction_requested", asked, None),
            ("correction_received", asked + rng.randint(3, 15), None)]  # fmt: skip


def bench_recompute(n: int) -> None:
    from django.contrib.contenttypes.models import ContentType

    from gongkai.clocks.models import Clock, ClockEvent, HolidayDay
    from gongkai.clocks.recompute import clocks_recompute_all
    from gongkai.clocks.rules import group_key
    from gongkai.clocks.selectors import SHANGHAI, clock_rule
    from gongkai.core.clocks import Event
    from gongkai.foi.models import FoiRequest

    rng = random.Random(7)
    ct = ContentType.objects.get_for_model(FoiRequest)
    rule = clock_rule("foi.reply", start=dt.date(2026, 9, 1))
    t0 = time.perf_counter()
    base = dt.datetime(2026, 9, 1, 10, tzinfo=SH)
    now = dt.datetime(2026, 11, 26, 12, tzinfo=SH)
    for first in range(0, n, 20000):
        clocks, histories = [], []
        for i in range(first, min(n, first + 20000)):
            started = base + dt.timedelta(hours=rng.randint(0, 24 * 80))
            history = [(kind, started + dt.timedelta(days=days), value)
                       for kind, days, value in _history(rng, started)
                       if started + dt.timedelta(days=days) < now]  # fmt: skip
            events = [Event("received", started)]
            events += [Event(kind, at, value) for kind, at, value in history]
            histories.append(history)
            clocks.append(
                Clock(
                    rule_key="foi.reply",
                    rule_version=rule.version,
                    title=f"bench {i}",
                    subject_type=ct,
                    subject_id=str(i),
                    started_at=started,
                    start_date=started.astimezone(SHANGHAI).date(),
                    group_key=group_key(events=events, rule=rule, tz=SHANGHAI) or "",
                )
            )
        Clock.objects.bulk_create(clocks)
        rows = []
        for clock, history in zip(clocks, histories, strict=True):
            rows.append(ClockEvent(clock=clock, kind="received", at=clock.started_at))
            rows += [ClockEvent(clock=clock, kind=kind, at=at, value=value)
                     for kind, at, value in history]  # fmt: skip
        ClockEvent.objects.bulk_create(rows)
    figure(
        f"insert {n:,} open foi.reply clocks with events", time.perf_counter() - t0, "s"
    )
    groups = Clock.objects.values("start_date", "group_key").distinct().count()
    figure("  distinct (start date, events) groups", groups, "groups")
    figure("  clocks with more than the received event",
           Clock.objects.exclude(group_key="received+0").count(), "clocks")  # fmt: skip
    analyze()
    t0 = time.perf_counter()
    clocks_recompute_all(now=now)
    figure(
        "  first fill of the caches (every clock written)",
        time.perf_counter() - t0,
        "s",
    )
    analyze()
    # a holiday-table change: Tuesday 2026-12-01 becomes a day off; every open clock
    # of 2026 is read
    HolidayDay.objects.create(day=dt.date(2026, 12, 1), kind="off", name="bench")
    t0 = time.perf_counter()
    changed = clocks_recompute_all(now=now, years=[2026])
    elapsed = time.perf_counter() - t0
    figure(f"clocks_recompute_all after a 2026 change, {n:,} clocks", elapsed, "s")
    figure("  clocks per second", n / elapsed, "clocks/s")
    figure("  projected for 1,000,000 open clocks", elapsed * 1_000_000 / n, "s")
    figure("  clocks whose due date moved", changed, "clocks")
    t0 = time.perf_counter()
    clocks_recompute_all(now=now, years=[2026])
    figure("  again, nothing to change", time.perf_counter() - t0, "s")
    # the change undone, as calendar_year_set does it for a year already entered:
    # only clocks due from the first changed day are read
    HolidayDay.objects.filter(day=dt.date(2026, 12, 1)).delete()
    t0 = time.perf_counter()
    changed = clocks_recompute_all(now=now, years=[2026], since=dt.date(2026, 12, 1))
    figure("clocks_recompute_all(since=2026-12-01), the change undone",
           time.perf_counter() - t0, "s")  # fmt: skip
    figure("  clocks whose due date moved", changed, "clocks")


def analyze() -> None:
    from django.db import connection

    # PostgreSQL: what autovacuum does after bulk writes (dead rows made reusable)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--clocks", type=int, default=1_000_000)
    args = parser.parse_args()
    setup_django()
    if args.requests:
        bench_report(args.requests)
    if args.clocks:
        bench_recompute(args.clocks)


if __name__ == "__main__":
    main()
