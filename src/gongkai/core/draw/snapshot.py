"""Snapshot leaves and roots of dsr-draw/1 (DRAW.md §4).

The three Merkle roots bind the frozen registry snapshot into the commit record: once
C is logged, no target, inspector or conflict pair can change without changing a root.
"""

from __future__ import annotations

from dataclasses import dataclass

from .inputs import DrawInput, Inspector, Target
from .primitives import enc


def target_leaf(target: Target) -> bytes:
    """ENC("T1", uscc, region, industry, risk, last_inspected or "", status) (§4)."""
    return enc(
        "T1",
        target.uscc,
        target.region,
        target.industry,
        target.risk,
        target.last_inspected or "",
        target.status,
    )


def inspector_leaf(inspector: Inspector) -> bytes:
    """ENC("I1", id, home_region, Q, 1 or 0) with Q the sorted qualifications (§4)."""
    q = ",".join(inspector.quals)
    return enc(
        "I1", inspector.id, inspector.home_region, q, 1 if inspector.available else 0
    )


def coi_leaf(pair: tuple[str, str]) -> bytes:
    """ENC("C1", inspector_id, uscc) (§4)."""
    return enc("C1", pair[0], pair[1])


@dataclass(frozen=True)
class Roots:
    """MTH of each snapshot's leaves in the stated order, and the leaf counts (§4)."""

    targets_root: bytes
    inspectors_root: bytes
    coi_root: bytes
    targets_count: int
    inspectors_count: int
    coi_count: int
    first_leaves: dict[str, str]  # informative, for the vector trace (§14)


def snapshot_roots(data: DrawInput) -> Roots:
    """Compute the three roots and counts of a validated (already sorted) input."""
    t = [target_leaf(x) for x in data.targets]
    i = [inspector_leaf(x) for x in data.inspectors]
    c = [coi_leaf(x) for x in data.coi]
    mth = data.profile.mth
    return Roots(
        targets_root=mth(t),
        inspectors_root=mth(i),
        coi_root=mth(c),
        targets_count=len(t),
        inspectors_count=len(i),
        coi_count=len(c),
        first_leaves={
            name: leaves[0].hex()
            for name, leaves in (("target", t), ("inspector", i), ("coi", c))
            if leaves
        },
    )
