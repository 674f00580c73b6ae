"""Pure workflow rules (no database): states, beacon timing, §12.2, lottery keys."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.inspections import rules

UTC = dt.UTC
T = dt.datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
QUICKNET = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        ("frozen", "commit", "committed"),
        ("frozen", "discard", "abandoned"),
        ("frozen", "run", None),
        ("committed", "beacon", "beacon"),
        ("committed", "abandon", "abandoned"),
        ("committed", "run", None),
        ("beacon", "run", "drawn"),
        ("beacon", "abandon", None),  # §12.2: completed with the committed beacon
        ("drawn", "publish", "published"),
        ("drawn", "abandon", None),
        ("published", "publish", None),
        ("abandoned", "commit", None),
    ],
)
def test_state_table(state, action, expected):
    assert rules.next_state(state, action) == expected


def test_drand_round_times_of_known_chains():
    # quicknet: genesis 1692803367, a round every 3 seconds
    assert rules.drand_round_time(QUICKNET, 1) == dt.datetime.fromtimestamp(
        1692803367, UTC
    )
    assert rules.drand_round_time(QUICKNET, 21) == dt.datetime.fromtimestamp(
        1692803427, UTC
    )
    assert rules.drand_round_time("ab" * 32, 5) is None


@pytest.mark.parametrize(
    ("kind", "lead", "problem"),
    [
        ("drand", dt.timedelta(minutes=10), None),  # §6.3: at least 10 minutes
        ("drand", dt.timedelta(minutes=9, seconds=59), "drand_too_soon"),
        ("lottery", dt.timedelta(seconds=1), None),  # held after the commit
        ("lottery", dt.timedelta(0), "lottery_too_soon"),
    ],
)
def test_commit_timing(kind, lead, problem):
    assert (
        rules.commit_problem(beacon_type=kind, beacon_time=T + lead, now=T) == problem
    )


@pytest.mark.parametrize(
    ("offset", "entered", "ground"),
    [
        (dt.timedelta(seconds=-1), False, "error_before_beacon"),
        (dt.timedelta(0), False, None),
        (dt.timedelta(hours=23, minutes=59), False, None),
        (dt.timedelta(hours=24), False, "beacon_unavailable"),
        (dt.timedelta(hours=24), True, None),
    ],
)
def test_abandon_grounds_of_12_2(offset, entered, ground):
    assert (
        rules.abandon_ground(beacon_time=T, beacon_entered=entered, now=T + offset)
        == ground
    )


@pytest.mark.parametrize(
    ("lines", "key"),
    [
        (["3 9 14 21 27 30 + 11"], "3.9.14.21.27.30./11./"),  # DRAW.md §7.1 example
        (["30,27,21,14,9,3|11"], "3.9.14.21.27.30./11./"),
        (["1 2 3", "7 0 5"], "1.2.3./0.5.7./"),
    ],
)
def test_lottery_key_strings(lines, key):
    assert rules.lottery_key([rules.lottery_groups(line) for line in lines]) == key


def test_lottery_group_without_numbers_is_refused():
    with pytest.raises(ValueError):
        rules.lottery_groups("3 9 + ")


@pytest.mark.parametrize(
    ("value", "length", "ok"),
    [
        ("ab" * 32, 32, True),
        ("AB" * 32, 32, False),
        ("abc", None, False),
        ("", None, False),
        ("00", None, True),
    ],
)
def test_is_hex(value, length, ok):
    assert rules.is_hex(value, length=length) is ok


def test_drand_randomness_is_sha256_of_the_signature():
    assert (
        rules.drand_randomness("")
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


@pytest.mark.parametrize(
    ("uscc", "name", "shown"),
    [
        ("92330102MA2H0000X1", "张三便利店", "张****"),  # 个体工商户 may name a person
        ("91330102MA2H0000X1", "杭州华联商贸有限公司", "杭州华联商贸有限公司"),
    ],
)
def test_public_name_masks_individual_businesses(uscc, name, shown):
    assert rules.public_name(uscc, name) == shown


def test_next_reserve_in_rank_order_skipping_used():
    reserves = [
        {"uscc": "B", "stratum": "A|1", "rank": 5},
        {"uscc": "A", "stratum": "A|1", "rank": 4},
        {"uscc": "C", "stratum": "B|1", "rank": 2},
    ]
    assert rules.next_reserve(reserves, "A|1", set())["uscc"] == "A"
    assert rules.next_reserve(reserves, "A|1", {"A"})["uscc"] == "B"
    assert rules.next_reserve(reserves, "A|1", {"A", "B"}) is None


@pytest.mark.parametrize(
    ("target", "ok"),
    [
        ({"region": "330102", "industry": "F52", "uscc": "X"}, True),
        (
            {"region": "330105", "industry": "F52", "uscc": "X"},
            False,
        ),  # 回避: home region
        (
            {"region": "330102", "industry": "C13", "uscc": "X"},
            False,
        ),  # no qualification
        (
            {"region": "330102", "industry": "F52", "uscc": "Y"},
            False,
        ),  # declared conflict
    ],
)
def test_team_may_take_for_substitutes(target, ok):
    team = {"team": 0, "inspectors": ["i1", "i2"]}
    inspectors = {
        "i1": {"home_region": "330105", "quals": ["F52"]},
        "i2": {"home_region": "330106", "quals": ["H62"]},
    }
    record = {"risk": "A", "last_inspected": None, "status": "active", **target}
    assert rules.team_may_take(team, inspectors, record, {("i2", "Y")}) is ok
