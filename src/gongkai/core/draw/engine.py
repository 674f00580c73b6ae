"""The dsr-draw/1 pipeline: input → commit → seed → selection → teams → output.

Ties the steps of DRAW.md §4–§10 together and records the informative trace of §14
(params_jcs, commit_hash, subkeys, first_leaves, team_order, processing_order,
after_greedy_unassigned, repairs) so tests can compare every intermediate value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..jcs import canonical_json
from .inputs import DrawInput, parse_input
from .record import commit_hash, commit_record, derive_seed, output_record, subkeys
from .selection import Selection, select
from .snapshot import snapshot_roots
from .teams import Assignment, Team, assign, capacity, conflicts_by_uscc, form_teams


@dataclass(frozen=True)
class DrawRun:
    """Everything one draw computed: the output record, its trace and the parts."""

    output: dict[str, Any]
    trace: dict[str, Any]
    data: DrawInput
    seed: bytes
    keys: dict[str, bytes]
    selection: Selection
    teams: tuple[Team, ...]
    assignment: Assignment


def run(raw_input: Any) -> DrawRun:
    """Validate ``raw_input`` (§3) and run the whole draw on it."""
    return run_parsed(parse_input(raw_input))


def run_parsed(data: DrawInput) -> DrawRun:
    """Run the whole draw on a validated input."""
    profile = data.profile
    params = data.params
    roots = snapshot_roots(data)
    commit = commit_record(data, roots)
    digest = commit_hash(profile, commit)
    seed = derive_seed(
        profile, data.secret, digest, data.beacon_randomness, data.contributions
    )
    keys = subkeys(profile, seed)
    selection = select(
        data.targets, params, profile, keys["TARGET-RANK"], keys["STRATUM-TIE"]
    )
    order, teams = form_teams(
        data.inspectors, params.team_size, profile, keys["TEAM-FORM"]
    )
    cap = capacity(len(selection.selected), len(teams), params.capacity_slack)
    assignment = assign(
        [r.target for r in selection.selected],
        teams,
        conflicts_by_uscc(data.coi),
        cap,
        params.max_probes,
        profile,
        (keys["TARGET-ORDER"], keys["TEAM-PROBE"], keys["REPAIR"]),
    )
    output = output_record(
        data, commit, digest, seed, selection, teams, cap, assignment
    )
    trace = {
        "params_jcs": canonical_json(params.json).decode("utf-8"),
        "commit_hash": digest.hex(),
        "subkeys": {label: key.hex() for label, key in keys.items()},
        "first_leaves": roots.first_leaves,
        "team_order": [i.id for i in order],
        "processing_order": [t.uscc for t in assignment.processing_order],
        "after_greedy_unassigned": assignment.after_greedy_unassigned,
        "repairs": assignment.repairs,
    }
    return DrawRun(output, trace, data, seed, keys, selection, tuple(teams), assignment)
