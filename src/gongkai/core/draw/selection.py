"""Target selection of dsr-draw/1: strata, allocation, ranking (DRAW.md §8).

Strata are formed over *all* target records, allocation is exact largest-remainder
with capping, and within a stratum targets are ranked by ticket(k_rank, uscc); the
first n_s are selected and the next r are reserves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .inputs import Params, Target
from .primitives import HashProfile


@dataclass(frozen=True, slots=True)
class Ranked:
    """A target at a rank of its stratum, with its ranking ticket (§8.4)."""

    target: Target
    stratum: str
    rank: int
    ticket: bytes


@dataclass(frozen=True, slots=True)
class StratumRow:
    """One row of the output's strata table (§8.2–§8.4, §10)."""

    label: str
    records: int
    eligible: int
    weight: int
    allocated: int
    reserves: int
    threshold: bytes | None


@dataclass(frozen=True)
class Selection:
    """Strata sorted by label; selected and reserve rows sorted by (label, rank)."""

    strata: tuple[StratumRow, ...]
    selected: tuple[Ranked, ...]
    reserves: tuple[Ranked, ...]


def stratum_label(target: Target, stratify_by: Sequence[str]) -> str:
    """The §8.2 label: the stratify_by attributes in order, joined with ``|``."""
    return "|".join(getattr(target, attr) for attr in stratify_by)


def allocate(
    strata: Iterable[tuple[str, int, int]],
    target_count: int,
    tie: Callable[[str], bytes],
) -> dict[str, int]:
    """§8.3 largest-remainder allocation over (label, N_s, w_s); returns n_s per label.

    ``tie(label)`` is ticket(k_tie, label). Python integers are exact at any size, as
    §8.3 requires (left·w_s can exceed 64 bits).
    """
    rows = list(strata)
    n = {label: 0 for label, _, _ in rows}
    size = {label: count for label, count, _ in rows}
    weight = {label: w for label, _, w in rows}
    active = [label for label, _, w in rows if w > 0]
    ties = {label: tie(label) for label in active}
    left = target_count
    while left > 0 and active:
        total = sum(weight[s] for s in active)
        q = {s: left * weight[s] // total for s in active}
        r = {s: left * weight[s] % total for s in active}
        extra = left - sum(q.values())
        # Sort by (r_s descending, tie_s ascending, label ascending); first e get +1.
        for s in sorted(active, key=lambda s: (-r[s], ties[s], s))[:extra]:
            q[s] += 1
        over = [s for s in active if q[s] > size[s]]
        if not over:
            n.update(q)
            break
        for s in over:  # a capped stratum is taken in full; the rest is re-run
            n[s] = size[s]
            left -= size[s]
            active.remove(s)
    return n


def stratum_weight(eligible: int, risk_weight: int) -> int:
    """w_s = N_s × risk_weights[risk], or 0 when N_s = 0 (§8.2)."""
    return eligible * risk_weight if eligible else 0


def select(
    targets: Sequence[Target],
    params: Params,
    profile: HashProfile,
    k_rank: bytes,
    k_tie: bytes,
) -> Selection:
    """Run §8 over the snapshot: strata, allocation, ranking, selection and reserves."""
    records: dict[str, int] = {}
    eligible: dict[str, list[Target]] = {}  # N_s = len(eligible[s])
    risk_of: dict[str, str] = {}
    for target in targets:
        # §8.2: one stratum for every label among *all* records, eligible or not.
        label = stratum_label(target, params.stratify_by)
        records[label] = records.get(label, 0) + 1
        # Risk is the first attribute, so all targets of a stratum share one class.
        risk_of[label] = target.risk
        bucket = eligible.setdefault(label, [])
        if target.is_eligible(params.cutoff):
            bucket.append(target)
    labels = sorted(records)
    weights = {
        s: stratum_weight(len(eligible[s]), params.risk_weights.get(risk_of[s], 0))
        for s in labels
    }
    allocation = allocate(
        ((s, len(eligible[s]), weights[s]) for s in labels),
        params.target_count,
        lambda s: profile.ticket(k_tie, s),
    )
    rows: list[StratumRow] = []
    selected: list[Ranked] = []
    reserves: list[Ranked] = []
    reserve_count = params.reserve_per_stratum
    for s in labels:
        order = profile.by_ticket(k_rank, eligible[s], lambda t: t.uscc)
        ranked = [Ranked(t, s, k + 1, ticket) for k, (ticket, t) in enumerate(order)]
        n_s = allocation[s]
        chosen = ranked[:n_s]
        spare = ranked[n_s : n_s + reserve_count]
        selected.extend(chosen)
        reserves.extend(spare)
        rows.append(
            StratumRow(
                label=s,
                records=records[s],
                eligible=len(eligible[s]),
                weight=weights[s],
                allocated=n_s,
                reserves=len(spare),
                threshold=chosen[-1].ticket if chosen else None,  # τ_s, §8.4
            )
        )
    return Selection(tuple(rows), tuple(selected), tuple(reserves))
