"""Shared builders for the dsr-draw/1 tests (the public vector, small valid inputs).

Kept in a ``test_draw*`` module so the draw tests stay self-contained; it also checks
that the public vector file is where the tests expect it.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from gongkai.core.draw import canonical_uscc
from gongkai.core.draw.fields import USCC_ALPHABET, uscc_check_char

# The public vector is vendored beside the tests so a clean checkout is self-contained;
# test_vendored_vector_equals_shared_copy checks it against ../shared when present.
VECTOR_PATH = Path(__file__).resolve().parent / "data" / "vector-small.json"
SHARED = Path(
    os.environ.get("GONGKAI_SHARED", Path(__file__).resolve().parents[5] / "shared")
)


@cache
def _vector_text() -> str:
    return VECTOR_PATH.read_text(encoding="utf-8")


def vector() -> dict[str, Any]:
    """A fresh deep copy of the public vector (tests may mutate it)."""
    return copy.deepcopy(json.loads(_vector_text()))


def vector_input() -> dict[str, Any]:
    """A fresh copy of the public vector's ``input``."""
    return vector()["input"]


def make_uscc(n: int, prefix: str = "913301") -> str:
    """A valid USCC derived from ``n`` (prefix + 11 alphabet characters + check)."""
    body = ""
    for _ in range(11):
        body = USCC_ALPHABET[n % 31] + body
        n //= 31
    first17 = (prefix + body)[:17]
    return first17 + uscc_check_char(first17)


def small_input(**task: Any) -> dict[str, Any]:
    """A small valid input: 6 targets, 5 inspectors, one conflict pair, public mode."""
    params: dict[str, Any] = {
        "protocol": "dsr-draw/1",
        "task_id": "T-1",
        "mode": "public",
        "target_count": 3,
        "risk_weights": {"A": 1, "B": 3},
        "beacon": {"type": "drand", "chain_hash": "ab" * 32, "round": 1},
    }
    params.update(task)
    regions = ["330102", "330105"]
    targets = [
        {
            "uscc": make_uscc(i),
            "region": regions[i % 2],
            "industry": "F52" if i % 3 else "H62",
            "risk": "A" if i < 3 else "B",
            "last_inspected": None,
            "status": "active",
        }
        for i in range(6)
    ]
    inspectors = [
        {
            "id": f"ZF{i}",
            "home_region": "330110" if i % 2 else "330108",
            "quals": ["F52", "H62"],
            "available": True,
        }
        for i in range(5)
    ]
    return {
        "task": params,
        "targets": targets,
        "inspectors": inspectors,
        "coi": [["ZF0", make_uscc(0)]],
        "secret_hex": None if params.get("mode") == "public" else "11" * 32,
        "beacon_randomness_hex": "cd" * 32,
        "contributions": [],
    }


# ---------------------------------------------- input mutations for rejection tables

Mutation = Callable[[dict[str, Any]], None]

TARGET = {
    "uscc": "91350100M000100Y43",
    "region": "330102",
    "industry": "F52",
    "risk": "A",
    "last_inspected": None,
    "status": "active",
}


def task(**changes: Any) -> Mutation:
    """Set task parameters."""

    def mutate(d: dict[str, Any]) -> None:
        d["task"].update(changes)

    return mutate


def drop(*path: str | int) -> Mutation:
    """Delete the value at a path."""

    def mutate(d: dict[str, Any]) -> None:
        node: Any = d
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


def put(value: Any, *path: str | int) -> Mutation:
    """Set the value at a path."""

    def mutate(d: dict[str, Any]) -> None:
        node: Any = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def add_target(**fields: Any) -> Mutation:
    """Append a target record (TARGET with changes)."""

    def mutate(d: dict[str, Any]) -> None:
        d["targets"].append({**TARGET, **fields})

    return mutate


def dup_first(key: str) -> Mutation:
    """Append a copy of the first record of a list."""

    def mutate(d: dict[str, Any]) -> None:
        d[key].append(dict(d[key][0]))

    return mutate


def both(*mutations: Mutation) -> Mutation:
    """Apply several mutations."""

    def mutate(d: dict[str, Any]) -> None:
        for m in mutations:
            m(d)

    return mutate


LOTTERY = {"type": "lottery", "draws": [{"game": "双色球", "issue": "2026001"}]}
BAD_CHECK = "91350100M000100Y44"


def test_vector_file_is_present_and_names_the_protocol() -> None:
    doc = vector()
    assert doc["protocol"] == "dsr-draw/1"
    assert set(doc) >= {"input", "expected", "trace"}


def test_make_uscc_builds_valid_distinct_codes() -> None:
    codes = {canonical_uscc(make_uscc(i)) for i in range(500)}
    assert len(codes) == 500
