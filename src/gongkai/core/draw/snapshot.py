"""Snapshot leaves and roots of dsr-draw/1 (DRAW.md §4).

The three Merkle roots bind the frozen registry snapshot into the commit record: once
C is logged, no target, inspector or conflict pair can change without changing a root.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
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


def _encoded(column: Sequence[Any]) -> Iterator[str]:
    """ENC of each field of a column, as latin-1 text (one char per byte).

    Encodes each *distinct* value once; latin-1 maps bytes 0–255 to characters
    0–255 and back, so the concatenated text encodes to exactly the ENC bytes.
    """
    table = {
        v: _enc_field("" if v is None else v).decode("latin-1") for v in set(column)
    }
    return map(table.__getitem__, column)


def _leaf_texts(prefix: str, columns: Sequence[Sequence[Any]]) -> Iterator[str]:
    """``prefix`` + ENC of the fields, column by column, as latin-1 text.

    The last column holds USCCs: canonical ones (18 ASCII characters, §3) are unique,
    so their ENC is written by the template rather than looked up.
    """
    escaped = prefix.replace("{", "{{").replace("}", "}}")
    *fields, usccs = columns
    parts = [_encoded(c) for c in fields]
    if usccs and set(map(len, usccs)) == {18} and "".join(usccs).isascii():
        template = escaped + "{}" * len(fields) + "\x00\x00\x00\x12{}"
        return map(template.format, *parts, usccs)
    template = escaped + "{}" * len(columns)
    return map(template.format, *parts, _encoded(usccs))


def target_leaves(targets: Sequence[Target], prefix: bytes = b"") -> Iterator[bytes]:
    """``prefix`` + the §4 leaf of each target, built in bulk (same bytes as
    :func:`target_leaf`)."""
    if not targets:
        return iter(())
    table = targets if isinstance(targets, TargetTable) else TargetTable.of(targets)
    uscc, region, industry, risk, last, status = table.columns
    columns = (region, industry, risk, last, status)
    texts = _leaf_texts_after_uscc(prefix + enc("T1"), uscc, columns)
    return map(str.encode, texts, repeat("latin-1"))


def _leaf_texts_after_uscc(
    prefix: bytes, usccs: Sequence[str], columns: Sequence[Sequence[Any]]
) -> Iterator[str]:
    escaped = prefix.decode("latin-1").replace("{", "{{").replace("}", "}}")
    parts = [_encoded(c) for c in columns]
    tail = "{}" * len(columns)
    if set(map(len, usccs)) == {18} and "".join(usccs).isascii():
        template = escaped + "\x00\x00\x00\x12{}" + tail
        return map(template.format, usccs, *parts)
    return map((escaped + "{}" + tail).format, _encoded(usccs), *parts)


def coi_leaves(
    pairs: Sequence[tuple[str, str]], prefix: bytes = b""
) -> Iterable[bytes]:
    """``prefix`` + the §4 leaf of each conflict pair, built in bulk."""
    if not pairs:
        return ()
    ids, usccs = zip(*pairs, strict=True)
    texts = _leaf_texts((prefix + enc("C1")).decode("latin-1"), (ids, usccs))
    return map(str.encode, texts, repeat("latin-1"))


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
