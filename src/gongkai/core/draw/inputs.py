"""Parsing and validation of a dsr-draw/1 input (DRAW.md §3–§6, §14).

:func:`parse_input` turns the JSON ``input`` object of a test vector (task parameters P,
the three snapshots, secret, beacon randomness and contributions) into typed, canonical,
sorted records, or raises :class:`~.errors.DrawInputError`. Per §3, any invalid input
stops the draw before a commit is built; nothing is repaired.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from itertools import islice
from operator import lt
from typing import Any

from . import fast
from . import fields as f
from .errors import DrawInputError
from .primitives import HASH_ALGS, HashProfile, enc
from .records import (
    Contribution,
    DrawInput,
    Inspector,
    Params,
    Target,
    TargetTable,
)
from .strictjson import normalise

__all__ = [  # the records are defined in .records and re-exported here
    "PROTOCOL",
    "Contribution",
    "DrawInput",
    "Inspector",
    "Params",
    "Target",
    "TargetTable",
    "extract_input",
    "parse_input",
    "parse_params",
]

PROTOCOL = "dsr-draw/1"

# §5: absent fields take these defaults; params_hash covers the filled-in object.
PARAM_DEFAULTS: dict[str, Any] = {
    "hash_alg": "sha256",
    "mode": "confidential",
    "stratify_by": ["risk", "region", "industry"],
    "exclude_inspected_on_or_after": None,
    "reserve_per_stratum": 0,
    "team_size": 2,
    "capacity_slack": 0,
    "max_probes": 64,
    "supersedes": None,
    "meta": {},
}
PARAM_REQUIRED = ("protocol", "task_id", "target_count", "risk_weights", "beacon")
MAX_RISK_WEIGHT = 1_000_000
# §5 stratify_by: "risk" first, then "region" and/or "industry" in that order.
STRATIFY_CHOICES = (
    ("risk",),
    ("risk", "region"),
    ("risk", "industry"),
    ("risk", "region", "industry"),
)
INPUT_FIELDS = (
    "task",
    "targets",
    "inspectors",
    "coi",
    "secret_hex",
    "beacon_randomness_hex",
    "contributions",
)
# §7.1 lottery key string: groups of ascending decimals, each followed by ".",
# each group closed by "/".
_LOTTERY_KEY = re.compile(r"(?:(?:0|[1-9][0-9]*)\.)+/(?:(?:(?:0|[1-9][0-9]*)\.)+/)*")


def extract_input(document: Any) -> Any:
    """Return a vector file's ``input``, or the document itself if it is an input."""
    if isinstance(document, Mapping) and "input" in document and "task" not in document:
        return document["input"]
    return document


def parse_input(raw: Any) -> DrawInput:
    """Validate and canonicalise a §14 ``input`` object (DrawInputError if invalid)."""
    targets, coi, rest = _fast_snapshot(raw)
    doc = f.obj(normalise(rest), "$", INPUT_FIELDS)
    params = parse_params(doc["task"])
    profile = HashProfile.for_alg(params.hash_alg)
    if targets is None:
        targets = TargetTable.of(_targets(doc["targets"]))
    _check_risk_weights(targets, params)
    return DrawInput(
        params=params,
        profile=profile,
        targets=targets,
        inspectors=_inspectors(doc["inspectors"]),
        coi=_coi(doc["coi"]) if coi is None else coi,
        secret=_secret(doc["secret_hex"], params.mode),
        beacon_randomness=_beacon_randomness(doc["beacon_randomness_hex"], params),
        contributions=_contributions(doc["contributions"], params.task_id, profile),
    )


def _fast_snapshot(
    raw: Any,
) -> tuple[TargetTable | None, tuple[tuple[str, str], ...] | None, Any]:
    """Targets and conflict pairs through the bulk fast paths of :mod:`.fast`.

    Returns what the slow path would return for them, and the input with the parts
    taken (empty lists in their place, so the other checks run unchanged); None and
    the input untouched where a fast path declines.
    """
    if not isinstance(raw, dict):
        return None, None, raw
    rest = dict(raw)
    targets = _targets_fast(raw.get("targets"))
    if targets is not None:
        rest["targets"] = []
    coi = _coi_fast(raw.get("coi"))
    if coi is not None:
        rest["coi"] = []
    return targets, coi, rest


def _targets_fast(raw: Any) -> TargetTable | None:
    columns = fast.target_columns(raw)
    if columns is None:
        return None
    usccs = columns[0]
    if not all(map(lt, usccs, islice(usccs, 1, None))):
        # Not strictly increasing: sort (§4 order), after checking for duplicates.
        if len(set(usccs)) != len(usccs):
            return None  # §4: a duplicate USCC; the slow path names it
        order = sorted(range(len(usccs)), key=usccs.__getitem__)
        columns = tuple(tuple(map(c.__getitem__, order)) for c in columns)
    return TargetTable(columns)


def _coi_fast(raw: Any) -> tuple[tuple[str, str], ...] | None:
    columns = fast.coi_columns(raw)
    if columns is None:
        return None
    return tuple(sorted(set(zip(*columns, strict=True))))


def _check_risk_weights(targets: TargetTable, params: Params) -> None:
    # §5 risk_weights: every risk class with an eligible target MUST be present.
    weights = params.risk_weights
    if not set(targets.columns[3]) - weights.keys():
        return  # every risk class has a weight: nothing can be missing
    for target in targets:
        if target.is_eligible(params.cutoff) and target.risk not in weights:
            raise DrawInputError(
                "missing_risk_weight",
                "$.task.risk_weights",
                f"{target.risk!r} (eligible target {target.uscc})",
            )


def parse_params(raw: Any) -> Params:
    """Validate task parameters P (§5) and fill in the defaults."""
    path = "$.task"
    if not isinstance(raw, Mapping):
        raise DrawInputError("wrong_type", path, "object required")
    # §13: reject an identifier we do not implement before reading anything else.
    if "protocol" not in raw:
        raise DrawInputError("missing_field", f"{path}.protocol")
    if raw["protocol"] != PROTOCOL:
        raise DrawInputError(
            "unsupported_protocol", f"{path}.protocol", repr(raw["protocol"])
        )
    p = dict(f.obj(raw, path, PARAM_REQUIRED, tuple(PARAM_DEFAULTS)))
    for key, default in PARAM_DEFAULTS.items():
        p.setdefault(key, copy.deepcopy(default))
    if p["hash_alg"] not in HASH_ALGS:
        raise DrawInputError(
            "unknown_hash_alg", f"{path}.hash_alg", repr(p["hash_alg"])
        )
    if p["mode"] not in ("confidential", "public"):
        raise DrawInputError("invalid_mode", f"{path}.mode", repr(p["mode"]))
    weights = _risk_weights(p["risk_weights"], f"{path}.risk_weights")
    stratify = f.array(p["stratify_by"], f"{path}.stratify_by")
    if tuple(stratify) not in STRATIFY_CHOICES:
        raise DrawInputError(
            "invalid_stratify_by", f"{path}.stratify_by", repr(stratify)
        )
    if p["supersedes"] is not None:
        sup = f.obj(p["supersedes"], f"{path}.supersedes", ("commit_hash", "reason"))
        f.hex_bytes(sup["commit_hash"], f"{path}.supersedes.commit_hash", length=32)
        f.text(sup["reason"], f"{path}.supersedes.reason", 2000)
    if not isinstance(p["meta"], Mapping):
        raise DrawInputError("wrong_type", f"{path}.meta", "object required")
    return Params(
        json=p,
        task_id=f.text(p["task_id"], f"{path}.task_id", 128),
        hash_alg=p["hash_alg"],
        mode=p["mode"],
        target_count=f.integer(p["target_count"], f"{path}.target_count"),
        risk_weights=weights,
        stratify_by=tuple(stratify),
        cutoff=f.optional_date(
            p["exclude_inspected_on_or_after"], f"{path}.exclude_inspected_on_or_after"
        ),
        reserve_per_stratum=f.integer(
            p["reserve_per_stratum"], f"{path}.reserve_per_stratum"
        ),
        team_size=f.integer(p["team_size"], f"{path}.team_size", low=2),
        capacity_slack=f.integer(p["capacity_slack"], f"{path}.capacity_slack"),
        max_probes=f.integer(p["max_probes"], f"{path}.max_probes"),
        beacon=_beacon(p["beacon"], f"{path}.beacon"),
    )


def _risk_weights(raw: Any, path: str) -> dict[str, int]:
    if not isinstance(raw, Mapping):
        raise DrawInputError("wrong_type", path, "object required")
    return {
        f.code(k, f"{path}.{k}"): f.integer(v, f"{path}.{k}", high=MAX_RISK_WEIGHT)
        for k, v in raw.items()
    }


def _beacon(raw: Any, path: str) -> Mapping[str, Any]:
    # §6.3: exactly one of the two forms.
    if not isinstance(raw, Mapping) or raw.get("type") not in ("drand", "lottery"):
        raise DrawInputError("invalid_beacon", path, "type must be drand or lottery")
    if raw["type"] == "drand":
        f.obj(raw, path, ("type", "chain_hash", "round"))
        f.hex_bytes(raw["chain_hash"], f"{path}.chain_hash", length=32)
        f.integer(raw["round"], f"{path}.round", low=1)
        return raw
    f.obj(raw, path, ("type", "draws"))
    draws = f.array(raw["draws"], f"{path}.draws")
    if not draws:
        raise DrawInputError("invalid_beacon", f"{path}.draws", "at least one draw")
    for i, draw in enumerate(draws):
        here = f"{path}.draws[{i}]"
        f.obj(draw, here, ("game", "issue"))
        f.text(draw["game"], f"{here}.game", 64)
        f.text(draw["issue"], f"{here}.issue", 64)
    return raw


def _targets(raw: Any) -> tuple[Target, ...]:
    keys = ("uscc", "region", "industry", "risk", "last_inspected", "status")
    out: dict[str, Target] = {}
    for i, rec in enumerate(f.array(raw, "$.targets")):
        path = f"$.targets[{i}]"
        f.obj(rec, path, keys)
        target = Target(
            uscc=f.canonical_uscc(rec["uscc"], f"{path}.uscc"),
            region=f.code(rec["region"], f"{path}.region"),
            industry=f.code(rec["industry"], f"{path}.industry"),
            risk=f.code(rec["risk"], f"{path}.risk"),
            last_inspected=f.optional_date(
                rec["last_inspected"], f"{path}.last_inspected"
            ),
            status=f.code(rec["status"], f"{path}.status"),
        )
        if target.uscc in out:  # §4: a duplicate USCC is invalid
            raise DrawInputError("duplicate_uscc", f"{path}.uscc", target.uscc)
        out[target.uscc] = target
    return tuple(out[k] for k in sorted(out))


def _inspectors(raw: Any) -> tuple[Inspector, ...]:
    out: dict[str, Inspector] = {}
    for i, rec in enumerate(f.array(raw, "$.inspectors")):
        path = f"$.inspectors[{i}]"
        f.obj(rec, path, ("id", "home_region", "quals", "available"))
        quals = f.array(rec["quals"], f"{path}.quals")
        inspector = Inspector(
            id=f.text(rec["id"], f"{path}.id", 64),
            home_region=f.code(rec["home_region"], f"{path}.home_region"),
            quals=tuple(
                sorted({f.code(q, f"{path}.quals[{j}]") for j, q in enumerate(quals)})
            ),
            available=f.boolean(rec["available"], f"{path}.available"),
        )
        if inspector.id in out:  # §4: a duplicate id is invalid
            raise DrawInputError("duplicate_inspector", f"{path}.id", inspector.id)
        out[inspector.id] = inspector
    return tuple(out[k] for k in sorted(out))


def _coi(raw: Any) -> tuple[tuple[str, str], ...]:
    pairs: set[tuple[str, str]] = set()
    for i, pair in enumerate(f.array(raw, "$.coi")):
        path = f"$.coi[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise DrawInputError("wrong_type", path, "[inspector_id, uscc] required")
        pairs.add(
            (f.text(pair[0], f"{path}[0]", 64), f.canonical_uscc(pair[1], f"{path}[1]"))
        )
    return tuple(sorted(pairs))  # §4: by (id, uscc); duplicates dropped


def _secret(raw: Any, mode: str) -> bytes | None:
    # §6.1: 32 bytes in confidential mode; none in public mode.
    if mode == "public":
        if raw is not None:
            raise DrawInputError(
                "invalid_secret", "$.secret_hex", "public mode has no secret"
            )
        return None
    if raw is None:
        raise DrawInputError(
            "invalid_secret", "$.secret_hex", "confidential mode needs one"
        )
    return f.hex_bytes(raw, "$.secret_hex", length=32)


def _beacon_randomness(raw: Any, params: Params) -> bytes:
    path = "$.beacon_randomness_hex"
    data = f.hex_bytes(raw, path, span=(1, 1024))  # §7.1: 1–1024 bytes
    if params.beacon["type"] == "drand" and len(data) != 32:
        raise DrawInputError(
            "invalid_beacon_randomness", path, "drand randomness is 32 bytes"
        )
    if params.beacon["type"] == "lottery":
        key = data.decode("latin-1")
        if not _LOTTERY_KEY.fullmatch(key) or not _ascending(key):
            raise DrawInputError(
                "invalid_beacon_randomness", path, f"not a key string: {key!r}"
            )
    return data


def _ascending(key: str) -> bool:
    for group in key.split("/")[:-1]:
        numbers = [int(n) for n in group.split(".")[:-1]]
        if numbers != sorted(numbers):
            return False
    return True


def _contributions(
    raw: Any, task_id: str, profile: HashProfile
) -> tuple[Contribution, ...]:
    out: dict[str, Contribution] = {}
    for i, rec in enumerate(f.array(raw, "$.contributions")):
        path = f"$.contributions[{i}]"
        f.obj(rec, path, ("id", "value_hex"), ("commitment_hex",))
        cid = f.text(rec["id"], f"{path}.id", 64)
        value = rec["value_hex"]
        if value is not None:  # §6.2: 1–64 bytes
            value = f.hex_bytes(value, f"{path}.value_hex", span=(1, 64))
        commitment = rec.get("commitment_hex")
        if commitment is not None:
            commitment = f.hex_bytes(commitment, f"{path}.commitment_hex", length=32)
        elif value is None:
            raise DrawInputError(
                "invalid_contribution", path, "no value and no commitment"
            )
        if cid in out:
            raise DrawInputError("duplicate_contributor", f"{path}.id", cid)
        if value is None:
            out[cid] = Contribution(id=cid, commitment=commitment, value=None)
            continue
        # §6.2: commitment = H(ENC("DSR-CONTRIB", task_id, id_j, v_j)).
        opened = profile.h(enc("DSR-CONTRIB", task_id, cid, value))
        # §14: computed when absent; a value that does not open it is not revealed.
        commitment = opened if commitment is None else commitment
        revealed = value if opened == commitment else None
        out[cid] = Contribution(id=cid, commitment=commitment, value=revealed)
    return tuple(out[k] for k in sorted(out))
