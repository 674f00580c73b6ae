"""Teams and assignment of dsr-draw/1 (DRAW.md §9): formation, §9.2, capacity, repair."""

from __future__ import annotations

import pytest

from gongkai.core.draw import draw
from gongkai.core.draw.inputs import Inspector, Target
from gongkai.core.draw.primitives import HashProfile
from gongkai.core.draw.teams import (
    NO_CAPACITY,
    NO_ELIGIBLE_TEAM,
    NO_TEAMS,
    Team,
    assign,
    capacity,
    form_teams,
    may_take,
)

from .test_draw_support import make_uscc, small_input, vector

SHA = HashProfile.for_alg("sha256")
KEYS = (b"order", b"probe", b"repair")


def _team(
    number: int, members: tuple[str, ...], regions: set[str], quals: set[str]
) -> Team:
    return Team(number, members, frozenset(regions), frozenset(quals))


def _target(n: int, region: str = "R1", industry: str = "F52") -> Target:
    return Target(make_uscc(n), region, industry, "A", None, "active")


@pytest.mark.parametrize(
    ("available", "team_size", "sizes"),
    [
        (7, 2, [3, 2, 2]),  # the vector: one leftover joins team 0
        (8, 3, [4, 4]),  # two leftovers: a6 → team 0, a7 → team 1
        (3, 2, [3]),  # one team takes the leftover
        (9, 4, [5, 4]),
        (11, 4, [6, 5]),  # 11 // 4 = 2 teams; 3 leftovers → teams 0, 1, 0
        (1, 2, []),  # G = 0: no teams
        (0, 2, []),
    ],
)
def test_team_formation_sizes(available: int, team_size: int, sizes: list[int]) -> None:
    inspectors = [Inspector(f"I{i:02}", "R9", ("F52",), True) for i in range(available)]
    inspectors.append(Inspector("OFF", "R9", ("F52",), False))
    order, teams = form_teams(inspectors, team_size, SHA, b"k")
    assert [len(t.members) for t in teams] == sizes
    assert "OFF" not in {m for t in teams for m in t.members}
    g = len(teams)
    # Team g is a_{gm} … a_{gm+m−1}; leftover a_{Gm+x} is appended to team x mod G.
    cores = [m for t in teams for m in t.members[:team_size]]
    assert cores == [i.id for i in order[: g * team_size]]
    if g:
        for x, leftover in enumerate(order[g * team_size :]):
            assert teams[x % g].members[team_size + x // g] == leftover.id


def test_team_order_is_by_ticket_then_id() -> None:
    inspectors = [Inspector(f"I{i}", "R9", (), True) for i in range(6)]
    order, _ = form_teams(inspectors, 2, SHA, b"k")
    keys = [(SHA.ticket(b"k", i.id), i.id) for i in order]
    assert keys == sorted(keys)


def test_vector_teams_keep_member_order() -> None:
    teams = vector()["expected"]["result"]["teams"]
    order = vector()["trace"]["team_order"]
    assert [t["inspectors"] for t in teams] == [
        [*order[0:2], order[6]],
        order[2:4],
        order[4:6],
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (_target(1, region="R1", industry="F52"), True),
        (
            _target(1, region="R2", industry="F52"),
            False,
        ),  # 回避: a member's home region
        (_target(1, region="R1", industry="H62"), False),  # nobody is qualified
        (_target(2, region="R1", industry="C14"), False),  # qualified, but in conflict
        (
            _target(3, region="R1", industry="C14"),
            True,
        ),  # qualification of one member suffices
    ],
)
def test_team_eligibility_section_9_2(target: Target, expected: bool) -> None:
    team = _team(0, ("a", "b"), {"R2", "R3"}, {"F52", "C14"})
    conflicts = {make_uscc(2): frozenset({"b"}), make_uscc(3): frozenset({"zz"})}
    assert may_take(team, target, conflicts) is expected


@pytest.mark.parametrize(
    ("selected", "teams", "slack", "cap"),
    [
        (10, 3, 1, 5),
        (9, 3, 0, 3),
        (0, 3, 0, 0),
        (0, 3, 2, 2),
        (5, 0, 1, None),
        (1, 4, 0, 1),
    ],
)
def test_capacity_is_ceiling_plus_slack(selected, teams, slack, cap) -> None:
    assert capacity(selected, teams, slack) == cap


def test_unstaffed_reasons() -> None:
    # Team 0 sits in R1 and team 1 in R2, both qualified for F52 only.
    teams = [
        _team(0, ("a", "b"), {"R1"}, {"F52"}),
        _team(1, ("c", "d"), {"R2"}, {"F52"}),
    ]
    only_team_1 = [_target(i, region="R1") for i in range(3)]
    nobody = _target(9, industry="H62")
    result = assign([*only_team_1, nobody], teams, {}, 1, 64, SHA, KEYS)
    reasons = dict(result.unstaffed)
    assert reasons[nobody.uscc] == NO_ELIGIBLE_TEAM
    assert sorted(reasons.values()).count(NO_CAPACITY) == 2
    assert result.loads == [0, 1]
    # Unstaffed are listed in processing order, and stay selected.
    position = {t.uscc: k for k, t in enumerate(result.processing_order)}
    assert [position[u] for u, _ in result.unstaffed] == sorted(
        position[u] for u, _ in result.unstaffed
    )


def test_without_teams_every_target_is_unstaffed_no_teams() -> None:
    data = small_input()
    for inspector in data["inspectors"][1:]:
        inspector["available"] = False
    result = draw(data)["result"]
    assert result["teams"] == [] and result["capacity"] is None
    assert {u["reason"] for u in result["unstaffed"]} == {NO_TEAMS}
    assert len(result["unstaffed"]) == result["selected_count"] > 0
    assert all(row["team"] is None for row in result["selected"])


@pytest.mark.parametrize("max_probes", [0, 1, 64])
def test_repair_moves_a_placed_target_to_make_room(max_probes: int) -> None:
    # flexible may go to either team; picky only to team 0; one seat per team.
    teams = [
        _team(0, ("a",), {"R9"}, {"F52", "H62"}),
        _team(1, ("b",), {"R9"}, {"F52"}),
    ]
    flexible, picky = _target(1, industry="F52"), _target(2, industry="H62")
    result = assign([flexible, picky], teams, {}, 1, max_probes, SHA, KEYS)
    assert result.team_of == {flexible.uscc: 1, picky.uscc: 0}
    assert result.unstaffed == []


def test_two_step_repair_of_the_vector_is_reported_in_path_order() -> None:
    repairs = vector()["trace"]["repairs"]
    assert repairs[0][0]["from"] is None  # the path starts at the unplaced target
    assert repairs[0][-1]["to"] != repairs[0][0]["to"]
