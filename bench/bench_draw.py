"""Benchmark of dsr-draw/1 (gongkai.core.draw) on deterministic synthetic data.

Run: ``.venv/bin/python bench/bench_draw.py [--targets 100000] [--inspectors 2000]
[--select 10000] [--hash sha256|sm3] [--repeat 3]``

Prints the time to draw from the raw input (validation, freeze and draw), the draw
alone on a frozen snapshot (what runs once the beacon is known), and the time to
verify the output against its input (a full re-run plus the §11 checks). Not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from gongkai.core.draw import canonical_output, draw_with_trace, verify
from gongkai.core.draw.engine import freeze, run_frozen
from gongkai.core.draw.fields import USCC_ALPHABET, uscc_check_char
from gongkai.core.draw.inputs import parse_input

REGIONS = [f"3301{n:02}" for n in (2, 5, 6, 8, 9, 10, 11, 12, 13, 22, 27, 82, 83)]
INDUSTRIES = [f"{s}{n:02}" for s in "CFHI" for n in range(10, 15)]
RISKS = {"A": 1, "B": 2, "C": 4, "D": 8}


def uscc(n: int) -> str:
    """A valid USCC for the integer ``n`` (region prefix 330100)."""
    body = ""
    for _ in range(9):
        body = USCC_ALPHABET[n % 31] + body
        n //= 31
    first17 = "91330100" + body
    return first17 + uscc_check_char(first17)


def synthetic_input(
    n_targets: int, n_inspectors: int, select: int, hash_alg: str
) -> dict[str, Any]:
    """A deterministic input of the given size (same arguments, same bytes)."""
    rng = random.Random(20260101)
    targets = [
        {
            "uscc": uscc(i * 7919 + 13),
            "region": rng.choice(REGIONS),
            "industry": rng.choice(INDUSTRIES),
            "risk": rng.choices(list(RISKS), weights=[50, 30, 15, 5])[0],
            "last_inspected": rng.choice(
                [None, None, "2024-03-15", "2025-08-01", "2025-12-20"]
            ),
            "status": "active"
            if rng.random() < 0.92
            else rng.choice(["abnormal", "deregistered"]),
        }
        for i in range(n_targets)
    ]
    inspectors = [
        {
            "id": f"ZF{330000000 + i}",
            "home_region": rng.choice(REGIONS),
            "quals": rng.sample(INDUSTRIES, rng.randint(3, 8)),
            "available": rng.random() < 0.95,
        }
        for i in range(n_inspectors)
    ]
    coi = [
        [rng.choice(inspectors)["id"], rng.choice(targets)["uscc"]]
        for _ in range(n_targets // 20)
    ]
    return {
        "task": {
            "protocol": "dsr-draw/1",
            "task_id": "BENCH-2026-0001",
            "hash_alg": hash_alg,
            "target_count": select,
            "risk_weights": RISKS,
            "stratify_by": ["risk", "region", "industry"],
            "exclude_inspected_on_or_after": "2025-12-01",
            "reserve_per_stratum": 2,
            "team_size": 2,
            "capacity_slack": 0,
            "beacon": {"type": "drand", "chain_hash": "52" * 32, "round": 27000000},
        },
        "targets": targets,
        "inspectors": inspectors,
        "coi": coi,
        "secret_hex": "42" * 32,
        "beacon_randomness_hex": "ab" * 32,
        "contributions": [],
    }


def make_scarce(data: dict[str, Any]) -> None:
    """Repair-heavy variant: 30% of targets in an industry only 1% of inspectors hold."""
    for i, target in enumerate(data["targets"]):
        if i % 10 < 3:
            target["industry"] = "X99"
    for i, inspector in enumerate(data["inspectors"]):
        if i % 100 == 0:
            inspector["quals"].append("X99")
    data["task"]["risk_weights"] = dict.fromkeys(RISKS, 1)


def timed(fn: Any, repeat: int) -> tuple[float, Any]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=100_000)
    parser.add_argument("--inspectors", type=int, default=2_000)
    parser.add_argument("--select", type=int, default=10_000)
    parser.add_argument("--hash", default="sha256", choices=["sha256", "sm3"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--scarce", action="store_true", help="repair-heavy: a scarce qualification"
    )
    args = parser.parse_args()

    data = synthetic_input(args.targets, args.inspectors, args.select, args.hash)
    if args.scarce:
        make_scarce(data)
    t_draw, (output, trace) = timed(lambda: draw_with_trace(data), args.repeat)
    frozen = freeze(parse_input(data))
    t_frozen, _run = timed(lambda: run_frozen(frozen), args.repeat)
    t_verify, report = timed(
        lambda: verify({"input": data, "output": output}), args.repeat
    )
    result = output["result"]
    staffed = sum(1 for r in result["selected"] if r["team"] is not None)
    scenario = ", scarce qualification" if args.scarce else ""
    print(f"dsr-draw/1 benchmark ({args.hash}{scenario}, median of {args.repeat})")
    print(
        f"  snapshot      {args.targets:>9,} targets, {args.inspectors:,} inspectors, "
        f"{len(data['coi']):,} conflict pairs"
    )
    print(f"  strata        {len(result['strata']):>9,}")
    print(
        f"  selected      {result['selected_count']:>9,} of K = {args.select:,}; "
        f"{len(result['teams']):,} teams, capacity {result['capacity']}"
    )
    print(
        f"  staffed       {staffed:>9,}; greedy left {len(trace['after_greedy_unassigned']):,}, "
        f"repaired {len(trace['repairs']):,}, unstaffed {len(result['unstaffed']):,}"
    )
    print(f"  output        {len(canonical_output(output)):>9,} bytes (JCS)")
    print(f"  draw          {t_draw:>9.3f} s  (from the raw input)")
    print(f"  draw, frozen  {t_frozen:>9.3f} s  (snapshot frozen before the commit)")
    print(
        f"  verify        {t_verify:>9.3f} s  ({'VERIFIED' if report.ok else 'NOT VERIFIED'})"
    )


if __name__ == "__main__":
    main()
