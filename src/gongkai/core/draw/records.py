"""The records of a validated dsr-draw/1 input (DRAW.md §4–§6, §14).

Targets (a named tuple, held column-wise by :class:`TargetTable` for large
snapshots), inspectors, contributions, the parameters P and the whole input. Built by
:mod:`.inputs`; read by every later step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, overload

from .primitives import HashProfile


class Target(NamedTuple):
    """A target record of the snapshot (§4), USCC in canonical form.

    A named tuple rather than a dataclass: a snapshot holds a million of them, and a
    tuple is built from a record's fields in C (see :func:`_targets_fast`).
    """

    uscc: str
    region: str
    industry: str
    risk: str
    last_inspected: str | None
    status: str

    def is_eligible(self, cutoff: str | None) -> bool:
        """§8.1: active, and never inspected or inspected strictly before the cutoff."""
        if self.status != "active":
            return False
        return (
            cutoff is None
            or self.last_inspected is None
            or self.last_inspected < cutoff
        )


class TargetTable(Sequence[Target]):
    """The target snapshot as six columns, sorted by uscc (§4).

    A sequence of :class:`Target`, built on demand; bulk code (leaves, strata) reads
    the columns directly, which a million records need.
    """

    __slots__ = ("columns",)

    def __init__(self, columns: Sequence[Sequence[Any]]) -> None:
        self.columns = tuple(columns)

    @classmethod
    def of(cls, targets: Sequence[Target]) -> TargetTable:
        """A table of records already sorted by uscc."""
        if not targets:
            return cls(((),) * 6)
        return cls(tuple(zip(*targets, strict=True)))

    @property
    def usccs(self) -> Sequence[str]:
        """The USCC column, in order."""
        return self.columns[0]

    def __len__(self) -> int:
        return len(self.columns[0])

    @overload
    def __getitem__(self, k: int) -> Target: ...

    @overload
    def __getitem__(self, k: slice) -> TargetTable: ...

    def __getitem__(self, k: int | slice) -> Target | TargetTable:
        if isinstance(k, slice):
            return TargetTable(tuple(c[k] for c in self.columns))
        u, r, i, risk, last, status = self.columns
        return Target(u[k], r[k], i[k], risk[k], last[k], status[k])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TargetTable):
            return self.columns == other.columns
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Inspector:
    """An inspector record (§4); ``quals`` deduplicated and sorted."""

    id: str
    home_region: str
    quals: tuple[str, ...]
    available: bool


@dataclass(frozen=True, slots=True)
class Contribution:
    """A committed contribution (§6.2, §7.2); ``value`` is None when not revealed."""

    id: str
    commitment: bytes
    value: bytes | None


@dataclass(frozen=True)
class Params:
    """Task parameters P, defaults filled in (§5); params_hash covers ``json``."""

    json: Mapping[str, Any]
    task_id: str
    hash_alg: str
    mode: str
    target_count: int
    risk_weights: Mapping[str, int]
    stratify_by: tuple[str, ...]
    cutoff: str | None
    reserve_per_stratum: int
    team_size: int
    capacity_slack: int
    max_probes: int
    beacon: Mapping[str, Any]


@dataclass(frozen=True)
class DrawInput:
    """A validated input: P, sorted snapshots, secret, B and contributions (§14)."""

    params: Params
    profile: HashProfile
    targets: TargetTable  # sorted by uscc (§4)
    inspectors: tuple[Inspector, ...]  # sorted by id (§4)
    coi: tuple[tuple[str, str], ...]  # sorted by (id, uscc), duplicates dropped (§4)
    secret: bytes | None
    beacon_randomness: bytes
    contributions: tuple[Contribution, ...]  # sorted by id (§6.4)
