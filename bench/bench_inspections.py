"""Benchmark of 双随机、一公开: the dsr-draw/1 draw at scale and the app's workflow.

Run: ``.venv/bin/python bench/bench_inspections.py [--targets 1000000]
[--inspectors 2000] [--select 10000] [--hash sha256 sm3] [--app-targets 100000]``

Core (each profile in a fresh process, so peak memory is that run's; wall time and
the process's CPU time, which a loaded machine inflates less): validation of the raw
input (§3), the freeze (snapshot roots, C, strata plan: done before the commit), the
draw proper on the frozen snapshot once B is known, the auditor's verification from
the raw input (validation, roots, full re-run and the §11 checks), the public
verification of the published bundle (core/draw/bundle, no snapshot), one
enterprise's inclusion proof, resident memory after building the input, after the
freeze, and at its peak.
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
    from dataclasses import replace

    from bench_draw import synthetic_input

    from gongkai.core.draw import verify
    from gongkai.core.draw.bundle import merkle_path, public_verify
    from gongkai.core.draw.engine import freeze, run_frozen
    from gongkai.core.draw.inputs import parse_input
    from gongkai.core.draw.snapshot import target_leaves

    data = synthetic_input(n_targets, n_inspectors, select, hash_alg)
    out: dict[str, Any] = {"input_mb": _rss_mb()}

    def timed(name: str, fn: Any) -> Any:
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        out[f"{name}_s"] = time.perf_counter() - t
        out[f"{name}_cpu"] = time.process_time() - c
        out[f"{name}_rss_mb"] = _rss_mb()
        return result

    # Freeze (before the commit, B unknown): validation (§3) of the raw input, then
    # roots, C and the strata plan. The draw proper then runs on the frozen snapshot
    # once B is known; verification does everything again from the raw input.
    parsed = timed("validate", lambda: parse_input(data))
    no_beacon = replace(parsed, beacon_randomness=b"\0" * 32)
    frozen = timed("freeze", lambda: freeze(no_beacon))
    run = timed(
        "draw", lambda: run_frozen(frozen.with_beacon(parsed.beacon_randomness))
    )
    output = run.output
    report = timed("verify", lambda: verify({"input": data, "output": output}))
    out["verified"] = report.ok
    # The same verification with the snapshot roots hashed in a second process.
    report2 = timed(
        "verify2", lambda: verify({"input": data, "output": output}, workers=2)
    )
    out["verified"] = out["verified"] and report2.ok
    bundle = {
        "task": data["task"],
        "commit": output["commit"],
        "secret_hex": data["secret_hex"],
        "beacon_randomness_hex": data["beacon_randomness_hex"],
        "output": output,
    }
    out["public_ok"] = timed("public_verify", lambda: public_verify(bundle)).ok
    leaves = list(target_leaves(parsed.targets))
    timed("proof", lambda: merkle_path(parsed.profile, leaves, len(leaves) // 3))
    out["selected"] = output["result"]["selected_count"]
    out["unstaffed"] = len(output["result"]["unstaffed"])
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _rss_mb() -> float:
    """Resident memory now (MB), from /proc; the peak is ru_maxrss."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except OSError:
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def bench_core(args: argparse.Namespace) -> None:
    print(
        f"core dsr-draw/1: {args.targets:,} targets, {args.select:,} selected, "
        f"{args.inspectors:,} inspectors in teams of 2; wall (CPU) seconds; "
        f"load {os.getloadavg()[0]:.2f}"
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

        def fig(name: str, r: dict[str, Any] = r) -> str:
            return f"{r[name + '_s']:6.2f} ({r[name + '_cpu']:.2f})"

        print(
            f"  {hash_alg:<7} validate {fig('validate')} · freeze {fig('freeze')} · "
            f"draw {fig('draw')} · verify {fig('verify')}, with 2 processes "
            f"{r['verify2_s']:6.2f} ({'VERIFIED' if r['verified'] else 'NOT VERIFIED'})"
        )
        print(
            f"          public verify {fig('public_verify')} "
            f"({'ok' if r['public_ok'] else 'FAILED'}) · leaf proof {fig('proof')} · "
            f"RSS: input {r['input_mb']:,.0f} MB, after freeze "
            f"{r['freeze_rss_mb']:,.0f} MB, peak {r['peak_mb']:,.0f} MB · "
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
    if not args.skip_app and args.app_targets > 0:
        bench_app(args.app_targets)


if __name__ == "__main__":
    main()
