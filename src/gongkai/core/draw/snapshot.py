"""Snapshot leaves and roots of dsr-draw/1 (DRAW.md §4).

The three Merkle roots bind the frozen registry snapshot into the commit record: once
C is logged, no target, inspector or conflict pair can change without changing a root.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .primitives import _enc_field, enc
from .records import DrawInput, Inspector, Target, TargetTable


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


def _encoded(column: Sequence[Any]) -> Iterator[bytes]:
    """ENC of each field of a column (null as ""), encoding each distinct value once."""
    table = {v: _enc_field("" if v is None else v) for v in set(column)}
    return map(table.__getitem__, column)


def _is_canonical_uscc_column(column: Sequence[Any]) -> bool:
    # Canonical USCCs (§3) are 18 ASCII characters: ENC is a fixed length + the text.
    return set(map(len, column)) == {18} and "".join(column).isascii()


def _leaves(
    prefix: bytes, columns: Sequence[Sequence[Any]], uscc_at: int
) -> Iterator[bytes]:
    """``prefix`` + ENC of the fields, column by column, for every record, in C loops.

    Column ``uscc_at`` holds USCCs: unique, so, when canonical, the template writes
    their length and each is only encoded, never looked up.
    """
    template = prefix.replace(b"%", b"%%")
    parts: list[Iterable[bytes]] = []
    for k, column in enumerate(columns):
        if k == uscc_at and _is_canonical_uscc_column(column):
            template += b"\x00\x00\x00\x12%b"
            parts.append(map(str.encode, column))
        else:
            template += b"%b"
            parts.append(_encoded(column))
    return map(template.__mod__, zip(*parts, strict=True))


def target_leaves(targets: Sequence[Target], prefix: bytes = b"") -> Iterator[bytes]:
    """``prefix`` + the §4 leaf of each target, built in bulk (same bytes as
    :func:`target_leaf`)."""
    if not targets:
        return iter(())
    table = targets if isinstance(targets, TargetTable) else TargetTable.of(targets)
    return _leaves(prefix + enc("T1"), table.columns, uscc_at=0)


def coi_leaves(
    pairs: Sequence[tuple[str, str]], prefix: bytes = b""
) -> Iterable[bytes]:
    """``prefix`` + the §4 leaf of each conflict pair, built in bulk."""
    if not pairs:
        return ()
    ids, usccs = zip(*pairs, strict=True)
    return _leaves(prefix + enc("C1"), (ids, usccs), uscc_at=1)


def snapshot_roots(data: DrawInput) -> Roots:
    """Compute the three roots and counts of a validated (already sorted) input."""
    profile = data.profile
    i = [inspector_leaf(x) for x in data.inspectors]

    def root(leaf_inputs: Iterable[bytes]) -> bytes:
        # H(0x00 ‖ leaf) straight from the generator: no list of leaves is kept.
        hashes = profile.hash_many(leaf_inputs)
        return profile.mth_of_leaf_hashes(hashes) if hashes else profile.h(b"")

    first = {
        "target": target_leaf(data.targets[0]) if data.targets else None,
        "inspector": i[0] if i else None,
        "coi": coi_leaf(data.coi[0]) if data.coi else None,
    }
    return Roots(
        targets_root=root(target_leaves(data.targets, b"\x00")),
        inspectors_root=profile.mth(i),
        coi_root=root(coi_leaves(data.coi, b"\x00")),
        targets_count=len(data.targets),
        inspectors_count=len(i),
        coi_count=len(data.coi),
        first_leaves={k: v.hex() for k, v in first.items() if v is not None},
    )
