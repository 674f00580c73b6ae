"""Public checks of dsr-draw/1 without the snapshot (core/draw/bundle)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from gongkai.core.draw import draw
from gongkai.core.draw.bundle import (
    commit_for,
    commit_with_roots,
    main,
    merkle_path,
    merkle_verify,
    proof_verify,
    public_verify,
    roots_for,
    ticket_for,
)
from gongkai.core.draw.inputs import parse_input
from gongkai.core.draw.primitives import HashProfile
from gongkai.core.draw.snapshot import target_leaf

from .test_draw_support import vector, vector_input

SHA = HashProfile.for_alg("sha256")


def bundle(doc: dict[str, Any] | None = None) -> dict[str, Any]:
    doc = doc or vector()
    inp, out = doc["input"], doc["expected"]
    return {
        "task": inp["task"],
        "commit": out["commit"],
        "secret_hex": inp["secret_hex"],
        "beacon_randomness_hex": inp["beacon_randomness_hex"],
        "output": out,
    }


def test_commit_for_equals_the_vector_commit_without_the_beacon() -> None:
    raw = vector_input()
    raw.pop("beacon_randomness_hex")
    commit, digest = commit_for(raw)
    assert commit == vector()["expected"]["commit"]
    assert digest == vector()["expected"]["result"]["commit_hash"]


def test_commit_with_stored_roots_equals_the_full_commit() -> None:
    raw = vector_input()
    raw.pop("beacon_randomness_hex")
    roots = roots_for(raw)
    small = {k: v for k, v in raw.items() if k not in ("targets", "inspectors", "coi")}
    commit, digest = commit_with_roots(small, roots)
    assert commit == vector()["expected"]["commit"]
    assert digest == vector()["expected"]["result"]["commit_hash"]


@pytest.mark.parametrize("size", range(1, 18))
def test_every_inclusion_proof_verifies_and_no_other_index_does(size: int) -> None:
    leaves = [f"leaf{i}".encode() for i in range(size)]
    root = SHA.mth(leaves)
    for i in range(size):
        path = merkle_path(SHA, leaves, i)
        assert merkle_verify(SHA, leaves[i], i, size, path, root)
        assert not merkle_verify(SHA, b"other", i, size, path, root)
        if size > 1:
            assert not merkle_verify(SHA, leaves[i], (i + 1) % size, size, path, root)


def test_target_leaf_proof_checks_under_the_committed_root() -> None:
    data = parse_input(vector_input())
    leaves = [target_leaf(t) for t in data.targets]
    root = vector()["expected"]["commit"]["targets_root"]
    proof = {
        "hash_alg": "sha256",
        "leaf_hex": leaves[5].hex(),
        "index": 5,
        "size": len(leaves),
        "path": [p.hex() for p in merkle_path(SHA, leaves, 5)],
        "root": root,
    }
    assert proof_verify(proof)
    assert not proof_verify({**proof, "index": 6})


def test_public_bundle_of_the_vector_verifies() -> None:
    report = public_verify(bundle())
    assert report.ok, report.problems
    assert {"commit", "seed", "strata", "tickets", "result_root", "teams"} <= set(
        report.checked
    )


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda b: b["task"].__setitem__("target_count", 11), "params_hash_mismatch"),
        (lambda b: b.__setitem__("secret_hex", "00" * 32), "secret_mismatch"),
        (
            lambda b: b["output"].__setitem__("seed", "00" * 32),
            "seed_mismatch",
        ),
        (
            lambda b: b["output"]["result"]["selected"][0].__setitem__("rank", 2),
            "rank_mismatch",
        ),
        (
            lambda b: b["output"]["result"]["strata"][1].__setitem__("weight", 10),
            "weight_mismatch",
        ),
        (
            lambda b: b["output"]["result"]["teams"][0].__setitem__("load", 9),
            "load_mismatch",
        ),
        (
            lambda b: b["output"].__setitem__("result_root", "00" * 32),
            "result_root_mismatch",
        ),
    ],
)
def test_tampered_bundle_names_the_broken_check(mutate: Any, code: str) -> None:
    b = copy.deepcopy(bundle())
    mutate(b)
    report = public_verify(b)
    assert not report.ok
    assert any(p.startswith(code) for p in report.problems), report.problems


def test_confidential_bundle_before_publication_checks_the_root_only() -> None:
    b = bundle()
    b["secret_hex"] = None
    report = public_verify(b)
    assert report.ok
    assert "seed" not in report.checked and "result_root" in report.checked
    assert report.notes


def test_announcement_bundle_checks_the_commit_only() -> None:
    b = bundle()
    b["output"] = None
    report = public_verify(b)
    assert report.ok and report.checked == ["commit"] and report.notes
    b["task"]["target_count"] = 11
    assert not public_verify(b).ok


def test_malformed_bundle_is_reported_not_raised() -> None:
    assert not public_verify({"task": {}}).ok


def test_ticket_for_matches_the_selected_rows() -> None:
    out = vector()["expected"]
    row = out["result"]["selected"][0]
    assert ticket_for("sha256", out["seed"], row["uscc"]) == row["ticket"]


def test_public_mode_sm3_draw_verifies_publicly() -> None:
    raw = vector_input()
    raw["task"] = {**raw["task"], "hash_alg": "sm3", "mode": "public"}
    raw["secret_hex"] = None
    out = draw(raw)
    b = {
        "task": raw["task"],
        "commit": out["commit"],
        "secret_hex": None,
        "output": out,
    }
    assert public_verify(b).ok


def test_cli_verifies_bundle_and_proof(tmp_path: Any, capsys: Any) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle()), encoding="utf-8")
    assert main([str(path)]) == 0
    assert "VERIFIED" in capsys.readouterr().out
    b = bundle()
    b["output"]["seed"] = "11" * 32
    path.write_text(json.dumps(b), encoding="utf-8")
    assert main([str(path)]) == 1
    path.write_text("{", encoding="utf-8")
    assert main([str(path)]) == 2


@pytest.mark.parametrize("proof_flag", [[], ["--proof"]])
def test_cli_exit_2_on_a_file_nested_too_deep(
    tmp_path: Any, capsys: Any, proof_flag: list[str]
) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"a":' * 5_000 + "1" + "}" * 5_000, encoding="utf-8")
    assert main([*proof_flag, str(path)]) == 2
    assert "nested deeper than 64" in capsys.readouterr().err
