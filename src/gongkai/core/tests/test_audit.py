"""Tests for gongkai.core.audit: the tamper-evident hash chain."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.core.audit import (
    GENESIS_HASH,
    Link,
    VerifyResult,
    chain,
    event_hash,
    verify,
)
from gongkai.core.jcs import CanonicalJSONError


def _payloads(n: int) -> list[dict[str, Any]]:
    return [
        {
            "action": "penalty_publish",
            "object_id": i,
            "actor": "张三",
            "at": "2026-05-01T09:00:00+08:00",
        }
        for i in range(1, n + 1)
    ]


def _chain(n: int) -> list[Link]:
    return list(chain(_payloads(n)))


def test_event_hash_construction_is_exactly_as_documented() -> None:
    payload = {"b": 1, "a": "政务公开"}
    expected = hashlib.sha256(
        GENESIS_HASH.encode("ascii") + b"\n" + '{"a":"政务公开","b":1}'.encode()
    ).hexdigest()
    assert event_hash(GENESIS_HASH, payload) == expected


def test_event_hash_ignores_key_order() -> None:
    assert event_hash(GENESIS_HASH, {"a": 1, "b": 2}) == event_hash(
        GENESIS_HASH, {"b": 2, "a": 1}
    )


def test_chain_links_each_hash_to_the_previous() -> None:
    links = _chain(3)
    assert [link.seq for link in links] == [1, 2, 3]
    assert links[0].prev_hash == GENESIS_HASH
    assert links[1].prev_hash == links[0].hash
    assert links[2].hash == event_hash(links[1].hash, links[2].payload)


def test_intact_chain_verifies() -> None:
    assert verify(_chain(10)) == VerifyResult(
        ok=True, checked=10, first_broken=None, reason=""
    )


def test_empty_chain_is_ok() -> None:
    assert verify([]) == VerifyResult(True, 0, None, "")


@pytest.mark.parametrize("k", [1, 5, 10])
def test_altered_payload_is_reported_at_that_link(k: int) -> None:
    links = _chain(10)
    bad = dict(links[k - 1].payload, object_id=999)
    links[k - 1] = dataclasses.replace(links[k - 1], payload=bad)
    result = verify(links)
    assert (result.ok, result.first_broken, result.checked) == (False, k, k - 1)
    assert result.reason.startswith("hash mismatch: payload or hash altered")


def test_altered_hash_is_reported() -> None:
    links = _chain(5)
    links[2] = dataclasses.replace(links[2], hash="f" * 64)
    result = verify(links)
    assert (result.ok, result.first_broken) == (False, 3)
    assert result.reason.startswith("hash mismatch")


def test_rewritten_link_breaks_the_next_link() -> None:
    # An attacker who recomputes link 3's hash still breaks link 4's prev_hash.
    links = _chain(5)
    payload = dict(links[2].payload, actor="李四")
    links[2] = dataclasses.replace(
        links[2], payload=payload, hash=event_hash(links[2].prev_hash, payload)
    )
    result = verify(links)
    assert (result.ok, result.first_broken) == (False, 4)
    assert result.reason.startswith("prev_hash does not match previous link's hash")


def test_deleted_link_is_a_sequence_gap() -> None:
    links = _chain(6)
    del links[3]  # seq 4
    result = verify(links)
    assert (result.ok, result.first_broken, result.checked) == (False, 5, 3)
    assert result.reason.startswith("sequence gap")


def test_deleted_first_link_does_not_start_from_genesis() -> None:
    links = _chain(3)[1:]
    result = verify(links)
    assert (result.ok, result.first_broken, result.checked) == (False, 2, 0)
    assert result.reason.startswith("first link does not start from genesis")


def test_reordered_links_are_reported() -> None:
    links = _chain(5)
    links[1], links[2] = links[2], links[1]
    result = verify(links)
    assert (result.ok, result.first_broken) == (False, 3)
    assert result.reason.startswith("sequence gap")
    # Renumbering the swapped links does not help: the prev_hash links break.
    renumbered = [dataclasses.replace(link, seq=i) for i, link in enumerate(links, 1)]
    result = verify(renumbered)
    assert (result.ok, result.first_broken) == (False, 2)
    assert result.reason.startswith("prev_hash does not match")


def test_inserted_duplicate_seq_is_reported() -> None:
    links = _chain(4)
    forged = Link(
        seq=3,
        prev_hash=links[2].hash,
        hash=event_hash(links[2].hash, {"x": 1}),
        payload={"x": 1},
    )
    links.insert(3, forged)
    result = verify(links)
    assert (result.ok, result.first_broken) == (False, 3)
    assert result.reason.startswith("sequence out of order or duplicated")


def test_inserted_well_formed_link_breaks_the_following_link() -> None:
    links = _chain(4)
    forged_payload = {"action": "forged"}
    forged = Link(
        seq=3,
        prev_hash=links[1].hash,
        hash=event_hash(links[1].hash, forged_payload),
        payload=forged_payload,
    )
    tail = [dataclasses.replace(link, seq=link.seq + 1) for link in links[2:]]
    result = verify([*links[:2], forged, *tail])
    assert (result.ok, result.first_broken, result.checked) == (False, 4, 3)
    assert result.reason.startswith("prev_hash does not match")


def test_segment_verifies_from_a_given_start_hash_and_seq() -> None:
    links = _chain(6)
    segment = list(
        chain(
            [dict(link.payload) for link in links[3:]],
            start_hash=links[2].hash,
            start_seq=4,
        )
    )
    assert segment == links[3:]
    assert verify(segment, start_hash=links[2].hash) == VerifyResult(True, 3, None, "")
    assert not verify(segment).ok


def test_verify_is_streaming_and_stops_at_the_first_break() -> None:
    consumed = 0

    def links() -> Iterator[Link]:
        nonlocal consumed
        for link in chain({"n": i} for i in range(100_000)):
            consumed += 1
            if link.seq == 50:
                link = dataclasses.replace(link, payload={"n": -1})
            yield link

    result = verify(links())
    assert (result.ok, result.first_broken, result.checked) == (False, 50, 49)
    assert consumed == 50


def test_verify_long_generator_chain() -> None:
    result = verify(chain({"n": i} for i in range(20_000)))
    assert result == VerifyResult(True, 20_000, None, "")


def test_chain_copies_payloads() -> None:
    payload: dict[str, Any] = {"a": 1}
    links = list(chain([payload]))
    payload["a"] = 2
    assert verify(links).ok


@pytest.mark.parametrize("bad", [{"amount": 1.5}, {"at": object()}, {"x": [1.0]}])
def test_non_canonical_payload_raises_value_error(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        event_hash(GENESIS_HASH, bad)
    with pytest.raises(CanonicalJSONError):
        list(chain([bad]))


@pytest.mark.parametrize("bad_hash", ["", "0" * 63, "F" * 64, "g" * 64])
def test_malformed_start_hash_is_rejected(bad_hash: str) -> None:
    with pytest.raises(ValueError):
        event_hash(bad_hash, {})
    with pytest.raises(ValueError):
        verify([], start_hash=bad_hash)
