"""The dsr-draw/1 pipeline: input → commit → seed → selection → teams → output.

Ties the steps of DRAW.md §4–§10 together and records the informative trace of §14
(params_jcs, commit_hash, subkeys, first_leaves, team_order, processing_order,
after_greedy_unassigned, repairs) so tests can compare every intermediate value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..jcs import canonical_json
from .commit import commit_hash, commit_record, derive_seed, output_record, subkeys
from .inputs import parse_input
from .records import Contribution, DrawInput
from .selection import Selection, StrataPlan, plan_strata, select_planned
from .snapshot import Roots, snapshot_roots
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
    frozen: Frozen


@dataclass(frozen=True)
class Frozen:
    """A validated input with everything fixed before the beacon exists (§4–§6, §8.2):
    snapshot roots, the commit record C, commit_hash and the strata plan."""

    data: DrawInput
    roots: Roots
    commit: dict[str, Any]
    commit_hash: bytes
    plan: StrataPlan

    def with_beacon(
        self,
        beacon_randomness: bytes,
        contributions: tuple[Contribution, ...] | None = None,
    ) -> Frozen:
        """The same frozen draw with B (and the reveals) as they became known (§7).

        C never depends on them (§6.4), so nothing frozen is recomputed. Reveals must
        open the committed contributions; this is not checked here.
        """
        data = replace(
            self.data,
            beacon_randomness=beacon_randomness,
            contributions=self.data.contributions
            if contributions is None
            else contributions,
        )
        return replace(self, data=data)


def freeze(
    data: DrawInput, roots: Roots | None = None, *, encode: bool = True
) -> Frozen:
    """The freeze and commit steps on a validated input: roots, C, plan (§4–§6).

    ``roots``, when given, are taken instead of computed (see :mod:`.parallel`);
    ``encode=False`` when the draw follows at once (see :func:`.plan_strata`).
    """
    roots = snapshot_roots(data) if roots is None else roots
    commit = commit_record(data, roots)
    return Frozen(
        data=data,
        roots=roots,
        commit=commit,
        commit_hash=commit_hash(data.profile, commit),
        plan=plan_strata(data.targets, data.params, encode=encode),
    )


def run(raw_input: Any) -> DrawRun:
    """Validate ``raw_input`` (§3) and run the whole draw on it."""
    return run_parsed(parse_input(raw_input))


def run_parsed(data: DrawInput) -> DrawRun:
    """Run the whole draw on a validated input."""
    return run_frozen(freeze(data, encode=False))


def run_frozen(frozen: Frozen) -> DrawRun:
    """The draw proper on a frozen, committed input (§7–§10)."""
    data, roots, commit, digest = (
        frozen.data,
        frozen.roots,
        frozen.commit,
        frozen.commit_hash,
    )
    profile = data.profile
    params = data.params
    seed = derive_seed(
        profile, data.secret, digest, data.beacon_randomness, data.contributions
    )
    keys = subkeys(profile, seed)
    selection = select_planned(
        frozen.plan, params, profile, keys["TARGET-RANK"], keys["STRATUM-TIE"]
    )
    order, teams = form_teams(
        data.inspectors, params.team_size, profile, keys["TEAM-FORM"]
    )
    cap = capacity(len(selection.selected), len(teams), params.capacity_slack)
    chosen = {r.target.uscc for r in selection.selected}
    assignment = assign(
        [r.target for r in selection.selected],
        teams,
        # Only pairs naming a selected target can matter (§9.2).
        conflicts_by_uscc(pair for pair in data.coi if pair[1] in chosen),
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
    return DrawRun(
        output, trace, data, seed, keys, selection, tuple(teams), assignment, frozen
    )
