"""Tamper-evident hash chain for audit events.

Construction (fixed; changing it invalidates every stored chain)::

    hash_n = hex(SHA-256(ascii(prev_hash_n) || 0x0A || canonical_json(payload_n)))
    prev_hash_1 = GENESIS_HASH = "0" * 64   (or the hash a segment continues from)
    prev_hash_n = hash_(n-1),  seq_n = seq_(n-1) + 1

* ``canonical_json`` is ``gongkai.core.jcs`` (RFC 8785 profile: sorted ASCII
  keys, no whitespace, NFC strings, integers only).  The payload must already be
  JSON-able: the caller turns datetimes into ISO 8601 strings and Decimals into
  strings.  Anything else (a float, a datetime) raises ``CanonicalJSONError``,
  a ``ValueError``.
* Hashes are 64 lower-case hexadecimal characters.
* The sequence number is not inside the hashed bytes; ordering is protected by
  the ``prev_hash`` links, and ``verify`` additionally requires consecutive
  ``seq`` values so that a deleted link is reported as a gap.

``verify`` reads the links one at a time and keeps only the previous link's
hash and seq, so it runs in constant memory over an iterator of any length; it
stops at the first broken link.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.core.jcs import canonical_json

__all__ = ["GENESIS_HASH", "Link", "VerifyResult", "chain", "event_hash", "verify"]

GENESIS_HASH = "0" * 64
_HASH_RE = re.compile(r"[0-9a-f]{64}")

# Reasons start with a stable English phrase; the Chinese text follows for staff.
REASON_HASH = "hash mismatch: payload or hash altered（哈希不符：内容或哈希值被改动）"
REASON_PREV = "prev_hash does not match previous link's hash（前序哈希与上一条不符）"
REASON_GAP = "sequence gap（序号不连续：有记录缺失）"
REASON_ORDER = "sequence out of order or duplicated（序号倒序或重复）"
REASON_GENESIS = "first link does not start from genesis（首条记录未接续起点哈希）"


def _check_hash(value: str, name: str) -> None:
    if not isinstance(value, str) or _HASH_RE.fullmatch(value) is None:
        raise ValueError(f"{name} must be 64 lower-case hex characters")


def event_hash(prev_hash: str, payload: Mapping[str, Any]) -> str:
    """Return SHA-256 hex of ``prev_hash`` (ASCII) + ``b"\\n"`` + canonical JSON."""
    _check_hash(prev_hash, "prev_hash")
    data = prev_hash.encode("ascii") + b"\n" + canonical_json(dict(payload))
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Link:
    """One stored link of the chain."""

    seq: int
    prev_hash: str
    hash: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :func:`verify`; ``checked`` counts the links found intact."""

    ok: bool
    checked: int
    first_broken: int | None  # seq of the first broken link
    reason: str  # "" when ok


def verify(chain: Iterable[Link], *, start_hash: str = GENESIS_HASH) -> VerifyResult:
    """Check links in order in constant memory; stop at the first broken one."""
    _check_hash(start_hash, "start_hash")
    expected_prev = start_hash
    last_seq: int | None = None
    checked = 0
    for link in chain:
        reason = ""
        if last_seq is not None and link.seq != last_seq + 1:
            reason = REASON_GAP if link.seq > last_seq + 1 else REASON_ORDER
        elif link.prev_hash != expected_prev:
            reason = REASON_GENESIS if last_seq is None else REASON_PREV
        elif event_hash(link.prev_hash, link.payload) != link.hash:
            reason = REASON_HASH
        if reason:
            return VerifyResult(False, checked, link.seq, reason)
        expected_prev = link.hash
        last_seq = link.seq
        checked += 1
    return VerifyResult(True, checked, None, "")


def chain(
    payloads: Iterable[Mapping[str, Any]],
    *,
    start_hash: str = GENESIS_HASH,
    start_seq: int = 1,
) -> Iterator[Link]:
    """Yield linked :class:`Link` objects for ``payloads`` (lazily, in order)."""
    _check_hash(start_hash, "start_hash")
    prev = start_hash
    for seq, payload in enumerate(payloads, start=start_seq):
        # A shallow copy: later changes to the caller's dict do not alter the link.
        frozen = dict(payload)
        digest = event_hash(prev, frozen)
        yield Link(seq=seq, prev_hash=prev, hash=digest, payload=frozen)
        prev = digest
