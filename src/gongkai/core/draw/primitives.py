"""Cryptographic primitives of dsr-draw/1 (DRAW.md §2).

H (SHA-256 or SM3), ENC (length-prefixed fields), PRF (HMAC-H), subkeys, tickets,
u64, the RFC 9162 Merkle tree hash MTH, and the rejection-sampled index stream
``uniform``. Everything here is a pure function of its arguments.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import methodcaller
from typing import Any, TypeVar

from .errors import DrawInputError

Field = bytes | str | int

HASH_ALGS = ("sha256", "sm3")
T = TypeVar("T")
_DIGEST = methodcaller("digest")


def _enc_field(field: Field) -> bytes:
    # §2.2: bytes as is; strings NFC + UTF-8; integers >= 0 in canonical decimal.
    if isinstance(field, bytes):
        data = field
    elif isinstance(field, str):
        # ASCII is already NFC; skipping normalize() is a pure speed-up.
        text = field if field.isascii() else unicodedata.normalize("NFC", field)
        data = text.encode("utf-8")
    elif isinstance(field, int) and not isinstance(field, bool) and field >= 0:
        data = str(field).encode("ascii")
    else:
        raise TypeError(f"ENC field must be bytes, str or int >= 0, not {field!r}")
    return len(data).to_bytes(4, "big") + data


def enc(*fields: Field) -> bytes:
    """ENC(f1, …, fn) of §2.2: each field as a 4-byte big-endian length, then bytes."""
    return b"".join(_enc_field(f) for f in fields)


def u64(digest: bytes) -> int:
    """u64(d) of §2.3: the first 8 bytes of ``digest`` as a big-endian integer."""
    return int.from_bytes(digest[:8], "big")


def sm3_available() -> bool:
    """Whether this Python's OpenSSL provides SM3 (§2.1 makes it build-dependent)."""
    try:
        hashlib.new("sm3")
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class HashProfile:
    """H and the constructions built on it, for one ``hash_alg`` (§2.1, §2.3, §2.5)."""

    name: str
    _new: Callable[..., Any]

    @classmethod
    def for_alg(cls, hash_alg: str) -> HashProfile:
        """The profile for ``hash_alg``; refuses SM3 when OpenSSL lacks it (§2.1)."""
        if hash_alg == "sha256":
            return cls("sha256", hashlib.sha256)
        if hash_alg == "sm3":
            if not sm3_available():
                # §2.1: MUST refuse an sm3 task rather than fall back.
                raise DrawInputError(
                    "hash_unavailable",
                    "$.task.hash_alg",
                    "SM3 is not provided by this OpenSSL build",
                )
            # functools.partial keeps the constructor callable from C (see hash_many).
            return cls("sm3", functools.partial(hashlib.new, "sm3"))
        raise DrawInputError("unknown_hash_alg", "$.task.hash_alg", repr(hash_alg))

    def h(self, data: bytes) -> bytes:
        """H(data), 32 bytes (§2.1)."""
        return bytes(self._new(data).digest())

    def hasher(self, data: bytes = b"") -> Any:
        """A running hash object primed with ``data`` (for prefix reuse)."""
        return self._new(data)

    def prf(self, key: bytes, *fields: Field) -> bytes:
        """PRF(k, f…) = HMAC-H(k, ENC(f…)) (§2.3, RFC 2104)."""
        return hmac.digest(key, enc(*fields), self.name)

    def subkey(self, seed: bytes, label: str) -> bytes:
        """k_X = PRF(seed, "X") (§2.3, §7.4)."""
        return self.prf(seed, label)

    def ticket(self, key: bytes, *fields: Field) -> bytes:
        """ticket(k, f…) = H(ENC(k, f…)), ``k`` as a bytes field (§2.3)."""
        return self.h(enc(key, *fields))

    def hash_many(self, items: Iterable[bytes]) -> list[bytes]:
        """[H(d) for d in items], iterated in C: no Python frame per item."""
        return list(map(_DIGEST, map(self._new, items)))

    def tickets(self, key: bytes, values: Sequence[str]) -> list[bytes]:
        """ticket(key, v) for each string v (§2.3), computed in bulk."""
        prefix = enc(key)
        return self.hash_many(map(prefix.__add__, map(_enc_field, values)))

    def tickets_encoded(self, key: bytes, encoded: Iterable[bytes]) -> list[bytes]:
        """ticket(key, v) for values given already as ENC(v) (§2.2), in bulk."""
        return self.hash_many(map(enc(key).__add__, encoded))

    def by_ticket(
        self, key: bytes, items: Iterable[T], ident: Callable[[T], str]
    ) -> list[tuple[bytes, T]]:
        """(ticket, item) pairs sorted by (ticket(key, ident(item)), ident(item)).

        The order of §8.4 (ranking), §9.1 (teams) and §9.4 (processing): tickets
        compare as 32-byte strings, i.e. as 256-bit big-endian integers (§2.3), and
        an exact tie falls back to the identifier.
        """
        pool = list(items)
        tickets = self.tickets(key, [ident(item) for item in pool])
        pairs = zip(tickets, pool, strict=True)
        return sorted(pairs, key=lambda pair: (pair[0], ident(pair[1])))

    def mth(self, leaves: Sequence[bytes]) -> bytes:
        """MTH(D), the RFC 9162 Merkle tree hash (§2.5)."""
        if not leaves:
            return self.h(b"")
        return self.mth_of_leaf_hashes(self.hash_many(map(b"\x00".__add__, leaves)))

    def mth_of_leaf_hashes(self, level: list[bytes]) -> bytes:
        """MTH from the leaf hashes H(0x00 ‖ d) of a non-empty list (§2.5)."""
        # Bottom-up pairing, the odd last node carried up unchanged, builds exactly the
        # tree of §2.5 (split at the largest power of two below n) without recursion.
        node = b"\x01".__add__
        while len(level) > 1:
            paired = self.hash_many(
                map(node, map(bytes.__add__, level[0::2], level[1::2]))
            )
            if len(level) % 2:
                paired.append(level[-1])
            level = paired
        return level[0]

    def uniform(self, key: bytes, ident: str, n: int) -> Iterator[int]:
        """uniform(k, id, n) of §2.6: an endless stream of indices in [0, n)."""
        if n < 1:
            raise ValueError("uniform needs n >= 1")
        limit = 2**64 - (2**64 % n)
        base = self._new(enc(key, ident))
        counter = 0
        while True:
            hasher = base.copy()
            hasher.update(enc(counter))
            value = u64(hasher.digest())
            counter += 1
            if value < limit:  # otherwise skipped; a skipped value is not a probe
                yield value % n
