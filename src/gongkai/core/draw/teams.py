"""Team formation and assignment of dsr-draw/1 (DRAW.md §9).

Teams are formed from a keyed shuffle of the available inspectors (§9.1). Selected
targets are placed by a greedy pass over keyed probe sequences (§9.4), and whatever
the greedy pass leaves is placed, where possible, by breadth-first augmenting paths
(§9.5, Ford–Fulkerson), so the number of staffed targets is maximal.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice

from .primitives import HashProfile, enc
from .records import Inspector, Target

NO_TEAMS = "no_teams"
NO_ELIGIBLE_TEAM = "no_eligible_team"
NO_CAPACITY = "no_capacity"


@dataclass(frozen=True)
class Team:
    """Team g: members in §9.1 order, and what §9.2 needs to know about them."""

    number: int
    members: tuple[str, ...]
    regions: frozenset[str]
    quals: frozenset[str]


def form_teams(
    inspectors: Iterable[Inspector], team_size: int, profile: HashProfile, k_team: bytes
) -> tuple[list[Inspector], list[Team]]:
    """§9.1: order available inspectors by (ticket(k_team, id), id); cut into teams."""
    available = (i for i in inspectors if i.available)
    order = [i for _, i in profile.by_ticket(k_team, available, lambda i: i.id)]
    g_count = len(order) // team_size
    groups: list[list[Inspector]] = [
        order[g * team_size : (g + 1) * team_size] for g in range(g_count)
    ]
    for x, leftover in enumerate(order[g_count * team_size :]):
        if g_count:  # leftover a_{Gm+x} joins team x mod G, in order of x
            groups[x % g_count].append(leftover)
    teams = [
        Team(
            number=g,
            members=tuple(i.id for i in members),
            regions=frozenset(i.home_region for i in members),
            quals=frozenset(q for i in members for q in i.quals),
        )
        for g, members in enumerate(groups)
    ]
    return order, teams


def conflicts_by_uscc(coi: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Conflict pairs indexed by USCC (§4); pairs naming nobody simply never match."""
    out: dict[str, set[str]] = {}
    for inspector_id, uscc in coi:
        out.setdefault(uscc, set()).add(inspector_id)
    return {k: frozenset(v) for k, v in out.items()}


def may_take(team: Team, target: Target, conflicts: dict[str, frozenset[str]]) -> bool:
    """§9.2: no member from t.region, t.industry among the quals, no conflict pair."""
    if target.region in team.regions or target.industry not in team.quals:
        return False
    paired = conflicts.get(target.uscc)
    return not (paired and not paired.isdisjoint(team.members))


def capacity(selected_count: int, team_count: int, slack: int) -> int | None:
    """§9.3: cap = ⌈T/G⌉ + capacity_slack, or None when there are no teams."""
    if team_count == 0:
        return None
    return -(-selected_count // team_count) + slack


@dataclass
class Assignment:
    """The outcome of §9.4–§9.6; ``team_of`` maps USCC to team (or None)."""

    processing_order: list[Target]
    team_of: dict[str, int | None]
    loads: list[int]
    after_greedy_unassigned: list[str]
    unstaffed: list[tuple[str, str]]  # (uscc, reason), in processing order
    repairs: list[list[dict[str, object]]] = field(default_factory=list)


def assign(
    selected: Sequence[Target],
    teams: Sequence[Team],
    conflicts: dict[str, frozenset[str]],
    cap: int | None,
    max_probes: int,
    profile: HashProfile,
    keys: tuple[bytes, bytes, bytes],
) -> Assignment:
    """Place the selected targets on teams: greedy pass (§9.4), then repair (§9.5)."""
    k_order, k_probe, k_repair = keys
    order = [t for _, t in profile.by_ticket(k_order, selected, lambda t: t.uscc)]
    g_count = len(teams)
    loads = [0] * g_count
    team_of: dict[str, int | None] = {t.uscc: None for t in order}
    repair_list: list[Target] = []
    for t in order:
        if g_count == 0 or cap is None:
            repair_list.append(t)
            continue
        probes = islice(profile.uniform(k_probe, t.uscc, g_count), max_probes)
        chosen = next(
            (g for g in probes if loads[g] < cap and may_take(teams[g], t, conflicts)),
            None,
        )
        if chosen is None:
            repair_list.append(t)  # keeps processing order
        else:
            team_of[t.uscc] = chosen
            loads[chosen] += 1
    result = Assignment(order, team_of, loads, [t.uscc for t in repair_list], [])
    if g_count == 0 or cap is None:
        result.unstaffed = [(t.uscc, NO_TEAMS) for t in repair_list]  # §9.6
        return result
    _Repairer(result, teams, conflicts, cap, profile, k_repair).run(repair_list)
    return result


class _Repairer:
    """§9.5: one breadth-first search for an augmenting path per repair-list target."""

    def __init__(
        self,
        state: Assignment,
        teams: Sequence[Team],
        conflicts: dict[str, frozenset[str]],
        cap: int,
        profile: HashProfile,
        k_repair: bytes,
    ) -> None:
        self.state = state
        self.teams = teams
        self.conflicts = conflicts
        self.cap = cap
        self.profile = profile
        self.k_repair = k_repair
        self.position = {t.uscc: k for k, t in enumerate(state.processing_order)}
        self.members: list[set[str]] = [set() for _ in teams]
        for uscc, g in state.team_of.items():
            if g is not None:
                self.members[g].add(uscc)
        self._options: dict[str, array[int]] = {}

    def options(self, target: Target) -> array[int]:
        """The teams that may take ``target`` (§9.2), by (ticket(k_repair, uscc, g), g).

        §9.5 walks all teams in this order and skips those that may not take the
        target; eligibility never changes during the pass, so filtering first and
        hashing only eligible teams visits the same teams in the same order.
        """
        cached = self._options.get(target.uscc)
        if cached is None:
            base = self.profile.hasher(enc(self.k_repair, target.uscc))
            keyed = []
            for team in self.teams:
                if may_take(team, target, self.conflicts):
                    hasher = base.copy()
                    hasher.update(enc(team.number))  # g is an integer field
                    keyed.append((hasher.digest(), team.number))
            cached = array("i", (g for _, g in sorted(keyed)))
            self._options[target.uscc] = cached
        return cached

    def run(self, repair_list: Sequence[Target]) -> None:
        by_uscc = {t.uscc: t for t in self.state.processing_order}
        for t0 in repair_list:
            path = self.search(t0, by_uscc)
            if path is None:
                eligible = len(self.options(t0)) > 0
                reason = NO_CAPACITY if eligible else NO_ELIGIBLE_TEAM  # §9.6
                self.state.unstaffed.append((t0.uscc, reason))
                continue
            self.state.repairs.append(path)

    def search(
        self, t0: Target, by_uscc: dict[str, Target]
    ) -> list[dict[str, object]] | None:
        """BFS from t0; apply the first augmenting path and return its moves."""
        reached: dict[int, Target] = {}
        seen = {t0.uscc}
        queue = deque([t0])
        found: int | None = None
        loads = self.state.loads
        while queue and found is None:
            u = queue.popleft()
            for g in self.options(u):
                if g in reached:
                    continue
                reached[g] = u
                if loads[g] < self.cap:
                    found = g
                    break
                for v in sorted(self.members[g] - seen, key=self.position.__getitem__):
                    seen.add(v)
                    queue.append(by_uscc[v])
        if found is None:
            return None
        moves: list[dict[str, object]] = []
        g = found
        while True:
            u = reached[g]
            old = self.state.team_of[u.uscc]
            self._move(u.uscc, old, g)
            moves.append({"uscc": u.uscc, "from": old, "to": g})
            if old is None:
                break
            g = old
        moves.reverse()  # applied from the free team back to t0; reported from t0 on
        return moves

    def _move(self, uscc: str, old: int | None, new: int) -> None:
        if old is not None:
            self.members[old].discard(uscc)
            self.state.loads[old] -= 1
        self.members[new].add(uscc)
        self.state.loads[new] += 1
        self.state.team_of[uscc] = new
