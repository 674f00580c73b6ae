"""The bulk fast paths of dsr-draw/1 give exactly what the per-record paths give (§13).

Each fast path is compared with the slow path it replaces, on hand-picked edge cases
and on random data (hypothesis): USCC check characters in bulk, snapshot validation
by distinct values, leaves built in bulk, the strata plan, first ranks by a cut,
row JCS, and the frozen draw (freeze once, draw with the beacon later).
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.draw import DrawInputError, canonical_output, draw, fast, verify
from gongkai.core.draw.commit import row_jcs
from gongkai.core.draw.engine import freeze, run_frozen, run_parsed
from gongkai.core.draw.fields import USCC_ALPHABET, canonical_uscc
from gongkai.core.draw.inputs import Target, TargetTable, parse_input
from gongkai.core.draw.parallel import run_parallel
from gongkai.core.draw.primitives import HashProfile
from gongkai.core.draw.selection import (
    first_ranks,
    plan_strata,
    rank_tickets,
    select_planned,
    stratum_label,
)
from gongkai.core.draw.snapshot import coi_leaf, coi_leaves, target_leaf, target_leaves
from gongkai.core.jcs import canonical_json

from .test_draw_properties import draw_inputs
from .test_draw_support import make_uscc, small_input, vector, vector_input

SHA = HashProfile.for_alg("sha256")
FAST = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _slow_ok(value: Any) -> bool:
    try:
        return canonical_uscc(value) == value
    except DrawInputError:
        return False


@given(
    st.lists(
        st.text(alphabet=USCC_ALPHABET + "aIOSVZ９ ", min_size=17, max_size=19),
        max_size=20,
    )
)
@FAST
def test_bulk_uscc_check_equals_per_uscc_check(usccs: list[str]) -> None:
    assert fast.all_canonical_usccs(usccs) == all(_slow_ok(u) for u in usccs)


@given(st.lists(st.integers(0, 31**11 - 1), min_size=1, max_size=40), st.data())
@FAST
def test_one_wrong_check_character_fails_the_bulk_check(
    ns: list[int], data: st.DataObject
) -> None:
    usccs = [make_uscc(n) for n in ns]
    assert fast.all_canonical_usccs(usccs)
    k = data.draw(st.integers(0, len(usccs) - 1))
    wrong = data.draw(st.sampled_from([c for c in USCC_ALPHABET if c != usccs[k][17]]))
    usccs[k] = usccs[k][:17] + wrong
    assert not fast.all_canonical_usccs(usccs)


@pytest.mark.parametrize(
    "bad",
    [
        None,
        17,
        ["91350100M000100Y43"],
        "91350100m000100y43",  # canonical only after upper-casing: slow path
        "９1350100M000100Y43",  # full width: slow path
        " 91350100M000100Y43",
    ],
)
def test_bulk_uscc_check_declines_what_is_not_already_canonical(bad: Any) -> None:
    assert not fast.all_canonical_usccs(["91350100M000100Y43", bad])


def _parsed_both_ways(raw: dict[str, Any]) -> tuple[Any, Any]:
    fast_data = parse_input(raw)
    # A non-list wrapper the fast path declines forces the per-record path.
    slow_raw = dict(raw)
    slow_raw["targets"] = tuple(raw["targets"])
    slow_raw["coi"] = tuple(raw["coi"])
    return fast_data, parse_input(slow_raw)


def test_fast_and_slow_parse_agree_on_the_public_vector() -> None:
    fast_data, slow_data = _parsed_both_ways(vector_input())
    assert fast_data.targets == slow_data.targets
    assert fast_data.coi == slow_data.coi
    assert isinstance(fast_data.targets, TargetTable)


def test_fast_parse_sorts_shuffled_targets_like_the_slow_path() -> None:
    raw = vector_input()
    random.Random(7).shuffle(raw["targets"])
    fast_data, slow_data = _parsed_both_ways(raw)
    assert list(fast_data.targets) == sorted(slow_data.targets)
    assert list(fast_data.targets) == list(slow_data.targets)


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda t: t[0].update(region="33 01"), "invalid_code"),
        (lambda t: t[0].update(region=330102), "wrong_type"),
        (lambda t: t[0].update(last_inspected="2025-02-30"), "invalid_date"),
        (lambda t: t[0].update(extra=1), "unknown_field"),
        (lambda t: t[0].pop("status"), "missing_field"),
        (lambda t: t[0].update(uscc="91350100M000100Y44"), "invalid_uscc"),
        (lambda t: t.append(dict(t[0])), "duplicate_uscc"),
        (lambda t: t[0].update(risk=1.5), "float_not_allowed"),
        (lambda t: t[0].update(status="\ud800"), "lone_surrogate"),
    ],
)
def test_fast_path_rejections_match_the_slow_path(mutate: Any, code: str) -> None:
    raw = small_input()
    mutate(raw["targets"])
    with pytest.raises(DrawInputError) as fast_err:
        parse_input(raw)
    slow_raw = dict(raw, targets=tuple(raw["targets"]))
    with pytest.raises(DrawInputError) as slow_err:
        parse_input(slow_raw)
    assert fast_err.value.code == slow_err.value.code == code
    assert fast_err.value.path == slow_err.value.path


def test_non_canonical_usccs_take_the_slow_path_and_are_canonicalised() -> None:
    raw = small_input()
    raw["targets"][0]["uscc"] = " " + raw["targets"][0]["uscc"].lower() + "\t"
    raw["coi"][0][1] = raw["coi"][0][1].translate(
        {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}  # full width
    )
    fast_data, slow_data = _parsed_both_ways(raw)
    assert fast_data.targets == slow_data.targets
    assert fast_data.coi == slow_data.coi
    assert draw(raw) == draw(dict(raw, targets=tuple(raw["targets"])))


def _random_targets(rng: random.Random, n: int) -> list[Target]:
    return [
        Target(
            make_uscc(rng.randrange(31**11)),
            rng.choice(["330102", "330105", "a.b-c_9"]),
            rng.choice(["C14", "F52"]),
            rng.choice(["A", "B"]),
            rng.choice([None, "2025-06-30", "2025-07-01"]),
            rng.choice(["active", "closed"]),
        )
        for _ in range(n)
    ]


@given(st.integers(0, 2**32), st.integers(0, 60))
@FAST
def test_bulk_leaves_equal_per_record_leaves(seed: int, n: int) -> None:
    rng = random.Random(seed)
    targets = _random_targets(rng, n)
    assert list(target_leaves(targets)) == [target_leaf(t) for t in targets]
    assert list(target_leaves(targets, b"\x00")) == [
        b"\x00" + target_leaf(t) for t in targets
    ]
    pairs = [(rng.choice(["ZF-1", "检查员{甲}", "x"]), t.uscc) for t in targets]
    assert list(coi_leaves(pairs)) == [coi_leaf(p) for p in pairs]


@given(st.integers(0, 2**32), st.integers(0, 60))
@FAST
def test_strata_plan_equals_per_record_rules(seed: int, n: int) -> None:
    rng = random.Random(seed)
    targets = sorted({t.uscc: t for t in _random_targets(rng, n)}.values())
    params = parse_input(
        small_input(
            exclude_inspected_on_or_after="2025-07-01",
            stratify_by=rng.choice(
                [["risk"], ["risk", "region"], ["risk", "region", "industry"]]
            ),
        )
    ).params
    plan = plan_strata(TargetTable.of(targets), params)
    want: dict[str, list[str]] = {}
    for t in targets:
        label = stratum_label(t, params.stratify_by)
        members = want.setdefault(label, [])
        if t.is_eligible(params.cutoff):
            members.append(t.uscc)
    assert plan.eligible == want
    assert plan.labels == tuple(sorted(want))
    for t in targets:
        assert plan.target(t.uscc) == t
    # Not encoded in advance (a re-run): the draw's tickets and selection are equal.
    lazy = plan_strata(TargetTable.of(targets), params, encode=False)
    assert lazy.encoded_eligible is None or not targets
    assert replace(lazy, encoded_eligible=plan.encoded_eligible) == plan
    keys = rng.randbytes(32), rng.randbytes(32)
    assert select_planned(lazy, params, SHA, *keys) == select_planned(
        plan, params, SHA, *keys
    )


@given(st.lists(st.one_of(st.builds(make_uscc, st.integers(0, 31**11)), st.text())))
@FAST
def test_rank_tickets_equal_tickets_one_by_one(usccs: list[str]) -> None:
    key = b"k" * 32
    assert rank_tickets(SHA, key, usccs) == [SHA.ticket(key, u) for u in usccs]


@given(st.integers(0, 2**32), st.integers(0, 400), st.integers(0, 60))
@FAST
def test_first_ranks_equal_a_full_sort(seed: int, n: int, wanted: int) -> None:
    rng = random.Random(seed)
    members = [make_uscc(i) for i in range(n)]
    tickets = [rng.randbytes(32) for _ in members]
    if n > 3 and rng.random() < 0.3:
        tickets[1] = tickets[2]  # an exact tie falls back to (ticket, uscc)
    want = min(wanted, n)
    assert (
        first_ranks(tickets, members, want)
        == sorted(zip(tickets, members, strict=True))[:want]
    )


def test_first_ranks_with_small_tickets_everywhere_still_exact() -> None:
    members = [make_uscc(i) for i in range(500)]
    tickets = [bytes(31) + bytes([i % 7]) for i in range(500)]  # many ties
    assert (
        first_ranks(tickets, members, 10)
        == sorted(zip(tickets, members, strict=True))[:10]
    )


def test_row_jcs_equals_canonical_json() -> None:
    output = draw(vector_input())
    for row in output["result"]["selected"]:
        assert row_jcs(row) == canonical_json(row)
    odd = {"uscc": "é", "team": None, "rank": 1, "x": True}
    assert row_jcs(odd) == canonical_json(odd)


def test_frozen_draw_equals_the_whole_draw_and_the_vector() -> None:
    doc = vector()
    data = parse_input(doc["input"])
    frozen = freeze(replace(data, beacon_randomness=b"\0"))  # B unknown at the freeze
    run = run_frozen(frozen.with_beacon(data.beacon_randomness))
    assert canonical_output(run.output) == canonical_output(doc["expected"])


def test_large_snapshot_fast_path_output_equals_slow_path() -> None:
    rng = random.Random(3)
    raw = small_input(target_count=40, reserve_per_stratum=1)
    raw["targets"] = [
        {
            "uscc": make_uscc(i * 7 + 1),
            "region": rng.choice(["330102", "330105"]),
            "industry": rng.choice(["C14", "F52"]),
            "risk": rng.choice(["A", "B"]),
            "last_inspected": None,
            "status": "active",
        }
        for i in range(3000)
    ]
    rng.shuffle(raw["targets"])
    slow = dict(raw, targets=tuple(raw["targets"]))
    assert canonical_output(draw(raw)) == canonical_output(draw(slow))


@given(draw_inputs())
@FAST
def test_whole_draw_fast_path_equals_slow_path(raw: dict[str, Any]) -> None:
    slow = dict(raw, targets=tuple(raw["targets"]), coi=tuple(raw["coi"]))
    assert canonical_output(draw(raw)) == canonical_output(draw(slow))


def test_parallel_verification_reports_what_the_sequential_one_does() -> None:
    doc = vector()
    assert verify(doc, workers=2).ok
    forged = vector()
    forged["expected"]["commit"]["targets_root"] = "00" * 32  # a wrong claimed root
    sequential, parallel = verify(forged), verify(forged, workers=2)
    assert not parallel.ok
    assert parallel.findings == sequential.findings
    malformed = vector()
    malformed["expected"]["commit"] = "not a commit"
    assert verify(malformed, workers=2).findings == verify(malformed).findings


def test_parallel_rerun_equals_the_sequential_rerun() -> None:
    doc = vector()
    data = parse_input(doc["input"])
    fast_run = run_parallel(data, doc["expected"])
    slow_run = run_parsed(data)
    assert fast_run.output == slow_run.output
    assert fast_run.trace == slow_run.trace
    assert fast_run.frozen.roots == slow_run.frozen.roots


def test_checks_on_the_speculative_draw_equal_the_checks_on_the_rerun() -> None:
    from gongkai.core.draw.parallel import run_parallel_then
    from gongkai.core.draw.verify import verify_output

    doc = vector()
    data = parse_input(doc["input"])
    forged = vector()["expected"]
    forged["commit"]["coi_root"] = "11" * 32  # the speculative draw is discarded
    for claimed in (doc["expected"], forged):
        fast_run, fast_report = run_parallel_then(
            data, claimed, lambda r, c=claimed: verify_output(r, c)
        )
        slow_run = run_parsed(data)
        assert fast_run.trace == slow_run.trace
        assert fast_report == verify_output(slow_run, claimed)
    assert not fast_report.ok


def test_parallel_rerun_without_the_child_equals_the_sequential_rerun(
    monkeypatch: Any,
) -> None:
    # A child that dies before sending: the parent hashes the roots itself.
    from gongkai.core.draw import parallel

    def die(conn: Any) -> None:
        conn.close()

    monkeypatch.setattr(parallel, "_send_roots", die)
    doc = vector()
    data = parse_input(doc["input"])
    fast_run = run_parallel(data, doc["expected"])
    slow_run = run_parsed(data)
    assert fast_run.output == slow_run.output
    assert fast_run.trace == slow_run.trace
    assert fast_run.frozen.roots == slow_run.frozen.roots
    monkeypatch.undo()
    assert verify(doc, workers=2).findings == verify(doc).findings


def test_parallel_verification_restores_the_garbage_collector() -> None:
    import gc

    assert gc.isenabled()
    assert verify(vector(), workers=2).ok
    assert gc.isenabled()
    gc.disable()
    try:
        assert verify(vector(), workers=2).ok
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cli_verifies_with_two_jobs(tmp_path: Any) -> None:
    from gongkai.core.draw.__main__ import main

    path = tmp_path / "vector.json"
    path.write_text(json.dumps(vector()), encoding="utf-8")
    assert main([str(path), "--verify", "--jobs", "2"]) == 0
