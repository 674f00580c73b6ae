"""Benchmark of 双随机、一公开: the dsr-draw/1 draw at scale and the app's workflow.

Run: ``.venv/bin/python bench/bench_inspections.py [--targets 1000000]
[--inspectors 2000] [--select 10000] [--hash sha256 sm3] [--app-targets 100000]``

Core (each profile in a fresh process, so peak memory is that run's; wall time and
the process's CPU time, which a loaded machine does not inflate): the draw
(input validation included), the auditor's verification (full re-run plus the §11
checks), the public verification of the published bundle (core/drawcheck, no
snapshot), one enterprise's inclusion proof, and the peak resident memory.
App (a throw-away SQLite database): CSV import of the target registry, freeze,
commit, draw with the inspections written, the enterprise check. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _core(
    n_targets: int, n_inspectors: int, select: int, hash_alg: str
) -> dict[str, Any]:
    from bench_draw import synthetic_input

    from gongkai.core.draw import draw, verify
    from gongkai.core.draw.inputs import parse_input
    from gongkai.core.draw.snapshot import target_leaf
    from gongkai.core.drawcheck import merkle_path, public_verify

    data = synthetic_input(n_targets, n_inspectors, select, hash_alg)
    out: dict[str, Any] = {}
    t, c = time.perf_counter(), time.process_time()
    output = draw(data)
    out["draw_s"], out["draw_cpu"] = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    report = verify({"input": data, "output": output})
    out["verify_s"] = time.perf_counter() - t
    out["verify_cpu"] = time.process_time() - c
    out["verified"] = report.ok
    bundle = {
        "task": data["task"],
        "commit": output["commit"],
        "secret_hex": data["secret_hex"],
        "beacon_randomness_hex": data["beacon_randomness_hex"],
        "output": output,
    }
    t = time.perf_counter()
    out["public_ok"] = public_verify(bundle).ok
    out["public_verify_s"] = time.perf_counter() - t
    parsed = parse_input(data)
    t = time.perf_counter()
    leaves = [target_leaf(x) for x in parsed.targets]
    merkle_path(parsed.profile, leaves, len(leaves) // 3)
    out["proof_s"] = time.perf_counter() - t
    out["selected"] = output["result"]["selected_count"]
    out["unstaffed"] = len(output["result"]["unstaffed"])
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def bench_core(args: argparse.Namespace) -> None:
    print(
        f"core dsr-draw/1: {args.targets:,} targets, {args.select:,} selected, "
        f"{args.inspectors:,} inspectors in teams of 2"
    )
    for hash_alg in args.hash:
        cmd = [
            sys.executable,
            __file__,
            "--child",
            hash_alg,
            "--targets",
            str(args.targets),
            "--inspectors",
            str(args.inspectors),
            "--select",
            str(args.select),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"  {hash_alg:<7} draw {r['draw_s']:7.2f} s (CPU {r['draw_cpu']:.2f} s) · "
            f"verify {r['verify_s']:7.2f} s (CPU {r['verify_cpu']:.2f} s) "
            f"({'VERIFIED' if r['verified'] else 'NOT VERIFIED'}) · public verify "
            f"{r['public_verify_s']:5.2f} s ({'ok' if r['public_ok'] else 'FAILED'}) · "
            f"leaf proof {r['proof_s']:5.2f} s · peak {r['peak_mb']:,.0f} MB · "
            f"selected {r['selected']:,}, unstaffed {r['unstaffed']}"
        )


def bench_app(n: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.dev")
    tmp = tempfile.mkdtemp(prefix="gk-bench-ins-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gongkai.accounts.models import Department, User
    from gongkai.inspections import services
    from gongkai.inspections.models import InspectionItem, Inspector
    from gongkai.inspections.sample import inspectors, targets
    from gongkai.inspections.selectors import enterprise_check

    dept = Department.objects.create(name="产品质量监督处", code="quality")
    office = User.objects.create_user(
        username="office", role="reviewer", department=dept
    )
    rows = targets(n)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(
        [
            "统一社会信用代码",
            "名称",
            "行政区划代码",
            "行业代码",
            "风险等级",
            "登记状态",
            "最近一次检查日期",
        ]
    )
    for r in rows:
        writer.writerow(
            [
                r["uscc"],
                r["name"],
                r["region"],
                r["industry"],
                r["risk"],
                r["status"],
                r["last_inspected"] or "",
            ]
        )
    content = buf.getvalue().encode("utf-8")
    t = time.perf_counter()
    batch = services.registry_import(
        kind="targets", filename="t.csv", content=content, by=office
    )
    t_import = time.perf_counter() - t
    Inspector.objects.bulk_create(Inspector(**i) for i in inspectors(200))
    item = InspectionItem.objects.create(
        code="SJ-1",
        name="x",
        legal_basis="x",
        inspecting_body="x",
        target_type="x",
        method="x",
        department=dept,
        author=office,
    )
    t0 = dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC)
    task = services.task_create(
        code="BENCH-1",
        title="bench",
        department=dept,
        items=[item],
        target_count=max(1, n // 100),
        risk_weights={"A": 1, "B": 2, "C": 4, "D": 8},
        beacon_type="drand",
        drand_chain_hash="ab" * 32,
        drand_round=5,
        beacon_time=t0 + dt.timedelta(days=1),
        reserve_per_stratum=2,
        by=office,
        now=t0,
    )
    t = time.perf_counter()
    d = services.draw_freeze(task=task, by=office, now=t0)
    t_freeze = time.perf_counter() - t
    t = time.perf_counter()
    d = services.draw_commit(draw=d, by=office, now=t0)
    t_commit = time.perf_counter() - t
    later = d.beacon_time + dt.timedelta(minutes=1)
    d = services.draw_beacon_enter(
        draw=d, by=office, now=later, randomness_hex="cd" * 32
    )
    t = time.perf_counter()
    d = services.draw_run(draw=d, by=office, now=later)
    t_run = time.perf_counter() - t
    services.draw_publish(draw=d, by=office, now=later)
    uscc = d.output["result"]["selected"][0]["uscc"]
    t = time.perf_counter()
    enterprise_check(uscc=uscc)
    t_check = time.perf_counter() - t
    print(
        f"app (SQLite, {n:,} targets, {d.output['result']['selected_count']:,} selected)"
    )
    print(
        f"  import CSV ({len(content) / 1e6:.1f} MB, {batch.rows:,} rows, ok={batch.ok}) {t_import:7.2f} s"
    )
    print(f"  freeze snapshot                     {t_freeze:7.2f} s")
    print(f"  commit (roots and C, audited)       {t_commit:7.2f} s")
    print(f"  draw (engine, inspections written)  {t_run:7.2f} s")
    print(f"  enterprise check (ticket and proof) {t_check:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=1_000_000)
    parser.add_argument("--inspectors", type=int, default=2_000)
    parser.add_argument("--select", type=int, default=10_000)
    parser.add_argument("--hash", nargs="+", default=["sha256", "sm3"])
    parser.add_argument("--app-targets", type=int, default=100_000)
    parser.add_argument("--skip-core", action="store_true")
    parser.add_argument("--skip-app", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_core(args.targets, args.inspectors, args.select, args.child)))
        return
    if not args.skip_core:
        bench_core(args)
    if not args.skip_app:
        bench_app(args.app_targets)


if __name__ == "__main__":
    main()
