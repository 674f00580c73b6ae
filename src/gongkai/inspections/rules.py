"""Pure rules of the draw workflow (DRAW.md §6.3, §7.1, §12), no Django.

Every function takes the current time and the facts it needs explicitly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from gongkai.core.draw.inputs import Target
from gongkai.core.draw.teams import Team, may_take
from gongkai.core.ids import mask_name
from gongkai.core.regions import industry_name, region_name

# DRAW.md §6.3: a drand round's time MUST be at least 10 minutes after the commit.
DRAND_MIN_LEAD = dt.timedelta(minutes=10)
# DRAW.md §12.2: a draw may be abandoned when the beacon is still unavailable 24 hours
# after its scheduled time.
BEACON_GRACE = dt.timedelta(hours=24)

# Public drand chains (League of Entropy): chain hash -> (genesis, period in seconds).
DRAND_CHAINS: dict[str, tuple[int, int]] = {
    # "quicknet" (unchained, 3 s)
    "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971": (
        1692803367,
        3,
    ),
    # "default" (chained, 30 s)
    "8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce": (
        1595431050,
        30,
    ),
}

# Draw state transitions: state -> actions allowed in it.
TRANSITIONS: dict[str, dict[str, str]] = {
    "frozen": {"commit": "committed", "discard": "abandoned"},
    "committed": {"beacon": "beacon", "abandon": "abandoned"},
    "beacon": {"run": "drawn"},
    "drawn": {"publish": "published"},
    "published": {},
    "abandoned": {},
}


def next_state(state: str, action: str) -> str | None:
    """The state after ``action``, or None when the action is not allowed."""
    return TRANSITIONS.get(state, {}).get(action)


def drand_round_time(chain_hash: str, round_number: int) -> dt.datetime | None:
    """When a round of a known drand chain is produced (None for an unknown chain)."""
    known = DRAND_CHAINS.get(chain_hash)
    if known is None:
        return None
    genesis, period = known
    return dt.datetime.fromtimestamp(genesis + (round_number - 1) * period, tz=dt.UTC)


def commit_problem(
    *, beacon_type: str, beacon_time: dt.datetime, now: dt.datetime
) -> str | None:
    """Why a commit may not be made now (§6.3), or None."""
    if beacon_type == "drand" and beacon_time < now + DRAND_MIN_LEAD:
        return "drand_too_soon"
    if beacon_type == "lottery" and beacon_time <= now:
        return "lottery_too_soon"
    return None


def abandon_ground(
    *, beacon_time: dt.datetime, beacon_entered: bool, now: dt.datetime
) -> str | None:
    """§12.2: the ground on which a committed draw may be abandoned now, or None."""
    if now < beacon_time:
        return "error_before_beacon"
    if not beacon_entered and now >= beacon_time + BEACON_GRACE:
        return "beacon_unavailable"
    return None


def drand_randomness(signature_hex: str) -> str:
    """§7.1: a drand round's randomness is SHA-256 of its BLS signature."""
    return hashlib.sha256(bytes.fromhex(signature_hex)).hexdigest()


_NUMBER = re.compile(r"[0-9]+")


def lottery_groups(line: str) -> list[list[int]]:
    """One draw as entered ("3 9 14 21 27 30 + 11"): groups split by + or |."""
    groups = []
    for part in re.split(r"[+|｜＋/]", line):
        numbers = [int(n) for n in _NUMBER.findall(part)]
        if not numbers:
            raise ValueError("每组至少一个号码")
        groups.append(numbers)
    return groups


def lottery_key(draws: Sequence[Sequence[Sequence[int]]]) -> str:
    """§7.1 RFC 3797 key string: per group, ascending numbers each followed by "."."""
    out = []
    for groups in draws:
        for group in groups:
            out.append("".join(f"{n}." for n in sorted(group)) + "/")
    return "".join(out)


def is_hex(value: str, *, length: int | None = None) -> bool:
    """Lower-case hex of ``length`` bytes (any length when None, at least one byte)."""
    if not re.fullmatch(r"(?:[0-9a-f]{2})+", value):
        return False
    return length is None or len(value) == 2 * length


def team_may_take(
    team_row: Mapping[str, Any],
    inspectors: Mapping[str, Mapping[str, Any]],
    target: Mapping[str, Any],
    coi: set[tuple[str, str]],
) -> bool:
    """§9.2 for a substitute (§12.3), from the snapshot records of the draw."""
    members = tuple(team_row["inspectors"])
    team = Team(
        number=team_row["team"],
        members=members,
        regions=frozenset(inspectors[m]["home_region"] for m in members),
        quals=frozenset(q for m in members for q in inspectors[m]["quals"]),
    )
    t = Target(
        uscc=target["uscc"],
        region=target["region"],
        industry=target["industry"],
        risk=target["risk"],
        last_inspected=target["last_inspected"],
        status=target["status"],
    )
    conflicts = {target["uscc"]: frozenset(i for i, u in coi if u == target["uscc"])}
    return may_take(team, t, conflicts)


def next_reserve(
    reserves: Sequence[Mapping[str, Any]], stratum: str, used: set[str]
) -> Mapping[str, Any] | None:
    """§12.3: the first unused reserve of the stratum, in rank order."""
    rows = sorted(
        (r for r in reserves if r["stratum"] == stratum), key=lambda r: r["rank"]
    )
    return next((r for r in rows if r["uscc"] not in used), None)


def public_name(uscc: str, name: str) -> str:
    """The name shown on public pages: 个体工商户 (USCC 92…) may name a natural
    person, so it is masked (DESIGN.md conventions); other entities as registered."""
    return mask_name(name) if uscc.startswith("92") else name


def token_digest(token: str) -> str:
    """What is stored of a contributor's link token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def stratum_words(stratum: str, stratify_by: Sequence[str]) -> list[tuple[str, str]]:
    """A stratum key (DRAW.md §5: the ``stratify_by`` attributes joined by ``|``,
    e.g. ``A|350102``) as (attribute, value) pairs a citizen reads: the risk grade,
    the district's and the industry's names (GB/T 2260, GB/T 4754)."""
    named = {"region": region_name, "industry": industry_name}
    parts = stratum.split("|")
    return [
        (attr, named[attr](value) if attr in named else value)
        for attr, value in zip(stratify_by, parts, strict=False)
    ]
