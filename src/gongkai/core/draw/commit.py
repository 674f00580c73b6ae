"""Commit record, seed, subkeys and output record of dsr-draw/1 (DRAW.md §6, §7, §10).

C binds P (through params_hash), the snapshot roots, the secret commitment and the
contributor commitments; commit_hash = H(JCS(C)). The seed mixes the secret (or 32
zero bytes in public mode), commit_hash, the beacon randomness and the revealed
contributions; every random choice after that comes from a labelled subkey.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..jcs import canonical_json
from .inputs import PROTOCOL
from .primitives import HashProfile, enc
from .records import Contribution, DrawInput
from .selection import Ranked, Selection
from .snapshot import Roots
from .teams import Assignment, Team

# §7.4: subkey labels, in the order the table lists them.
SUBKEY_LABELS = (
    "TARGET-RANK",
    "STRATUM-TIE",
    "TEAM-FORM",
    "TARGET-ORDER",
    "TEAM-PROBE",
    "REPAIR",
)


def params_hash(data: DrawInput) -> bytes:
    """params_hash = H(JCS(P)) over P with the defaults filled in (§5)."""
    return data.profile.h(canonical_json(data.params.json))


def secret_commitment(profile: HashProfile, task_id: str, secret: bytes) -> bytes:
    """H(ENC("DSR-SECRET-COMMIT", task_id, secret)) (§6.1)."""
    return profile.h(enc("DSR-SECRET-COMMIT", task_id, secret))


def commit_record(data: DrawInput, roots: Roots) -> dict[str, Any]:
    """The commit record C of §6.4."""
    p = data.params
    return {
        "protocol": PROTOCOL,
        "hash_alg": p.hash_alg,
        "task_id": p.task_id,
        "mode": p.mode,
        "beacon": p.beacon,
        "params_hash": params_hash(data).hex(),
        "targets_root": roots.targets_root.hex(),
        "inspectors_root": roots.inspectors_root.hex(),
        "coi_root": roots.coi_root.hex(),
        "targets_count": roots.targets_count,
        "inspectors_count": roots.inspectors_count,
        "coi_count": roots.coi_count,
        "secret_commitment": (
            None
            if data.secret is None
            else secret_commitment(data.profile, p.task_id, data.secret).hex()
        ),
        "contributor_commitments": [
            {"id": c.id, "commitment": c.commitment.hex()} for c in data.contributions
        ],
    }


def commit_hash(profile: HashProfile, commit: Mapping[str, Any]) -> bytes:
    """commit_hash = H(JCS(C)) (§6.4)."""
    return profile.h(canonical_json(commit))


def derive_seed(
    profile: HashProfile,
    secret: bytes | None,
    commit_digest: bytes,
    beacon_randomness: bytes,
    contributions: Sequence[Contribution],
) -> bytes:
    """seed = PRF(key, "DSR-SEED", commit_hash, B, id_1, v_1, …) (§7.3)."""
    key = secret if secret is not None else bytes(32)  # public mode: 32 zero bytes
    revealed: list[bytes | str] = []
    for c in sorted(contributions, key=lambda c: c.id):
        if c.value is not None:  # §7.2: unrevealed values are left out of the seed
            revealed += [c.id, c.value]
    return profile.prf(key, "DSR-SEED", commit_digest, beacon_randomness, *revealed)


def subkeys(profile: HashProfile, seed: bytes) -> dict[str, bytes]:
    """k_X = PRF(seed, X) for every label of §7.4."""
    return {label: profile.subkey(seed, label) for label in SUBKEY_LABELS}


def _ranked_row(row: Ranked) -> dict[str, Any]:
    return {
        "uscc": row.target.uscc,
        "stratum": row.stratum,
        "rank": row.rank,
        "ticket": row.ticket.hex(),
    }


def selected_rows(selection: Selection, assignment: Assignment) -> list[dict[str, Any]]:
    """The ``selected`` array of §10, sorted by (label, rank), with each row's team."""
    return [
        {**_ranked_row(r), "team": assignment.team_of[r.target.uscc]}
        for r in selection.selected
    ]


def result_root(profile: HashProfile, rows: Sequence[Mapping[str, Any]]) -> bytes:
    """result_root = MTH([JCS(row) for row in selected]) (§10)."""
    return profile.mth(list(map(row_jcs, rows)))


_ROW_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def jcs_normalised(value: Any) -> bytes:
    """JCS of a value already checked and NFC-normalised by ``strictjson.normalise``
    (or built by the draw from such values): the §2.4 recipe without re-checking."""
    return _ROW_JSON.encode(value).encode("utf-8")


def row_jcs(row: Mapping[str, Any]) -> bytes:
    """JCS of a ``selected`` row the draw built (§2.4, §10).

    Such a row holds only ASCII strings (USCC, label of codes, hex), integers and
    null, for which the §2.4 Python recipe *is* the canonical form; anything else goes
    through the checking :func:`canonical_json`.
    """
    if all(
        type(v) is int or v is None or (type(v) is str and v.isascii())
        for v in row.values()
    ):
        return _ROW_JSON.encode(row).encode("utf-8")
    return canonical_json(row)


def output_record(
    data: DrawInput,
    commit: Mapping[str, Any],
    commit_digest: bytes,
    seed: bytes,
    selection: Selection,
    teams: Sequence[Team],
    cap: int | None,
    assignment: Assignment,
) -> dict[str, Any]:
    """The output record ``{"commit", "seed", "result", "result_root"}`` of §10."""
    rows = selected_rows(selection, assignment)
    result = {
        "protocol": PROTOCOL,
        "task_id": data.params.task_id,
        "commit_hash": commit_digest.hex(),
        "beacon_randomness": data.beacon_randomness.hex(),
        "contributions": [
            {"id": c.id, "value": None if c.value is None else c.value.hex()}
            for c in data.contributions
        ],
        "target_count": data.params.target_count,
        "selected_count": len(selection.selected),
        "capacity": cap,
        "strata": [
            {
                "stratum": s.label,
                "records": s.records,
                "eligible": s.eligible,
                "weight": s.weight,
                "allocated": s.allocated,
                "reserves": s.reserves,
                "threshold_ticket": None if s.threshold is None else s.threshold.hex(),
            }
            for s in selection.strata
        ],
        "selected": rows,
        "reserves": [_ranked_row(r) for r in selection.reserves],
        "teams": [
            {
                "team": t.number,
                "inspectors": list(t.members),
                "load": assignment.loads[t.number],
            }
            for t in teams
        ],
        "unstaffed": [{"uscc": u, "reason": why} for u, why in assignment.unstaffed],
    }
    return {
        "commit": dict(commit),
        "seed": seed.hex(),
        "result": result,
        "result_root": result_root(data.profile, rows).hex(),
    }
