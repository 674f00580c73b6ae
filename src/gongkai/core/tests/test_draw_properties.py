"""Invariants DRAW.md states for dsr-draw/1, checked on random inputs (hypothesis).

* the draw is deterministic and independent of the order of the snapshot records (§4);
* its output verifies (§11);
* selection: only eligible targets, per-stratum quotas, reserves disjoint and next in
  rank, selected ⇔ ticket ≤ τ_s (§8, §11 enterprise 2);
* teams: every available inspector in exactly one team, sizes m…2m−1 (§9.1);
* assignment: §9.2 holds for every placed target, loads ≤ capacity (§9.3), and the
  number staffed is the maximum any assignment allows (§9.5), with correct reasons.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.draw import draw, draw_with_trace, verify
from gongkai.core.draw.primitives import HashProfile

from .test_draw_support import make_uscc

SHA = HashProfile.for_alg("sha256")
REGIONS = ["330102", "330105", "330106"]
INDUSTRIES = ["C14", "F52", "H62"]
RISKS = ["A", "B", "C"]
DATES = [None, "2025-06-30", "2025-07-01", "2025-12-31"]
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def draw_inputs(draw_: st.DrawFn) -> dict[str, Any]:
    """A random valid input: up to 30 targets, 12 inspectors, random conflicts."""
    n_targets = draw_(st.integers(0, 30))
    offset = draw_(st.integers(0, 10**6))
    targets = [
        {
            "uscc": make_uscc(offset + i),
            "region": draw_(st.sampled_from(REGIONS)),
            "industry": draw_(st.sampled_from(INDUSTRIES)),
            "risk": draw_(st.sampled_from(RISKS)),
            "last_inspected": draw_(st.sampled_from(DATES)),
            "status": draw_(st.sampled_from(["active", "active", "active", "closed"])),
        }
        for i in range(n_targets)
    ]
    # Dense inputs (many available, qualified inspectors, tight capacity, few probes)
    # are where the repair of §9.5 does most of the work.
    dense = draw_(st.booleans())
    inspectors = [
        {
            "id": f"ZF{i:03}",
            "home_region": draw_(st.sampled_from([*REGIONS, "330110"])),
            "quals": draw_(
                st.lists(st.sampled_from(INDUSTRIES), min_size=int(dense), max_size=3)
            ),
            "available": dense or draw_(st.booleans()),
        }
        for i in range(draw_(st.integers(4 if dense else 0, 12)))
    ]
    pairs = st.tuples(
        st.sampled_from([i["id"] for i in inspectors] or ["NOBODY"]),
        st.sampled_from([t["uscc"] for t in targets] or [make_uscc(0)]),
    )
    coi = [list(p) for p in draw_(st.lists(pairs, max_size=15))]
    mode = draw_(st.sampled_from(["public", "confidential"]))
    task = {
        "protocol": "dsr-draw/1",
        "task_id": "P-1",
        "mode": mode,
        "target_count": draw_(st.integers(0, 35)),
        "risk_weights": {r: draw_(st.integers(0, 5)) for r in RISKS},
        "stratify_by": draw_(
            st.sampled_from(
                [
                    ["risk"],
                    ["risk", "region"],
                    ["risk", "industry"],
                    ["risk", "region", "industry"],
                ]
            )
        ),
        "exclude_inspected_on_or_after": draw_(st.sampled_from([None, "2025-07-01"])),
        "reserve_per_stratum": draw_(st.integers(0, 3)),
        "team_size": draw_(st.integers(2, 4)),
        "capacity_slack": 0 if dense else draw_(st.integers(0, 2)),
        "max_probes": draw_(st.integers(0, 2 if dense else 6)),
        "beacon": {"type": "drand", "chain_hash": "ab" * 32, "round": 1},
    }
    return {
        "task": task,
        "targets": targets,
        "inspectors": inspectors,
        "coi": coi,
        "secret_hex": draw_(st.binary(min_size=32, max_size=32)).hex()
        if mode == "confidential"
        else None,
        "beacon_randomness_hex": draw_(st.binary(min_size=32, max_size=32)).hex(),
        "contributions": [],
    }


def _eligible(t: dict[str, Any], cutoff: str | None) -> bool:
    if t["status"] != "active":
        return False
    return cutoff is None or t["last_inspected"] is None or t["last_inspected"] < cutoff


def _label(t: dict[str, Any], stratify_by: list[str]) -> str:
    return "|".join(t[a] for a in stratify_by)


def _may_take(team: list[dict], t: dict, conflicts: set[tuple[str, str]]) -> bool:
    return (
        all(m["home_region"] != t["region"] for m in team)
        and any(t["industry"] in m["quals"] for m in team)
        and all((m["id"], t["uscc"]) not in conflicts for m in team)
    )


def _max_staffing(targets: list[str], edges: dict[str, list[int]], cap: int) -> int:
    """Maximum b-matching by simple augmenting paths (Kuhn) over team seats."""
    seats: dict[int, list[str]] = {}

    def place(t: str, visited: set[int]) -> bool:
        for g in edges[t]:
            if g in visited:
                continue
            visited.add(g)
            holders = seats.setdefault(g, [])
            if len(holders) < cap:
                holders.append(t)
                return True
            for other in list(holders):
                if place(other, visited):
                    holders.remove(other)
                    holders.append(t)
                    return True
        return False

    return sum(place(t, set()) for t in targets)


@PROPERTY_SETTINGS
@given(data=draw_inputs(), rnd=st.randoms(use_true_random=False))
def test_draw_is_deterministic_and_record_order_free(data, rnd) -> None:
    first = draw(data)
    for key in ("targets", "inspectors", "coi"):
        rnd.shuffle(data[key])
    assert draw(data) == first


@PROPERTY_SETTINGS
@given(data=draw_inputs())
def test_every_output_verifies(data) -> None:
    report = verify({"input": data, "output": draw(data)})
    assert report.ok, [f.message() for f in report.findings]


@PROPERTY_SETTINGS
@given(data=draw_inputs())
def test_selection_invariants(data) -> None:
    task = data["task"]
    cutoff = task["exclude_inspected_on_or_after"]
    by_uscc = {t["uscc"]: t for t in data["targets"]}
    output, trace = draw_with_trace(data)
    result = output["result"]
    k_rank = bytes.fromhex(trace["subkeys"]["TARGET-RANK"])
    selected = {r["uscc"] for r in result["selected"]}
    reserves = {r["uscc"] for r in result["reserves"]}
    assert not selected & reserves
    assert all(_eligible(by_uscc[u], cutoff) for u in selected | reserves)
    positive = 0
    for s in result["strata"]:
        members = [
            t for t in data["targets"] if _label(t, task["stratify_by"]) == s["stratum"]
        ]
        eligible = [t for t in members if _eligible(t, cutoff)]
        assert (s["records"], s["eligible"]) == (len(members), len(eligible))
        assert s["weight"] == len(eligible) * task["risk_weights"][s["stratum"][0]]
        positive += s["eligible"] if s["weight"] else 0
        assert s["allocated"] <= s["eligible"] and (s["weight"] or not s["allocated"])
        rows = [r for r in result["selected"] if r["stratum"] == s["stratum"]]
        spare = [r for r in result["reserves"] if r["stratum"] == s["stratum"]]
        assert len(rows) == s["allocated"]
        assert (
            len(spare)
            == s["reserves"]
            == min(task["reserve_per_stratum"], s["eligible"] - s["allocated"])
        )
        assert [r["rank"] for r in rows + spare] == list(
            range(1, len(rows) + len(spare) + 1)
        )
        # §11 enterprise 2: selected ⇔ eligible, n_s > 0 and ticket ≤ τ_s.
        tau = s["threshold_ticket"]
        for t in eligible:
            ticket = SHA.ticket(k_rank, t["uscc"]).hex()
            assert (t["uscc"] in selected) == (tau is not None and ticket <= tau)
    assert (
        result["selected_count"] == len(selected) == min(task["target_count"], positive)
    )


@PROPERTY_SETTINGS
@given(data=draw_inputs())
def test_team_and_assignment_invariants(data) -> None:
    task = data["task"]
    m = task["team_size"]
    people = {i["id"]: i for i in data["inspectors"]}
    targets = {t["uscc"]: t for t in data["targets"]}
    conflicts = {tuple(p) for p in data["coi"]}
    result = draw(data)["result"]
    teams = result["teams"]
    available = sorted(i["id"] for i in data["inspectors"] if i["available"])
    assert sorted(x for t in teams for x in t["inspectors"]) == (
        available if len(available) >= m else []
    )
    assert len(teams) == len(available) // m
    sizes = [len(t["inspectors"]) for t in teams]
    assert all(m <= n <= 2 * m - 1 for n in sizes)
    assert not sizes or max(sizes) - min(sizes) <= 1
    members = [[people[x] for x in t["inspectors"]] for t in teams]
    loads = [0] * len(teams)
    for row in result["selected"]:
        if row["team"] is not None:
            loads[row["team"]] += 1
            # §9.2: no inspector from the region, a qualified member, no conflict pair.
            assert _may_take(members[row["team"]], targets[row["uscc"]], conflicts)
    assert loads == [t["load"] for t in teams]
    if teams:
        assert (
            result["capacity"]
            == -(-result["selected_count"] // len(teams)) + task["capacity_slack"]
        )
        assert max(loads, default=0) <= result["capacity"]
    unstaffed = {u["uscc"]: u["reason"] for u in result["unstaffed"]}
    assert unstaffed.keys() == {
        r["uscc"] for r in result["selected"] if r["team"] is None
    }
    for uscc, reason in unstaffed.items():
        can = any(_may_take(ms, targets[uscc], conflicts) for ms in members)
        expected = (
            "no_teams" if not teams else ("no_capacity" if can else "no_eligible_team")
        )
        assert reason == expected


@settings(PROPERTY_SETTINGS, max_examples=150)
@given(data=draw_inputs())
def test_staffing_is_maximal(data) -> None:
    # §9.5 is Ford–Fulkerson: no assignment staffs more targets than the draw does.
    result = draw(data)["result"]
    if not result["teams"]:
        return
    people = {i["id"]: i for i in data["inspectors"]}
    targets = {t["uscc"]: t for t in data["targets"]}
    conflicts = {tuple(p) for p in data["coi"]}
    members = [[people[x] for x in t["inspectors"]] for t in result["teams"]]
    selected = [r["uscc"] for r in result["selected"]]
    edges = {
        u: [g for g, ms in enumerate(members) if _may_take(ms, targets[u], conflicts)]
        for u in selected
    }
    staffed = sum(1 for r in result["selected"] if r["team"] is not None)
    assert staffed == _max_staffing(selected, edges, result["capacity"])
