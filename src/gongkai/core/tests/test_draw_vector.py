"""dsr-draw/1 against its public test vector (DRAW.md §14), and the CLI.

The vector is normative: JCS of our output must equal JCS of ``expected``. The
informative ``trace`` is compared too, value by value, so a regression points at
the step that moved.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.core.draw import (
    canonical_output,
    draw,
    draw_with_trace,
    sm3_available,
    verify,
)
from gongkai.core.draw.__main__ import main
from gongkai.core.jcs import canonical_json

from .test_draw_support import SHARED, VECTOR_PATH, vector, vector_input


def test_vector_output_reproduces_byte_for_byte() -> None:
    doc = vector()
    assert canonical_output(draw(doc["input"])) == canonical_json(doc["expected"])


@pytest.mark.parametrize(
    "key",
    [
        "params_jcs",
        "commit_hash",
        "subkeys",
        "first_leaves",
        "team_order",
        "processing_order",
        "after_greedy_unassigned",
        "repairs",
    ],
)
def test_vector_trace_intermediate_matches(key: str) -> None:
    doc = vector()
    _, trace = draw_with_trace(doc["input"])
    assert trace[key] == doc["trace"][key]


def test_vector_trace_lists_no_intermediate_we_do_not_check() -> None:
    _, trace = draw_with_trace(vector_input())
    assert set(vector()["trace"]) == set(trace)


def test_vector_verifies() -> None:
    report = verify(vector())
    assert report.ok, [f.message() for f in report.findings]
    assert report.findings == ()


def test_input_order_does_not_matter() -> None:
    # §4: snapshots arrive "in any order"; the leaves are sorted before hashing.
    data = vector_input()
    rng = random.Random(7)
    for key in ("targets", "inspectors", "coi"):
        rng.shuffle(data[key])
    assert canonical_output(draw(data)) == canonical_json(vector()["expected"])


def test_non_canonical_usccs_give_the_same_draw() -> None:
    # §3: full-width, lower case and surrounding white space canonicalise away.
    data = vector_input()
    fullwidth = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}
    for i, target in enumerate(data["targets"]):
        if i % 3 == 0:
            target["uscc"] = target["uscc"].translate(fullwidth)
        elif i % 3 == 1:
            target["uscc"] = f" \t{target['uscc'].lower()}\u3000"
    data["coi"][0][1] = data["coi"][0][1].lower()
    assert canonical_output(draw(data)) == canonical_json(vector()["expected"])


def test_defaults_omitted_or_spelt_out_hash_the_same() -> None:
    # §5: params_hash covers P with defaults filled in, so omission changes nothing.
    data = vector_input()
    data["task"].update({"supersedes": None})
    spelt = draw(data)
    del data["task"]["supersedes"]
    assert draw(data) == spelt


def test_sm3_profile_draws_and_verifies() -> None:
    if not sm3_available():
        pytest.skip(
            "this OpenSSL has no SM3"
        )  # the refusal is tested in test_draw_inputs
    data = vector_input()
    data["task"]["hash_alg"] = "sm3"
    output = draw(data)
    assert output["commit"]["hash_alg"] == "sm3"
    assert output["seed"] != vector()["expected"]["seed"]
    assert verify({"input": data, "output": output}).ok


# ---------------------------------------------------------------------- CLI


def test_cli_prints_exact_jcs_bytes_without_newline() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gongkai.core.draw", str(VECTOR_PATH)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == canonical_json(vector()["expected"])


def test_cli_accepts_a_bare_input_object(tmp_path: Path, capsysbinary) -> None:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(vector_input(), ensure_ascii=False), encoding="utf-8")
    assert main([str(path)]) == 0
    assert capsysbinary.readouterr().out == canonical_json(vector()["expected"])


def test_cli_verify_passes_on_the_vector(capsys) -> None:
    assert main(["--verify", str(VECTOR_PATH)]) == 0
    assert "VERIFIED" in capsys.readouterr().out


def test_cli_verify_fails_with_exit_1_on_tampering(tmp_path: Path, capsys) -> None:
    doc = vector()
    doc["expected"]["result"]["selected"][0]["team"] = 0
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["--verify", str(path)]) == 1
    err = capsys.readouterr().err
    assert "验证失败" in err and "NOT VERIFIED" in err
    assert "result.selected[0].team" in err


@pytest.mark.parametrize("verify_flag", [[], ["--verify"]])
def test_cli_exit_2_on_invalid_input(tmp_path: Path, capsys, verify_flag) -> None:
    doc = vector()
    doc["input"]["task"]["team_size"] = 1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main([*verify_flag, str(path)]) == 2
    err = capsys.readouterr().err
    assert "输入无效" in err and "invalid input [out_of_range]" in err
    assert "$.task.team_size" in err


def test_cli_exit_2_on_duplicate_key_in_file(tmp_path: Path, capsys) -> None:
    text = VECTOR_PATH.read_text(encoding="utf-8")
    text = text.replace('"team_size": 2', '"team_size": 2, "team_size": 3', 1)
    assert '"team_size": 3' in text
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    assert main([str(path)]) == 2
    assert "[duplicate_key]" in capsys.readouterr().err


@pytest.mark.parametrize("verify_flag", [[], ["--verify"]])
def test_cli_exit_2_on_a_file_nested_too_deep(
    tmp_path: Path, capsys, verify_flag
) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    assert main([*verify_flag, str(path)]) == 2
    err = capsys.readouterr().err
    assert "[invalid_json]" in err and "nested deeper than 64" in err


def test_cli_exit_2_on_missing_file(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "absent.json")]) == 2
    assert "cannot read file" in capsys.readouterr().err


def test_vendored_vector_equals_shared_copy() -> None:
    """The copy in tests/data is byte-identical to the normative ../shared vector."""
    shared = Path(SHARED) / "draw" / "vector-small.json"
    if not shared.exists():
        pytest.skip(f"no shared/ beside the checkout ({shared})")
    assert shared.read_bytes() == VECTOR_PATH.read_bytes()
