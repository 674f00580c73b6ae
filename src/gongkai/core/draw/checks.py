"""The verification checks of DRAW.md §11, run on a claimed output record.

Each check recomputes one published relation independently from the claimed values
(not by comparing with a re-run), so a failure names the rule that is broken:
commit fields, hashes and seed (§11 anyone 3–4), the strata table and allocation
(5), the selected rows, tickets, thresholds and result_root (6), team loads and
capacity (7); with the full snapshot also each enterprise's rule (enterprise 2) and
every assignment against §9.2 (auditor 3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..jcs import canonical_json
from .commit import commit_hash, derive_seed, row_jcs
from .engine import DrawRun
from .report import Finding
from .selection import allocate, stratum_label, stratum_weight
from .teams import Team, capacity, conflicts_by_uscc, may_take

Obj = Mapping[str, Any]


def _same(expected: Any, got: Any) -> bool:
    """JSON equality: ``true`` is not ``1`` (§2.4), containers compared as JCS."""
    if isinstance(expected, Mapping | list) or isinstance(got, Mapping | list):
        return canonical_json(expected) == canonical_json(got)
    return type(expected) is type(got) and expected == got


class _Findings(list[Finding]):
    def add(self, code: str, path: str, detail: str = "") -> None:
        self.append(Finding(code, path, detail))

    def expect(self, code: str, path: str, expected: Any, got: Any) -> None:
        if not _same(expected, got):
            self.add(code, path, f"expected {expected!r}, got {got!r}")


def check_commit(claimed: Obj, run: DrawRun) -> list[Finding]:
    """§11 anyone 3–4: C matches P, snapshot and commitments; hashes and seed."""
    out = _Findings()
    commit, expected = claimed["commit"], run.output["commit"]
    for key in sorted(set(commit) | set(expected)):
        out.expect(
            "commit_mismatch", f"commit.{key}", expected.get(key), commit.get(key)
        )
    result, data = claimed["result"], run.data
    digest = commit_hash(data.profile, commit)
    out.expect(
        "commit_hash_mismatch",
        "result.commit_hash",
        digest.hex(),
        result["commit_hash"],
    )
    out.expect(
        "beacon_randomness_mismatch",
        "result.beacon_randomness",
        data.beacon_randomness.hex(),
        result["beacon_randomness"],
    )
    out.expect(
        "contributions_mismatch",
        "result.contributions",
        run.output["result"]["contributions"],
        result["contributions"],
    )
    seed = derive_seed(
        data.profile, data.secret, digest, data.beacon_randomness, data.contributions
    )
    out.expect("seed_mismatch", "seed", seed.hex(), claimed["seed"])
    return out


def check_strata(result: Obj, run: DrawRun) -> list[Finding]:
    """§11 anyone 5: weights, the §8.3 re-run, and selected rows per stratum."""
    out = _Findings()
    params, profile = run.data.params, run.data.profile
    strata: Sequence[Obj] = result["strata"]
    for i, s in enumerate(strata):
        risk = s["stratum"].split("|")[0]  # risk is always the first attribute
        want = stratum_weight(s["eligible"], params.risk_weights.get(risk, 0))
        out.expect("weight_mismatch", f"result.strata[{i}].weight", want, s["weight"])
    k_tie = run.keys["STRATUM-TIE"]
    n = allocate(
        ((s["stratum"], s["eligible"], s["weight"]) for s in strata),
        params.target_count,
        lambda label: profile.ticket(k_tie, label),
    )
    rows: dict[str, int] = {}
    for row in result["selected"]:
        rows[row["stratum"]] = rows.get(row["stratum"], 0) + 1
    for i, s in enumerate(strata):
        path = f"result.strata[{i}]"
        out.expect(
            "allocation_mismatch", f"{path}.allocated", n[s["stratum"]], s["allocated"]
        )
        if rows.get(s["stratum"], 0) != s["allocated"]:
            detail = f"{rows.get(s['stratum'], 0)} rows, allocated {s['allocated']}"
            out.add("stratum_count_mismatch", path, detail)
    total = sum(s["allocated"] for s in strata)
    out.expect(
        "selected_count_mismatch",
        "result.selected_count",
        total,
        result["selected_count"],
    )
    if len(result["selected"]) != total:
        out.add("selected_count_mismatch", "result.selected", f"Σ allocated = {total}")
    return out


def check_selected(claimed: Obj, run: DrawRun) -> list[Finding]:
    """§11 anyone 6: tickets, thresholds, ranks 1…n_s in ticket order, result_root."""
    out = _Findings()
    result = claimed["result"]
    profile, k_rank = run.data.profile, run.keys["TARGET-RANK"]
    thresholds = {s["stratum"]: s["threshold_ticket"] for s in result["strata"]}
    last: dict[str, tuple[int, str, str]] = {}  # stratum → (rank, ticket, uscc)
    for i, row in enumerate(result["selected"]):
        path, uscc = f"result.selected[{i}]", row["uscc"]
        ticket = profile.ticket(k_rank, uscc).hex()
        out.expect("ticket_mismatch", f"{path}.ticket", ticket, row["ticket"])
        tau = thresholds.get(row["stratum"])
        if tau is None or ticket > tau:
            out.add("above_threshold", f"{path}.ticket", f"{uscc} vs τ = {tau}")
        rank, prev_ticket, prev_uscc = last.get(row["stratum"], (0, "", ""))
        if not _same(rank + 1, row["rank"]) or (ticket, uscc) <= (
            prev_ticket,
            prev_uscc,
        ):
            out.add("rank_mismatch", f"{path}.rank", f"{uscc} at rank {row['rank']!r}")
        last[row["stratum"]] = (rank + 1, ticket, uscc)
    for i, s in enumerate(result["strata"]):
        # τ_s is the ticket of rank n_s, or null if n_s = 0 (§8.4).
        tau = last[s["stratum"]][1] if s["stratum"] in last and s["allocated"] else None
        out.expect(
            "threshold_mismatch",
            f"result.strata[{i}].threshold_ticket",
            tau,
            s["threshold_ticket"],
        )
    root = profile.mth([row_jcs(row) for row in result["selected"]]).hex()
    out.expect("result_root_mismatch", "result_root", root, claimed["result_root"])
    return out


def check_teams(result: Obj, run: DrawRun) -> list[Finding]:
    """§11 anyone 7: loads match the rows, none exceeds capacity, capacity formula."""
    out = _Findings()
    teams: Sequence[Obj] = result["teams"]
    counts = [0] * len(teams)
    for i, row in enumerate(result["selected"]):
        g = row["team"]
        if g is None:
            continue
        if isinstance(g, bool) or not isinstance(g, int) or not 0 <= g < len(teams):
            out.add("unknown_team", f"result.selected[{i}].team", repr(g))
        else:
            counts[g] += 1
    cap = result["capacity"]
    for g, team in enumerate(teams):
        out.expect("team_mismatch", f"result.teams[{g}].team", g, team["team"])
        load = team["load"]
        if not _same(counts[g], load):
            out.add(
                "load_mismatch",
                f"result.teams[{g}].load",
                f"{counts[g]} rows, load {load!r}",
            )
        if cap is not None and max(load, counts[g]) > cap:
            out.add(
                "over_capacity",
                f"result.teams[{g}]",
                f"load {max(load, counts[g])} > {cap}",
            )
    slack = run.data.params.capacity_slack
    want = capacity(result["selected_count"], len(teams), slack)
    out.expect("capacity_mismatch", "result.capacity", want, cap)
    return out


def check_snapshot_selection(result: Obj, run: DrawRun) -> list[Finding]:
    """§11 enterprise 2 for every target: selected ⇔ eligible, n_s > 0, ticket ≤ τ_s.

    Also checks each selected row's stratum label and that its rank is its position
    among *all* eligible targets of the stratum, which only the full snapshot shows.
    Every eligible target's ticket comes from the re-run (``selection.ranking``).
    """
    out = _Findings()
    params, plan = run.data.params, run.frozen.plan
    ranking = run.selection.ranking
    top = {(r.stratum, r.target.uscc): r.rank for r in run.selection.selected}
    top.update({(r.stratum, r.target.uscc): r.rank for r in run.selection.reserves})
    for i, row in enumerate(result["selected"]):
        uscc, path = row["uscc"], f"result.selected[{i}]"
        target = plan.target(uscc) if isinstance(uscc, str) else None
        if target is None:
            continue  # unknown targets are reported by check_eligibility
        if not target.is_eligible(params.cutoff):
            out.add("ineligible_target", f"{path}.uscc", uscc)
            continue
        label = stratum_label(target, params.stratify_by)
        if not _same(label, row["stratum"]):
            out.expect("wrong_stratum", f"{path}.stratum", label, row["stratum"])
            continue
        rank = top.get((label, uscc))
        if rank is None:  # beyond the ranks the draw needed: count those before it
            members, tickets = ranking[label]
            mine = (tickets[members.index(uscc)], uscc)
            rank = 1 + sum(
                1 for pair in zip(tickets, members, strict=True) if pair < mine
            )
        out.expect("rank_mismatch", f"{path}.rank", rank, row["rank"])
    listed = {row["uscc"] for row in result["selected"]}
    for s in result["strata"]:
        tau = s["threshold_ticket"]
        if tau is None or not s["allocated"] or s["stratum"] not in ranking:
            continue
        members, tickets = ranking[s["stratum"]]
        try:  # lower-case hex of 32 bytes compares like the bytes it encodes
            tau_bytes = bytes.fromhex(tau)
            ok_hex = isinstance(tau, str) and tau == tau_bytes.hex()
        except (TypeError, ValueError):
            ok_hex = False
        kept = list(filter(tau_bytes.__ge__, tickets)) if ok_hex else []  # in C
        if (
            ok_hex
            and len(tau_bytes) == 32
            and len(kept) <= 1024  # a forged high τ must not make this quadratic
            and len(set(kept)) == len(kept)
        ):
            below = [(t, members[tickets.index(t)]) for t in kept]
        else:  # a malformed τ, or equal tickets: the plain scan
            below = [
                (t, u) for t, u in zip(tickets, members, strict=True) if t.hex() <= tau
            ]
        for _ticket, uscc in sorted(below):
            if uscc not in listed:
                out.add(
                    "missing_selected", "result.selected", f"{uscc} ({s['stratum']})"
                )
    return out


def check_eligibility(result: Obj, run: DrawRun) -> list[Finding]:
    """Auditor 3: every assignment satisfies §9.2 against the full snapshot.

    Team members are read from the claimed output, so a swapped-in inspector is
    checked too; a team whose ``inspectors`` were left out (§12.1) is taken from the
    re-run.
    """
    out = _Findings()
    plan = run.frozen.plan
    inspectors = {i.id: i for i in run.data.inspectors}
    named = {row.get("uscc") for row in result["selected"] if isinstance(row, Mapping)}
    conflicts = conflicts_by_uscc(pair for pair in run.data.coi if pair[1] in named)
    teams: dict[int, Team] = {}
    for g, row in enumerate(result["teams"]):
        if "inspectors" not in row:
            if g < len(run.teams):
                teams[g] = run.teams[g]
            continue
        unknown = [m for m in row["inspectors"] if m not in inspectors]
        if unknown:
            out.add(
                "unknown_inspector", f"result.teams[{g}].inspectors", repr(unknown[0])
            )
            continue
        members = [inspectors[m] for m in row["inspectors"]]
        teams[g] = Team(
            number=g,
            members=tuple(m.id for m in members),
            regions=frozenset(m.home_region for m in members),
            quals=frozenset(q for m in members for q in m.quals),
        )
    for i, row in enumerate(result["selected"]):
        target = plan.target(row["uscc"]) if isinstance(row["uscc"], str) else None
        if target is None:
            out.add("unknown_target", f"result.selected[{i}].uscc", repr(row["uscc"]))
            continue
        team = teams.get(row["team"]) if isinstance(row["team"], int) else None
        if team is not None and not may_take(team, target, conflicts):
            detail = f"team {row['team']} may not take {row['uscc']}"
            out.add("ineligible_assignment", f"result.selected[{i}].team", detail)
    return out
