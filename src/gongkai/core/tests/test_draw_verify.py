"""Verification of dsr-draw/1 outputs (DRAW.md §11, §12.1): tampering is caught.

Each row alters the public vector's expected output the way a dishonest or careless
operator might, and names the precise finding(s) verification must report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gongkai.core.draw import FINDING_CODES, Finding, draw, verify
from gongkai.core.draw.primitives import HashProfile
from gongkai.core.jcs import canonical_json

from .test_draw_support import vector, vector_input

Out = dict[str, Any]
SHA = HashProfile.for_alg("sha256")


def _swap_in_reserve(out: Out) -> None:
    # Replace the first selected target by its stratum's reserve, copying its row.
    reserve = next(r for r in out["result"]["reserves"] if r["stratum"] == "A|330105")
    out["result"]["selected"][0].update(uscc=reserve["uscc"], ticket=reserve["ticket"])


def _swap_in_reserve_consistently(out: Out) -> None:
    # Same, and also fix thresholds, reserves and result_root so only the rules object.
    _swap_in_reserve(out)
    row = out["result"]["selected"][0]
    out["result"]["strata"][1]["threshold_ticket"] = row["ticket"]
    _reroot(out)


def _reroot(out: Out) -> None:
    rows = out["result"]["selected"]
    out["result_root"] = SHA.mth([canonical_json(r) for r in rows]).hex()


def _move_target(out: Out) -> None:
    # Move a target from team 2 to team 0, with loads and result_root made consistent.
    row = out["result"]["selected"][1]
    assert row["team"] == 2
    row["team"] = 0
    out["result"]["teams"][2]["load"] -= 1
    out["result"]["teams"][0]["load"] += 1
    _reroot(out)


def _conflicted_inspector(out: Out) -> None:
    # ZF33000003 is in conflict with 9133010232711152XH (team 2 in the vector).
    team2 = out["result"]["teams"][2]["inspectors"]
    team1 = out["result"]["teams"][1]["inspectors"]
    i = team1.index("ZF33000003")
    team1[i], team2[0] = team2[0], team1[i]


def _set(path: str, value: Any) -> Callable[[Out], None]:
    def mutate(out: Out) -> None:
        node: Any = out
        keys = [int(k) if k.isdigit() else k for k in path.split(".")]
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return mutate


def _drop_selected_row(out: Out) -> None:
    del out["result"]["selected"][0]
    _reroot(out)


def _swap_ranks(out: Out) -> None:
    a, b = out["result"]["selected"][1:3]
    a["rank"], b["rank"] = b["rank"], a["rank"]


TAMPERING: list[tuple[str, Callable[[Out], None], set[str], str]] = [
    (
        "selected target swapped for a reserve",
        _swap_in_reserve,
        {"above_threshold", "selection_mismatch", "result_root_mismatch"},
        "result.selected[0].ticket",
    ),
    (
        "reserve swapped in, table made consistent",
        _swap_in_reserve_consistently,
        {"missing_selected", "rank_mismatch", "selection_mismatch"},
        "result.selected[0].rank",
    ),
    (
        "deregistered target listed",
        _set("result.selected.0.uscc", "91330102878540195B"),
        {"ineligible_target", "ticket_mismatch"},
        "result.selected[0].uscc",
    ),
    (
        "target listed in another stratum",
        _set("result.selected.0.stratum", "B|330105"),
        {"wrong_stratum"},
        "result.selected[0].stratum",
    ),
    ("seed", _set("seed", "00" * 32), {"seed_mismatch"}, "seed"),
    (
        "team of a selected row",
        _set("result.selected.1.team", 1),
        {"assignment_mismatch", "load_mismatch", "result_root_mismatch"},
        "result.selected[1].team",
    ),
    (
        "target moved, loads and root consistent",
        _move_target,
        {"assignment_mismatch"},
        "result.selected[1].team",
    ),
    (
        "team made null (unstaffed)",
        _set("result.selected.1.team", None),
        {"assignment_mismatch", "load_mismatch"},
        "result.selected[1].team",
    ),
    (
        "team number out of range",
        _set("result.selected.1.team", 7),
        {"unknown_team"},
        "result.selected[1].team",
    ),
    (
        "team load",
        _set("result.teams.0.load", 3),
        {"load_mismatch"},
        "result.teams[0].load",
    ),
    (
        "team members swapped",
        _conflicted_inspector,
        {"team_mismatch", "ineligible_assignment"},
        "result.teams[1].inspectors[1]",
    ),
    (
        "unavailable inspector put in a team",
        _set("result.teams.0.inspectors.0", "ZF33000006"),
        {"team_mismatch"},
        "result.teams[0].inspectors[0]",
    ),
    (
        "inspector not in the snapshot",
        _set("result.teams.0.inspectors.0", "ZF99"),
        {"unknown_inspector", "team_mismatch"},
        "result.teams[0].inspectors",
    ),
    ("capacity", _set("result.capacity", 9), {"capacity_mismatch"}, "result.capacity"),
    (
        "capacity below the loads",
        _set("result.capacity", 4),
        {"capacity_mismatch", "over_capacity"},
        "result.capacity",
    ),
    (
        "allocation",
        _set("result.strata.0.allocated", 1),
        {"allocation_mismatch", "stratum_count_mismatch"},
        "result.strata[0].allocated",
    ),
    (
        "stratum weight",
        _set("result.strata.0.weight", 30),
        {"weight_mismatch"},
        "result.strata[0].weight",
    ),
    (
        "eligible count",
        _set("result.strata.2.eligible", 1),
        {"strata_mismatch"},
        "result.strata[2].eligible",
    ),
    (
        "threshold",
        _set("result.strata.1.threshold_ticket", "ff" * 32),
        {"threshold_mismatch"},
        "result.strata[1].threshold_ticket",
    ),
    (
        "selected row removed",
        _drop_selected_row,
        {"stratum_count_mismatch", "selected_count_mismatch"},
        "result.strata[1]",
    ),
    ("ranks swapped", _swap_ranks, {"rank_mismatch"}, "result.selected[1].rank"),
    (
        "ticket",
        _set("result.selected.0.ticket", "00" * 32),
        {"ticket_mismatch"},
        "result.selected[0].ticket",
    ),
    (
        "result_root",
        _set("result_root", "00" * 32),
        {"result_root_mismatch"},
        "result_root",
    ),
    (
        "commit root",
        _set("commit.targets_root", "00" * 32),
        {"commit_mismatch", "commit_hash_mismatch"},
        "commit.targets_root",
    ),
    (
        "commit_hash",
        _set("result.commit_hash", "00" * 32),
        {"commit_hash_mismatch"},
        "result.commit_hash",
    ),
    (
        "beacon randomness",
        _set("result.beacon_randomness", "00" * 32),
        {"beacon_randomness_mismatch"},
        "result.beacon_randomness",
    ),
    (
        "reserve",
        _set("result.reserves.0.rank", 2),
        {"reserve_mismatch"},
        "result.reserves[0].rank",
    ),
    (
        "unstaffed invented",
        _set(
            "result.unstaffed",
            [{"uscc": "91330105082136998Q", "reason": "no_capacity"}],
        ),
        {"unstaffed_mismatch"},
        "result.unstaffed",
    ),
    (
        "contribution invented",
        _set("result.contributions", [{"id": "x", "value": None}]),
        {"contributions_mismatch"},
        "result.contributions",
    ),
    (
        "float in output",
        _set("result.capacity", 5.0),
        {"output_malformed"},
        "$.result.capacity",
    ),
    (
        "result field missing",
        lambda out: out["result"].pop("teams"),
        {"output_malformed"},
        "result.teams",
    ),
    (
        "boolean for an integer",
        _set("result.selected.0.rank", True),
        {"selection_mismatch"},
        "result.selected[0].rank",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "codes", "path"),
    [pytest.param(m, c, p, id=name) for name, m, c, p in TAMPERING],
)
def test_tampering_fails_verification_with_precise_reasons(mutate, codes, path) -> None:
    doc = vector()
    mutate(doc["expected"])
    report = verify(doc)
    assert not report.ok
    assert codes <= set(report.codes), [f.message() for f in report.findings]
    assert any(f.path == path for f in report.findings), [
        f.path for f in report.findings
    ]


def test_every_finding_code_can_be_produced() -> None:
    produced = {c for _, _, codes, _ in TAMPERING for c in codes}
    produced |= {"output_mismatch", "unknown_target"}  # asserted below
    assert produced == set(FINDING_CODES)


def test_unknown_target_in_the_output_is_named() -> None:
    doc = vector()
    doc["expected"]["result"]["selected"][0]["uscc"] = "91350100M000100Y43"
    report = verify(doc)
    assert "unknown_target" in report.codes


def test_catch_all_difference_is_reported() -> None:
    doc = vector()
    doc["expected"]["extra"] = 1
    report = verify(doc)
    assert report.codes == ("output_mismatch",)
    assert report.findings[0] == Finding("output_mismatch", "extra", "unexpected field")


def test_changed_input_no_longer_matches_the_commit() -> None:
    # An output made on one snapshot does not verify against another.
    doc = vector()
    doc["input"]["targets"][0]["status"] = "abnormal"
    assert {"commit_mismatch", "commit_hash_mismatch"} <= set(verify(doc).codes)


def test_public_copy_without_inspectors_still_verifies() -> None:
    # §12.1: the public copy MAY leave out the inspectors arrays of teams.
    doc = vector()
    for team in doc["expected"]["result"]["teams"]:
        del team["inspectors"]
    report = verify(doc)
    assert report.ok
    assert report.notes and "§12.1" in report.notes[0]


def test_bundle_with_output_key_verifies() -> None:
    data = vector_input()
    assert verify({"input": data, "output": draw(data)}).ok


def test_verify_accepts_json_text() -> None:
    doc = vector()
    text = canonical_json(doc)
    assert verify(text).ok
    doc["expected"]["seed"] = "11" * 32
    assert verify(canonical_json(doc)).codes == ("seed_mismatch",)


def test_report_messages_are_bilingual() -> None:
    doc = vector()
    doc["expected"]["seed"] = "00" * 32
    report = verify(doc)
    message = report.findings[0].message()
    assert "种子不符" in message and "seed does not match" in message
    assert "验证失败" in report.summary() and "NOT VERIFIED" in report.summary()
