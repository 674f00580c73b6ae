"""Benchmark of penalty import and public penalty search (not a test; nothing asserted).

Run: ``DJANGO_SETTINGS_MODULE=gongkai.config.settings.test .venv/bin/python
bench/bench_penalties.py [--import-rows 100000] [--search-rows 1000000] [--queries 200]``

* import: an XLSX of ``--import-rows`` synthetic rows (Chinese labels as headers; 2% of
  rows invalid) through ``penalty_import`` with full validation and ``publish=True``
  (``--mode review``: into review, each row on its publication clock; search indexing
  off, as for ``--no-index``); prints rows/s and the peak RSS of the process, and
  rows/s of a second import of the same file (idempotent: all unchanged).
* search: ``--search-rows`` published penalties inserted in bulk, then the public list
  page ``/penalties/`` with a query (party name, USCC, 文号, type filter, date range)
  fetched ``--queries`` times through the test client; prints p50/p95/max in ms.

Uses a throw-away SQLite file, or BENCH_DATABASE_URL (e.g. PostgreSQL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from stdnum.cn import uscc as stdnum_uscc

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
SH = dt.timezone(dt.timedelta(hours=8))
CITIES = ["福州", "厦门", "泉州", "漳州", "莆田", "三明", "南平", "龙岩", "宁德"]
TRADES = ["电线电缆", "食品", "机械", "建材", "电器", "化工", "纺织", "五金", "塑料"]


def figure(name: str, value: float, unit: str) -> None:
    print(f"{name:<62} {value:>12,.1f} {unit}", flush=True)


def uscc(n: int, prefix: str = "91") -> str:
    body = ""
    for _ in range(9):
        body = USCC_ALPHABET[n % 31] + body
        n //= 31
    first17 = prefix + "350100" + body
    return first17 + stdnum_uscc.calc_check_digit(first17)


def party(i: int) -> str:
    return f"{CITIES[i % 9]}市{TRADES[(i // 9) % 9]}第{i}有限公司"


def setup_django(*, keep: bool = False) -> None:
    import django

    db_file = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{db_file}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.test")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql" and not keep:
        call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "sqlite":
        # As the embedded setup runs (settings.base init_command; the test
        # settings, made for an in-memory database, leave it out).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}", flush=True)


def make_xlsx(n: int) -> bytes:
    from gongkai.core.tabular import write_xlsx
    from gongkai.penalties.fields import BY_CODE

    codes = ["CF_XDR_MC", "CF_XDR_LB", "CF_XDR_SHXYM", "CF_FRDB", "CF_WSH",
             "CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB", "CF_NR", "CF_NR_FK",
             "CF_JDRQ", "CF_CFJG", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM", "HYLY",
             "JDS_QW"]  # fmt: skip
    rng = random.Random(2026)
    rows = []
    for i in range(n):
        fine = rng.choice(["0.5", "2", "5", "12.5"])
        decided = dt.date(2026, 9, 1) + dt.timedelta(days=rng.randrange(60))
        row = [
            party(i), "法人及非法人组织", uscc(i * 7919 + 13), "陈某",
            f"闽质监罚字〔2026〕{i + 1}号", "生产销售不合格产品",
            f"经抽样检验，当事人{party(i)}生产的产品不合格，违反产品质量法第十三条。",
            "《中华人民共和国产品质量法》第四十九条", "罚款", f"罚款人民币{fine}万元。",
            fine, decided, "福建省质量技术监督局", "11330700099033995K",
            "福建省质量技术监督局", "11330700099033995K", rng.choice(["一般领域", "食品"]),
            f"福建省质量技术监督局行政处罚决定书。当事人：{party(i)}。当事人生产不合格产品，"
            f"依据产品质量法第四十九条决定罚款{fine}万元。如不服本决定，可在六十日内申请行政"
            "复议，或者在六个月内提起行政诉讼。",
        ]  # fmt: skip
        if i % 50 == 7:
            row[2] = row[2][:-1] + ("0" if row[2][-1] != "0" else "1")  # bad check
        rows.append(row)
    return write_xlsx([BY_CODE[c].label for c in codes], rows)


def bench_import(n: int, *, publish: bool = True) -> None:
    from gongkai.accounts.models import Department, User
    from gongkai.penalties.importing import penalty_import

    dept = Department.objects.create(name="执法稽查处", code="enforcement")
    user = User.objects.create_user(
        "bench", password="x", role="reviewer", department=dept
    )
    t0 = time.perf_counter()
    data = make_xlsx(n)
    figure(f"generate XLSX of {n:,} rows ({len(data) / 1e6:.1f} MB)",
           time.perf_counter() - t0, "s")  # fmt: skip
    now = dt.datetime(2026, 11, 2, 10, tzinfo=SH)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    run = penalty_import(
        data=data, file_name="bench.xlsx", department=dept, by=user, publish=publish,
        now=now, index=False,
    )  # fmt: skip
    t, c = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figure(
        f"import {n:,} rows, full validation, {'--publish' if publish else 'review'} "
        f"(created {run.created:,}, errors {run.failed:,})",
        n / t,
        "rows/s",
    )
    figure("  wall time", t, "s")
    if not publish:
        from gongkai.clocks.models import Clock

        figure("  clocks started", Clock.objects.count(), "")
    # On a shared machine the wall time depends on the load; the CPU time of this
    # process (not the database server's) much less.
    figure("  rows per CPU second of the importing process", n / c, "rows/s")
    figure(f"  load average (1 min) at the end: {os.getloadavg()[0]:.2f}", 0, "")
    figure("  peak RSS of the process (before import)", rss0, "MB")
    figure("  peak RSS of the process (after import)", rss, "MB")
    t0, c0 = time.perf_counter(), time.process_time()
    again = penalty_import(
        data=data, file_name="bench.xlsx", department=dept, by=user, publish=publish,
        now=now, index=False,
    )  # fmt: skip
    t, c = time.perf_counter() - t0, time.process_time() - c0
    figure(f"re-import same file (unchanged {again.unchanged:,})", n / t, "rows/s")
    figure("  rows per CPU second of the importing process", n / c, "rows/s")


def fill(n: int) -> None:
    """Bulk-insert published penalties up to ``n`` rows (no validation: search only)."""
    from gongkai.accounts.models import Department, User
    from gongkai.penalties.models import Penalty

    dept = Department.objects.get_or_create(name="执法稽查处", code="enforcement")[0]
    user = User.objects.filter(username="bench").first() or User.objects.create_user(
        "bench", password="x", role="reviewer", department=dept
    )
    have = Penalty.objects.count()
    rng = random.Random(7)
    publish_at = dt.datetime(2026, 11, 1, tzinfo=SH)
    t0 = time.perf_counter()
    batch = []
    for i in range(have, n):
        decided = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(1000))
        batch.append(
            Penalty(
                party_name=party(i + 10_000_000), party_category="organisation",
                uscc=uscc(i * 104729 + 7), legal_rep="林某",
                decision_number=f"闽质监罚字〔{decided.year}〕{i + 500000}号",
                violation_type="生产销售不合格产品", facts="经查……", basis="产品质量法",
                penalty_types=rng.choice([",fine,", ",warning,fine,", ",fine,confiscate_income,"]),
                content="罚款", fine_amount=Decimal("2"), decided_on=decided,
                valid_until=decided + dt.timedelta(days=1095),
                publicity_until=decided + dt.timedelta(days=1095),
                authority=rng.choice(["福建省质量技术监督局", "福州市质量技术监督局"]),
                authority_uscc="11330700099033995K", source_unit="福建省质量技术监督局",
                source_unit_uscc="11330700099033995K", department=dept, author=user,
                status="published", publish_at=publish_at,
                unpublish_at=dt.datetime.combine(
                    decided + dt.timedelta(days=1096), dt.time.min, tzinfo=SH
                ),
            )
        )  # fmt: skip
        if len(batch) == 20000:
            _insert(batch)
            batch = []
    if batch:
        _insert(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figure(f"bulk fill to {n:,} penalties", time.perf_counter() - t0, "s")


def _insert(batch: list) -> None:
    from django.db import transaction

    from gongkai.penalties.models import Penalty
    from gongkai.penalties.name_index import name_index_bulk

    with transaction.atomic(), name_index_bulk():
        Penalty.objects.bulk_create(batch)


def bench_search(n: int, queries: int) -> None:
    from django.test import Client

    from gongkai.penalties.models import Penalty

    fill(n)
    total = Penalty.objects.count()
    client = Client()
    rng = random.Random(11)
    sample = (
        list(
            Penalty.objects.order_by("?").values_list(
                "party_name", "uscc", "decision_number"
            )[:50]
        )
        if total <= 200_000
        else [
            Penalty.objects.filter(pk=rng.randrange(1, total))
            .values_list("party_name", "uscc", "decision_number")
            .first()
            for _ in range(50)
        ]
    )
    sample = [s for s in sample if s]
    kinds = {
        "party name, 6 characters (broad: ~1-11% of rows)": lambda s: {"q": s[0][3:9]},
        "party name, 2 characters (broad)": lambda s: {"q": s[0][3:5]},
        "party name, distinctive tail (one match)": lambda s: {"q": s[0][-10:]},
        "USCC (exact)": lambda s: {"q": s[1]},
        "decision number (exact)": lambda s: {"q": s[2]},
        "decision number, part": lambda s: {"q": s[2][-9:]},
        "type filter + date range": lambda s: {
            "type": "confiscate_income", "date_from": "2025-01-01", "date_to": "2025-06-30"
        },
        "authority": lambda s: {"authority": "福州市"},
        "no query, page 3": lambda s: {"page": "3"},
    }  # fmt: skip
    try:
        client.get("/penalties/")
        page = True
    except Exception as exc:
        print(f"page not renderable ({exc!r}): timing the selector and page of 20 only")
        page = False
    for name, params in kinds.items():
        times = []
        for i in range(max(1, queries // len(kinds))):
            args = params(sample[i % len(sample)])
            t0 = time.perf_counter()
            if page:
                response = client.get("/penalties/", args)
                assert response.status_code == 200
            else:
                _query(args)
            times.append((time.perf_counter() - t0) * 1e3)
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        what = "/penalties/" if page else "selector"
        figure(f"{what} at {total:,} rows: {name} p50",
               statistics.median(times), "ms")  # fmt: skip
        figure(f"{what} at {total:,} rows: {name} p95", p95, "ms")
    figure(f"  load average (1 min) at the end: {os.getloadavg()[0]:.2f}", 0, "")


def _query(args: dict[str, str]) -> None:
    """What the list page asks the database: a page of 20 and its (capped) count."""
    from django.utils import timezone

    from gongkai.penalties.forms import PenaltyFilterForm
    from gongkai.penalties.paging import CappedPaginator
    from gongkai.penalties.selectors import penalty_list_public

    query = PenaltyFilterForm(args).query()
    qs = penalty_list_public(now=timezone.now(), query=query)
    page = CappedPaginator(qs, 20).get_page(args.get("page"))
    list(page.object_list)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--search-rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--mode",
        choices=["publish", "review"],
        default="publish",
        help="import with --publish, or into review (publication clocks)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the rows of BENCH_DATABASE_URL (search only: fill tops up to N)",
    )
    args = parser.parse_args()
    setup_django(keep=args.keep)
    if args.import_rows:
        bench_import(args.import_rows, publish=args.mode == "publish")
    if args.search_rows:
        bench_search(args.search_rows, args.queries)


if __name__ == "__main__":
    sys.exit(main())
