"""Target selection of dsr-draw/1: strata, allocation, ranking (DRAW.md §8).

Strata are formed over *all* target records, allocation is exact largest-remainder
with capping, and within a stratum targets are ranked by ticket(k_rank, uscc); the
first n_s are selected and the next r are reserves.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress
from typing import Any

from .primitives import HashProfile, _enc_field, enc
from .records import Params, Target, TargetTable

# Column of each §5 stratify_by attribute in a Target tuple.
_COLUMN = {"region": 1, "industry": 2, "risk": 3}


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
class StrataPlan:
    """What §8 needs of the snapshot, fixed with P before the commit (§8.1, §8.2).

    Depends only on the snapshot, the cutoff and stratify_by, so it is computed when
    the snapshot is frozen; the draw then only hashes and ranks.
    """

    targets: Sequence[Target]  # sorted by uscc (§4)
    usccs: Sequence[str]  # the targets' USCCs, same order (for lookups by bisection)
    labels: tuple[str, ...]  # every label among all records, sorted (§8.2)
    records: dict[str, int]
    risk: dict[str, str]  # risk class of each stratum (its first attribute)
    eligible: dict[str, list[str]]  # eligible USCCs per label, in uscc order
    # ENC(uscc) of every eligible target, label by label (the order of ``labels``);
    # None when not encoded in advance (a re-run: the draw encodes as it hashes).
    encoded_eligible: list[bytes] | None = field(default_factory=list)

    def target(self, uscc: str) -> Target | None:
        """The target record with this USCC, or None."""
        k = bisect_left(self.usccs, uscc)
        return (
            self.targets[k] if k < len(self.usccs) and self.usccs[k] == uscc else None
        )


@dataclass(frozen=True)
class Selection:
    """Strata sorted by label; selected and reserve rows sorted by (label, rank).

    ``ranking`` keeps, per label, the eligible USCCs and their rank tickets (same
    order), for the §11 checks that need every eligible target's ticket.
    """

    strata: tuple[StratumRow, ...]
    selected: tuple[Ranked, ...]
    reserves: tuple[Ranked, ...]
    ranking: dict[str, tuple[list[str], list[bytes]]] = field(default_factory=dict)


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


def plan_strata(
    targets: Sequence[Target], params: Params, *, encode: bool = True
) -> StrataPlan:
    """§8.1–§8.2 over the snapshot: labels, record counts, eligible targets.

    ``encode=False`` leaves ``encoded_eligible`` to the draw (None): cheaper overall
    when the draw follows at once, as in a re-run; the freeze encodes in advance.
    """
    if not targets:
        return StrataPlan(targets, (), (), {}, {}, {})
    if not isinstance(targets, TargetTable):  # plain records: order them (§4)
        targets = TargetTable.of(sorted(targets))
    columns = targets.columns
    usccs, statuses, lasts = columns[0], columns[5], columns[4]
    attrs = [columns[_COLUMN[a]] for a in params.stratify_by]
    # Group by the attribute values themselves (a code, or a tuple of codes) and make
    # the "|"-joined label (§8.2) once per stratum, not once per target.
    keys: Sequence[Any] = (
        attrs[0] if len(attrs) == 1 else list(zip(*attrs, strict=True))
    )
    # Eligibility depends only on (status, last_inspected): decide each distinct pair
    # once (§8.1), then look every target up.
    pairs = list(zip(statuses, lasts, strict=True))
    ok = {
        (status, last): Target("", "", "", "", last, status).is_eligible(params.cutoff)
        for status, last in set(pairs)
    }
    counts = Counter(keys)
    grouped: dict[Any, list[str]] = {key: [] for key in counts}
    flags = list(map(ok.__getitem__, pairs))
    # list.append(grouped[key], uscc) for each eligible target, iterated in C.
    lists = map(grouped.__getitem__, compress(keys, flags))
    deque(map(list.append, lists, compress(usccs, flags)), maxlen=0)
    label_of = {key: key if len(attrs) == 1 else "|".join(key) for key in counts}
    records = {label_of[key]: n for key, n in counts.items()}
    eligible = {label_of[key]: members for key, members in grouped.items()}
    ordered = tuple(sorted(records))
    return StrataPlan(
        targets=targets,
        usccs=usccs,
        labels=ordered,
        records=records,
        risk={label: label.split("|")[0] for label in ordered},
        eligible=eligible,
        encoded_eligible=encode_usccs(_flat(eligible, ordered)) if encode else None,
    )


def _flat(eligible: dict[str, list[str]], labels: Iterable[str]) -> list[str]:
    return list(chain.from_iterable(eligible[s] for s in labels))


def rank_tickets(profile: HashProfile, key: bytes, usccs: Sequence[str]) -> list[bytes]:
    """ticket(key, uscc) (§2.3) of each USCC: ``profile.tickets_encoded(key,
    encode_usccs(usccs))`` without the list of encodings in between."""
    if usccs and set(map(len, usccs)) == {18} and "".join(usccs).isascii():
        # Canonical USCCs: ENC(key) ‖ ENC(uscc) is one prefix, then 18 ASCII bytes.
        prefix = enc(key) + b"\x00\x00\x00\x12"
        return profile.hash_many(map(prefix.__add__, map(str.encode, usccs)))
    return profile.tickets_encoded(key, map(_enc_field, usccs))


def encode_usccs(usccs: Sequence[str]) -> list[bytes]:
    """ENC(uscc) (§2.2) of each USCC, in bulk."""
    if usccs and set(map(len, usccs)) == {18} and "".join(usccs).isascii():
        # Canonical USCCs: ENC(uscc) is the 4-byte length 18, then 18 ASCII bytes.
        return list(map(b"\x00\x00\x00\x12".__add__, map(str.encode, usccs)))
    return list(map(_enc_field, usccs))


def first_ranks(
    tickets: Sequence[bytes], members: Sequence[str], wanted: int
) -> list[tuple[bytes, str]]:
    """``sorted(zip(tickets, members))[:wanted]``: the first ranks of §8.4, fast.

    Tickets are uniform 256-bit values, so the ``wanted`` smallest almost surely lie
    below a cut a little above wanted/N of the range: filter by it in C, sort the few
    left. Whenever that is not certain to give the same answer (too few below the cut,
    equal tickets), fall back to sorting (§13: faster paths give identical output).
    """
    n = len(tickets)
    if wanted <= 0:
        return []
    if 4 * wanted + 64 < n:
        fraction = (2 * wanted + 32) / n
        cut = (int(fraction * 2**64) << 192).to_bytes(32, "big")
        small = sorted(filter(cut.__gt__, tickets))
        if len(small) >= wanted and len(set(small)) == len(small):
            # Every ticket not kept is >= cut > each kept one, and none repeats, so
            # (ticket, uscc) order is ticket order here.
            return [(t, members[tickets.index(t)]) for t in small[:wanted]]
    if wanted < n:
        return heapq.nsmallest(wanted, zip(tickets, members, strict=True))
    return sorted(zip(tickets, members, strict=True))


def select(
    targets: Sequence[Target],
    params: Params,
    profile: HashProfile,
    k_rank: bytes,
    k_tie: bytes,
) -> Selection:
    """Run §8 over the snapshot: strata, allocation, ranking, selection and reserves."""
    return select_planned(plan_strata(targets, params), params, profile, k_rank, k_tie)


def select_planned(
    plan: StrataPlan,
    params: Params,
    profile: HashProfile,
    k_rank: bytes,
    k_tie: bytes,
) -> Selection:
    """§8.3–§8.4 on a frozen plan: allocation, ranking, selection and reserves."""
    labels = plan.labels
    weights = {
        s: stratum_weight(
            len(plan.eligible[s]), params.risk_weights.get(plan.risk[s], 0)
        )
        for s in labels
    }
    allocation = allocate(
        ((s, len(plan.eligible[s]), weights[s]) for s in labels),
        params.target_count,
        lambda s: profile.ticket(k_tie, s),
    )
    # Every eligible target's ticket, hashed in one pass in label order.
    all_tickets = (
        rank_tickets(profile, k_rank, _flat(plan.eligible, labels))
        if plan.encoded_eligible is None
        else profile.tickets_encoded(k_rank, plan.encoded_eligible)
    )
    rows: list[StratumRow] = []
    selected: list[Ranked] = []
    reserves: list[Ranked] = []
    ranking: dict[str, tuple[list[str], list[bytes]]] = {}
    reserve_count = params.reserve_per_stratum
    start = 0
    for s in labels:
        members = plan.eligible[s]
        tickets = all_tickets[start : start + len(members)]
        start += len(members)
        ranking[s] = (members, tickets)
        n_s = allocation[s]
        order = first_ranks(tickets, members, min(n_s + reserve_count, len(members)))
        ranked = []
        for k, (ticket, uscc) in enumerate(order):
            target = plan.target(uscc)
            assert target is not None
            ranked.append(Ranked(target, s, k + 1, ticket))
        chosen = ranked[:n_s]
        spare = ranked[n_s : n_s + reserve_count]
        selected.extend(chosen)
        reserves.extend(spare)
        rows.append(
            StratumRow(
                label=s,
                records=plan.records[s],
                eligible=len(members),
                weight=weights[s],
                allocated=n_s,
                reserves=len(spare),
                threshold=chosen[-1].ticket if chosen else None,  # τ_s, §8.4
            )
        )
    return Selection(tuple(rows), tuple(selected), tuple(reserves), ranking)
