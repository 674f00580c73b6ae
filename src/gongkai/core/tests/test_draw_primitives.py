"""DRAW.md §2 primitives: H, ENC, PRF, ticket, u64, MTH, uniform."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.draw import DrawInputError, sm3_available
from gongkai.core.draw.primitives import HashProfile, enc, u64

SHA = HashProfile.for_alg("sha256")
needs_sm3 = pytest.mark.skipif(not sm3_available(), reason="this OpenSSL has no SM3")


@needs_sm3
def test_sm3_known_answer_from_section_2_1() -> None:
    sm3 = HashProfile.for_alg("sm3")
    assert sm3.h(b"abc").hex() == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )


def test_sm3_is_refused_not_replaced_when_openssl_lacks_it(monkeypatch) -> None:
    # §2.1: an implementation without SM3 MUST refuse an sm3 task, never fall back.
    monkeypatch.setattr("gongkai.core.draw.primitives.sm3_available", lambda: False)
    with pytest.raises(DrawInputError) as info:
        HashProfile.for_alg("sm3")
    assert info.value.code == "hash_unavailable"


def test_unknown_hash_alg_is_refused() -> None:
    with pytest.raises(DrawInputError) as info:
        HashProfile.for_alg("sha1")
    assert info.value.code == "unknown_hash_alg"


def test_sha256_profile_is_sha256() -> None:
    assert SHA.h(b"abc") == hashlib.sha256(b"abc").digest()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ((), b""),
        (("T1",), b"\x00\x00\x00\x02T1"),
        ((b"\x00\xff",), b"\x00\x00\x00\x02\x00\xff"),
        ((0,), b"\x00\x00\x00\x010"),
        ((17,), b"\x00\x00\x00\x0217"),
        (("",), b"\x00\x00\x00\x00"),
        (("é",), b"\x00\x00\x00\x02\xc3\xa9"),  # UTF-8, two bytes
        (("e\u0301",), b"\x00\x00\x00\x02\xc3\xa9"),  # NFC first: same as "é"
        (("a", 1, b"b"), b"\x00\x00\x00\x01a\x00\x00\x00\x011\x00\x00\x00\x01b"),
    ],
)
def test_enc_length_prefixes_each_field(fields, expected) -> None:
    assert enc(*fields) == expected


@pytest.mark.parametrize("bad", [-1, True, 1.0, None])
def test_enc_rejects_non_fields(bad) -> None:
    with pytest.raises(TypeError):
        enc(bad)


def test_u64_reads_first_eight_bytes_big_endian() -> None:
    assert u64(bytes(range(1, 33))) == 0x0102030405060708


def _hmac_by_hand(profile: HashProfile, key: bytes, msg: bytes) -> bytes:
    # RFC 2104 spelt out, independent of the hmac module (block size 64 for both H).
    if len(key) > 64:
        key = profile.h(key)
    key = key.ljust(64, b"\x00")
    inner = profile.h(bytes(b ^ 0x36 for b in key) + msg)
    return profile.h(bytes(b ^ 0x5C for b in key) + inner)


@pytest.mark.parametrize("alg", ["sha256", pytest.param("sm3", marks=needs_sm3)])
@given(key=st.binary(max_size=100), label=st.text(max_size=20))
def test_prf_is_rfc2104_hmac_over_enc(alg: str, key: bytes, label: str) -> None:
    profile = HashProfile.for_alg(alg)
    assert profile.prf(key, label, 3) == _hmac_by_hand(profile, key, enc(label, 3))


def test_subkey_is_prf_of_label() -> None:
    seed = bytes(32)
    assert SHA.subkey(seed, "TARGET-RANK") == SHA.prf(seed, "TARGET-RANK")


@given(key=st.binary(max_size=40), values=st.lists(st.text(max_size=20), max_size=8))
def test_batched_tickets_equal_single_tickets(key: bytes, values: list[str]) -> None:
    assert SHA.tickets(key, values) == [SHA.ticket(key, v) for v in values]
    assert SHA.ticket(key, "x") == SHA.h(enc(key, "x"))


def _mth_literal(profile: HashProfile, leaves: list[bytes]) -> bytes:
    # §2.5 written literally: split at the largest power of two below n.
    n = len(leaves)
    if n == 0:
        return profile.h(b"")
    if n == 1:
        return profile.h(b"\x00" + leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    left, right = _mth_literal(profile, leaves[:k]), _mth_literal(profile, leaves[k:])
    return profile.h(b"\x01" + left + right)


@given(st.lists(st.binary(max_size=8), max_size=70))
def test_mth_matches_the_recursive_definition(leaves: list[bytes]) -> None:
    assert SHA.mth(leaves) == _mth_literal(SHA, leaves)


def test_mth_edge_cases() -> None:
    h = SHA.h
    assert SHA.mth([]) == h(b"")
    assert SHA.mth([b"a"]) == h(b"\x00a")
    three = h(b"\x01" + h(b"\x01" + h(b"\x00a") + h(b"\x00b")) + h(b"\x00c"))
    assert SHA.mth([b"a", b"b", b"c"]) == three


def _uniform_literal(key: bytes, ident: str, n: int, count: int) -> list[int]:
    limit = 2**64 - (2**64 % n)
    out: list[int] = []
    c = 0
    while len(out) < count:
        v = u64(SHA.h(enc(key, ident, c)))
        if v < limit:
            out.append(v % n)
        c += 1
    return out


@given(n=st.integers(1, 50), key=st.binary(max_size=32), ident=st.text(max_size=10))
def test_uniform_matches_the_definition(n: int, key: bytes, ident: str) -> None:
    stream = SHA.uniform(key, ident, n)
    got = [next(stream) for _ in range(12)]
    assert got == _uniform_literal(key, ident, n, 12)
    assert all(0 <= g < n for g in got)


def test_uniform_skips_values_at_or_above_the_limit() -> None:
    # With n = 2^63 + 1 the limit L is 2^63 + 1, so about half the draws are skipped;
    # the emitted stream must still equal the literal definition.
    n = 2**63 + 1
    limit = 2**64 - (2**64 % n)
    raw = [u64(SHA.h(enc(b"k", "id", c))) for c in range(20)]
    assert any(v >= limit for v in raw)  # the case under test really occurs
    stream = SHA.uniform(b"k", "id", n)
    got = [next(stream) for _ in range(20)]
    assert got == _uniform_literal(b"k", "id", n, 20)
    assert got[:3] == [v % n for v in raw if v < limit][:3]


def test_uniform_rejects_empty_range() -> None:
    with pytest.raises(ValueError):
        next(SHA.uniform(b"k", "id", 0))
