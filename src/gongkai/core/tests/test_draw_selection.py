"""Target selection of dsr-draw/1 (DRAW.md §8): eligibility, strata, allocation, ranks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.draw import draw
from gongkai.core.draw.selection import allocate

from .test_draw_support import make_uscc, small_input, vector


def _const_tie(_: str) -> bytes:
    return b"\x00"


TIES = {"A": b"\x02", "B": b"\x01", "C": b"\x03"}

# (strata as (label, N_s, w_s), K, tie function, expected n_s)
ALLOCATIONS = [
    ("proportional", [("A", 10, 10), ("B", 10, 30)], 4, _const_tie, {"A": 1, "B": 3}),
    ("K = 0", [("A", 10, 10), ("B", 10, 30)], 0, _const_tie, {"A": 0, "B": 0}),
    (
        "remainder ties by ticket",
        [("A", 9, 1), ("B", 9, 1), ("C", 9, 1)],
        2,
        TIES.get,
        {"A": 1, "B": 1, "C": 0},
    ),
    (
        "remainder ties by ticket, other order",
        [("A", 9, 1), ("B", 9, 1), ("C", 9, 1)],
        1,
        TIES.get,
        {"A": 0, "B": 1, "C": 0},
    ),
    (
        "equal tickets fall back to label",
        [("B", 9, 1), ("A", 9, 1), ("C", 9, 1)],
        2,
        _const_tie,
        {"A": 1, "B": 1, "C": 0},
    ),
    (
        "larger remainder wins before ticket",
        [("A", 9, 2), ("B", 9, 1)],
        1,
        TIES.get,
        {"A": 1, "B": 0},
    ),
    # First round gives A 5 > N_A = 1: A is taken in full, the other 4 re-run over B.
    (
        "capped stratum taken in full",
        [("A", 1, 100), ("B", 10, 1)],
        5,
        _const_tie,
        {"A": 1, "B": 4},
    ),
    # Capping A makes B overflow in the re-run: a cascade of two caps.
    (
        "cascade of caps",
        [("A", 1, 1000), ("B", 2, 100), ("C", 50, 1)],
        10,
        _const_tie,
        {"A": 1, "B": 2, "C": 7},
    ),
    (
        "K beyond the eligible",
        [("A", 2, 1), ("B", 3, 1), ("C", 5, 0)],
        10,
        _const_tie,
        {"A": 2, "B": 3, "C": 0},
    ),
    (
        "weight 0 receives nothing",
        [("A", 5, 0), ("B", 5, 1)],
        3,
        _const_tie,
        {"A": 0, "B": 3},
    ),
    ("no positive weight", [("A", 5, 0)], 3, _const_tie, {"A": 0}),
    ("no strata", [], 3, _const_tie, {}),
    # Exact integers: left·w_s here is far beyond 64 bits.
    (
        "exact big integers",
        [("A", 2**52, 10**6 * 2**52), ("B", 2**52, 2**52 - 1)],
        2**52,
        _const_tie,
        {"A": 4503595123775372, "B": 4503595124},
    ),
]


@pytest.mark.parametrize(
    ("strata", "k", "tie", "expected"),
    [pytest.param(s, k, t, e, id=name) for name, s, k, t, e in ALLOCATIONS],
)
def test_allocation_largest_remainder(strata, k, tie, expected) -> None:
    assert allocate(strata, k, tie) == expected


def test_big_integer_row_is_the_exact_quota() -> None:
    # Cross-check the table's big-integer row from first principles: left·w_A needs
    # 124 bits, and B's larger remainder takes the one seat left after the floors.
    wa, wb = 10**6 * 2**52, 2**52 - 1
    k = 2**52
    qa, ra = divmod(k * wa, wa + wb)
    qb, rb = divmod(k * wb, wa + wb)
    assert (k * wa).bit_length() > 64
    assert k - qa - qb == 1 and rb > ra
    assert (qa, qb + 1) == (4503595123775372, 4503595124)


@settings(max_examples=300)
@given(
    strata=st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 50)), min_size=0, max_size=8
    ),
    k=st.integers(0, 120),
)
def test_allocation_invariants(strata: list[tuple[int, int]], k: int) -> None:
    rows = [(f"S{i}", n, n * w if n else 0) for i, (n, w) in enumerate(strata)]
    got = allocate(rows, k, _const_tie)
    positive = sum(n for _, n, w in rows if w > 0)
    assert sum(got.values()) == min(k, positive)
    for label, n, w in rows:
        assert 0 <= got[label] <= n
        if w == 0:
            assert got[label] == 0


@given(
    weights=st.lists(st.integers(1, 1000), min_size=1, max_size=8),
    k=st.integers(0, 500),
)
def test_uncapped_allocation_is_floor_or_ceiling_of_the_quota(weights, k) -> None:
    rows = [(f"S{i}", 10**6, w) for i, w in enumerate(weights)]
    got = allocate(rows, k, _const_tie)
    total = sum(weights)
    for label, _, w in rows:
        assert k * w // total <= got[label] <= k * w // total + 1
    assert sum(got.values()) == k


# ------------------------------------------------------ eligibility, strata


def _targets_with(**dates_and_status) -> dict:
    data = small_input(
        target_count=10,
        exclude_inspected_on_or_after="2025-12-01",
        stratify_by=["risk"],
        risk_weights={"A": 1},
    )
    data["targets"] = [
        {
            "uscc": make_uscc(i),
            "region": "330102",
            "industry": "F52",
            "risk": "A",
            "last_inspected": last,
            "status": status,
        }
        for i, (last, status) in enumerate(dates_and_status.values())
    ]
    return data


def test_cutoff_date_itself_is_excluded() -> None:
    # §8.1: eligible iff active and (no cutoff, never inspected, or last < cutoff).
    data = _targets_with(
        never=(None, "active"),
        day_before=("2025-11-30", "active"),
        on_cutoff=("2025-12-01", "active"),
        after=("2026-01-05", "active"),
        closed=(None, "deregistered"),
        status_case=(None, "Active"),  # codes are case-sensitive
    )
    out = draw(data)["result"]
    (row,) = out["strata"]
    assert (row["records"], row["eligible"]) == (6, 2)
    assert {r["uscc"] for r in out["selected"]} == {make_uscc(0), make_uscc(1)}


def test_no_cutoff_means_only_status_counts() -> None:
    data = _targets_with(a=("2025-12-01", "active"), b=("2030-01-01", "active"))
    data["task"]["exclude_inspected_on_or_after"] = None
    assert draw(data)["result"]["strata"][0]["eligible"] == 2


def test_strata_cover_all_records_even_without_eligible_targets() -> None:
    strata = vector()["expected"]["result"]["strata"]
    empty = [s for s in strata if s["eligible"] == 0]
    assert empty == [
        {
            "allocated": 0,
            "eligible": 0,
            "records": 1,
            "reserves": 0,
            "stratum": "D|330106",
            "threshold_ticket": None,
            "weight": 0,
        }
    ]


@pytest.mark.parametrize(
    ("stratify_by", "labels"),
    [
        (["risk"], {"A", "B"}),
        (["risk", "region"], {"A|330102", "A|330105", "B|330102", "B|330105"}),
        (["risk", "industry"], {"A|F52", "A|H62", "B|F52", "B|H62"}),
        (
            ["risk", "region", "industry"],
            {
                "A|330102|H62",
                "A|330105|F52",
                "A|330102|F52",
                "B|330105|H62",
                "B|330102|F52",
                "B|330105|F52",
            },
        ),
    ],
)
def test_stratum_labels_follow_stratify_by(stratify_by, labels) -> None:
    out = draw(small_input(stratify_by=stratify_by))
    assert {s["stratum"] for s in out["result"]["strata"]} == labels


def test_reserves_follow_the_selected_ranks() -> None:
    out = draw(small_input(target_count=2, reserve_per_stratum=5, stratify_by=["risk"]))
    result = out["result"]
    for s in result["strata"]:
        sel = [r["rank"] for r in result["selected"] if r["stratum"] == s["stratum"]]
        res = [r["rank"] for r in result["reserves"] if r["stratum"] == s["stratum"]]
        assert sel + res == list(range(1, s["eligible"] + 1))  # as many as exist
        assert s["reserves"] == len(res)
