"""Public checks of a dsr-draw/1 draw without the snapshot (DRAW.md §6, §11, §12.1).

:mod:`gongkai.core.draw` runs and re-runs a draw from the full input (the auditor's
check of §11). This module serves the steps in which the snapshot is not at hand:

* :func:`commit_for` — the commit record C before the beacon value exists (§6.4:
  C depends on P, the snapshot, the secret commitment and the contributors'
  commitments, never on B);
* :func:`merkle_path` / :func:`merkle_verify` — RFC 9162 §2.1.3 inclusion proofs, so an
  enterprise can check its own leaf under ``targets_root`` and its own row under
  ``result_root`` (§11 "an enterprise");
* :func:`public_verify` — everything §11 asks of *anyone* from the published items
  (P, C, the secret, B, the revealed contributions and the output record);
* :func:`ticket_for` — an enterprise's ticket from the published seed.

Command line: ``python -m gongkai.core.draw.bundle BUNDLE.json`` checks a public bundle
(``{"task": P, "commit": C, "secret_hex", "beacon_randomness_hex", "output", ...}``);
``--proof PROOF.json`` checks an inclusion proof. Exit 0 verified, 1 not, 2 unreadable.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..jcs import canonical_json
from . import DrawInputError, load_json
from .commit import commit_hash, commit_record, derive_seed, subkeys
from .inputs import parse_input, parse_params
from .primitives import HashProfile, enc
from .selection import allocate
from .snapshot import snapshot_roots

# A value of the right shape for each beacon type: C never depends on it (§6.4).
_PLACEHOLDER_B = {"drand": "00" * 32, "lottery": b"0./".hex()}


def commit_for(input_without_beacon: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """C and commit_hash (hex) of a §14 input whose beacon value is not known yet."""
    raw = dict(input_without_beacon)
    task = raw.get("task")
    kind = task.get("beacon", {}).get("type") if isinstance(task, Mapping) else None
    raw["beacon_randomness_hex"] = _PLACEHOLDER_B.get(str(kind), "00" * 32)
    data = parse_input(raw)
    commit = commit_record(data, snapshot_roots(data))
    return commit, commit_hash(data.profile, commit).hex()


def roots_for(input_without_beacon: Mapping[str, Any]) -> dict[str, Any]:
    """The snapshot roots and counts of C (§4), computed once when the snapshot is frozen."""
    commit, _digest = commit_for(input_without_beacon)
    keys = ("targets_root", "inspectors_root", "coi_root")
    counts = ("targets_count", "inspectors_count", "coi_count")
    return {k: commit[k] for k in keys + counts}


def commit_with_roots(
    input_without_snapshot: Mapping[str, Any], roots: Mapping[str, Any]
) -> tuple[dict[str, Any], str]:
    """C and commit_hash from P, secret and contributions, with the snapshot's roots
    already computed by :func:`roots_for` (the snapshot is not read again)."""
    raw = {**input_without_snapshot, "targets": [], "inspectors": [], "coi": []}
    task = raw.get("task")
    kind = task.get("beacon", {}).get("type") if isinstance(task, Mapping) else None
    raw["beacon_randomness_hex"] = _PLACEHOLDER_B.get(str(kind), "00" * 32)
    data = parse_input(raw)
    commit = commit_record(data, snapshot_roots(data))
    commit.update({k: roots[k] for k in commit if k in roots})
    return commit, commit_hash(data.profile, commit).hex()


# -- RFC 9162 §2.1.3 inclusion proofs ------------------------------------------------


def _split(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k  # the largest power of two below n


def merkle_path(
    profile: HashProfile, leaves: Sequence[bytes], index: int
) -> list[bytes]:
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf ``index``."""
    if not 0 <= index < len(leaves):
        raise IndexError("leaf index out of range")
    path: list[bytes] = []
    lo, hi, m = 0, len(leaves), index
    while hi - lo > 1:
        k = _split(hi - lo)
        if m < k:
            path.append(profile.mth(leaves[lo + k : hi]))
            hi = lo + k
        else:
            path.append(profile.mth(leaves[lo : lo + k]))
            lo, m = lo + k, m - k
    path.reverse()  # RFC order: from the leaf up
    return path


def merkle_verify(
    profile: HashProfile,
    leaf: bytes,
    index: int,
    size: int,
    path: Sequence[bytes],
    root: bytes,
) -> bool:
    """Verify an inclusion proof (RFC 9162 §2.1.3.2)."""
    if not 0 <= index < size:
        return False
    fn, sn = index, size - 1
    r = profile.h(b"\x00" + leaf)
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = profile.h(b"\x01" + p + r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = profile.h(b"\x01" + r + p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


# -- §11 "anyone" ---------------------------------------------------------------------


@dataclass
class PublicReport:
    """Outcome of :func:`public_verify`: problems (each one failed check) and notes."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return "验证通过 / VERIFIED (" + ", ".join(self.checked) + ")"
        return f"验证失败：{len(self.problems)} 处不符 / NOT VERIFIED"


def ticket_for(hash_alg: str, seed_hex: str, uscc: str) -> str:
    """ticket(k_rank, uscc) from a published seed (§8.4): the enterprise's ticket."""
    profile = HashProfile.for_alg(hash_alg)
    k_rank = profile.subkey(bytes.fromhex(seed_hex), "TARGET-RANK")
    return profile.ticket(k_rank, uscc).hex()


def public_verify(bundle: Mapping[str, Any]) -> PublicReport:
    """Run the §11 checks open to anyone on a public bundle; never raises on bad data."""
    rep = PublicReport()
    try:
        params = parse_params(bundle["task"])
        profile = HashProfile.for_alg(params.hash_alg)
        commit, output = bundle["commit"], bundle.get("output")
        result = output["result"] if output is not None else {}
        if not isinstance(commit, Mapping):
            raise TypeError("commit record missing")
    except (KeyError, TypeError, DrawInputError) as exc:
        rep.problems.append(f"bundle_malformed: {exc}")
        return rep
    p = params.json

    def expect(code: str, ok: bool, detail: str = "") -> None:
        if not ok:
            rep.problems.append(f"{code}{': ' + detail if detail else ''}")

    # §11 step 4: params_hash from P, commit_hash from C.
    expect(
        "params_hash_mismatch",
        commit.get("params_hash") == profile.h(canonical_json(p)).hex(),
    )
    for key in ("hash_alg", "task_id", "mode", "beacon"):
        expect("commit_field_mismatch", commit.get(key) == p[key], key)
    digest = commit_hash(profile, commit)
    if output is None:
        # §12.1: before the draw (or, in confidential mode, before publication) only
        # P and C are public; result_root alone then fixes the result.
        rep.checked.append("commit")
        rep.notes.append(
            "输出记录尚未公布，只核对了承诺记录 / output not published yet: "
            f"commit_hash {digest.hex()}"
        )
        return rep
    expect("commit_hash_mismatch", result.get("commit_hash") == digest.hex())
    expect("commit_mismatch", output.get("commit") == commit)
    rep.checked.append("commit")
    # §11 step 3: the secret and each revealed contribution against the commitments.
    secret = None
    if params.mode == "confidential":
        if bundle.get("secret_hex") is None:
            rep.notes.append(
                "任务秘密尚未公布，种子与签号暂不能核对 / secret not yet published"
            )
        else:
            secret = bytes.fromhex(bundle["secret_hex"])
            opened = profile.h(enc("DSR-SECRET-COMMIT", params.task_id, secret)).hex()
            expect("secret_mismatch", opened == commit.get("secret_commitment"))
    committed = {c["id"]: c["commitment"] for c in commit["contributor_commitments"]}
    revealed: list[Any] = []
    for c in result.get("contributions", []):
        if c["value"] is None:
            continue
        value = bytes.fromhex(c["value"])
        opened = profile.h(enc("DSR-CONTRIB", params.task_id, c["id"], value)).hex()
        expect("contribution_mismatch", committed.get(c["id"]) == opened, c["id"])
        revealed.append(_Revealed(c["id"], value))
    expect(
        "contributions_mismatch",
        sorted(committed) == [c["id"] for c in result.get("contributions", [])],
    )
    beacon = bytes.fromhex(result["beacon_randomness"])
    if bundle.get("beacon_randomness_hex") is not None:
        expect(
            "beacon_randomness_mismatch",
            bundle["beacon_randomness_hex"] == result["beacon_randomness"],
        )
    if secret is None and params.mode == "confidential":
        _check_root_only(rep, profile, output)
        return rep
    seed = derive_seed(profile, secret, digest, beacon, revealed)
    expect("seed_mismatch", output.get("seed") == seed.hex())
    keys = subkeys(profile, seed)
    rep.checked.append("seed")
    _check_strata(rep, expect, params, keys, result)
    _check_root_only(rep, profile, output)
    _check_loads(expect, params, result)
    rep.checked.append("teams")
    return rep


@dataclass(frozen=True)
class _Revealed:
    id: str
    value: bytes | None


def _check_strata(
    rep: PublicReport, expect: Any, params: Any, keys: Any, r: Any
) -> None:
    profile = HashProfile.for_alg(params.hash_alg)
    strata = r["strata"]
    for s in strata:
        risk = s["stratum"].split("|")[0]
        weight = (
            s["eligible"] * params.risk_weights.get(risk, 0) if s["eligible"] else 0
        )
        expect("weight_mismatch", s["weight"] == weight, s["stratum"])
    allocation = allocate(
        [(s["stratum"], s["eligible"], s["weight"]) for s in strata],
        params.target_count,
        lambda label: profile.ticket(keys["STRATUM-TIE"], label),
    )
    by_stratum: dict[str, list[Any]] = {}
    for row in r["selected"]:
        by_stratum.setdefault(row["stratum"], []).append(row)
    reserves: dict[str, list[Any]] = {}
    for row in r["reserves"]:
        reserves.setdefault(row["stratum"], []).append(row)
    for s in strata:
        label = s["stratum"]
        expect("allocation_mismatch", s["allocated"] == allocation[label], label)
        rows = by_stratum.get(label, [])
        expect("stratum_count_mismatch", len(rows) == s["allocated"], label)
        expect("reserve_count_mismatch", len(reserves.get(label, [])) == s["reserves"])
        ranked = rows + reserves.get(label, [])
        for k, row in enumerate(ranked, start=1):
            ticket = profile.ticket(keys["TARGET-RANK"], row["uscc"]).hex()
            expect("ticket_mismatch", row["ticket"] == ticket, row["uscc"])
            expect("rank_mismatch", row["rank"] == k, row["uscc"])
        tickets = [(row["ticket"], row["uscc"]) for row in ranked]
        expect("rank_order_mismatch", tickets == sorted(tickets), label)
        tau = s["threshold_ticket"]
        expect(
            "threshold_mismatch", tau == (rows[-1]["ticket"] if rows else None), label
        )
    expect(
        "selected_count_mismatch",
        r["selected_count"]
        == sum(s["allocated"] for s in strata)
        == len(r["selected"]),
    )
    rep.checked.append("strata")
    rep.checked.append("tickets")


def _check_root_only(rep: PublicReport, profile: HashProfile, output: Any) -> None:
    rows = output["result"].get("selected")
    if rows is None:
        return
    root = profile.mth([canonical_json(row) for row in rows]).hex()
    if root != output.get("result_root"):
        rep.problems.append("result_root_mismatch")
    rep.checked.append("result_root")


def _check_loads(expect: Any, params: Any, r: Any) -> None:
    teams = r["teams"]
    loads: dict[int, int] = {}
    for row in r["selected"]:
        if row["team"] is not None:
            loads[row["team"]] = loads.get(row["team"], 0) + 1
    for t in teams:
        expect("load_mismatch", t["load"] == loads.get(t["team"], 0), str(t["team"]))
    cap = (
        None
        if not teams
        else -(-r["selected_count"] // len(teams)) + params.capacity_slack
    )
    expect("capacity_mismatch", r["capacity"] == cap)
    if cap is not None:
        expect("over_capacity", all(t["load"] <= cap for t in teams))
    unstaffed = {u["uscc"] for u in r["unstaffed"]}
    expect(
        "unstaffed_mismatch",
        unstaffed == {row["uscc"] for row in r["selected"] if row["team"] is None},
    )


def proof_verify(proof: Mapping[str, Any]) -> bool:
    """Check a proof file ``{hash_alg, leaf_hex, index, size, path, root}``."""
    profile = HashProfile.for_alg(proof["hash_alg"])
    return merkle_verify(
        profile,
        bytes.fromhex(proof["leaf_hex"]),
        int(proof["index"]),
        int(proof["size"]),
        [bytes.fromhex(p) for p in proof["path"]],
        bytes.fromhex(proof["root"]),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: verify a public bundle or a proof file; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m gongkai.core.draw.bundle",
        description="dsr-draw/1 公开验证 / public verification (DRAW.md §11)",
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--proof", action="store_true", help="the file is a proof")
    args = parser.parse_args(argv)
    try:
        doc = load_json(args.file.read_bytes())
        if args.proof:
            ok = proof_verify(doc)
            print(
                "包含证明有效 / proof VERIFIED" if ok else "包含证明无效 / NOT VERIFIED"
            )
            return 0 if ok else 1
        report = public_verify(doc)
    except (OSError, DrawInputError, KeyError, TypeError, ValueError) as exc:
        print(f"无法读取或格式错误 / unreadable: {exc}", file=sys.stderr)
        return 2
    for note in report.notes:
        print(f"注 / note: {note}")
    print(report.summary())
    for problem in report.problems:
        print(f"  {problem}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
