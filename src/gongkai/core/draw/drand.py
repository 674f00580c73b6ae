"""drand beacon verification (DRAW.md §6.3, §7.1): the BLS signature of a round.

§7.1: B is the round's 32-byte ``randomness``, SHA-256 of its BLS signature, and the
signature MUST verify against the pinned key of the chain. The schemes of the public
League of Entropy networks are supported:

* ``pedersen-bls-chained`` ("default", 30 s): public key on G1, signature on G2 over
  SHA-256(previous_signature ‖ round as 8 bytes big-endian);
* ``pedersen-bls-unchained``: the same groups over SHA-256(round);
* ``bls-unchained-g1-rfc9380`` ("quicknet", 3 s): public key on G2, signature on G1
  over SHA-256(round), hashed to G1 as RFC 9380 with the DST below.

Pairings come from py_ecc (pure Python, about a second per check: fine for one
beacon). Pure: no Django, no network; the app fetches, this module decides.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from dataclasses import dataclass
from typing import Any

CHAINED = "pedersen-bls-chained"
UNCHAINED = "pedersen-bls-unchained"
QUICKNET_SCHEME = "bls-unchained-g1-rfc9380"
SCHEMES = (CHAINED, UNCHAINED, QUICKNET_SCHEME)
_DST_G1 = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"


@dataclass(frozen=True)
class DrandChain:
    """A drand network pinned by its chain hash: key, scheme, genesis and period."""

    name: str
    public_key: str  # hex, compressed point
    scheme: str
    genesis: int  # Unix time of round 1
    period: int  # seconds between rounds


# The League of Entropy mainnets, from each chain's /info (hash = chain hash).
KNOWN_CHAINS: dict[str, DrandChain] = {
    "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971": DrandChain(
        name="quicknet",
        public_key=(
            "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c"
            "8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb"
            "5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a"
        ),
        scheme=QUICKNET_SCHEME,
        genesis=1692803367,
        period=3,
    ),
    "8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce": DrandChain(
        name="default",
        public_key=(
            "868f005eb8e6e4ca0a47c8a77ceaa5309a47978a7c71bc5cce96366b5d7a5699"
            "37c529eeda66c7293784a9402801af31"
        ),
        scheme=CHAINED,
        genesis=1595431050,
        period=30,
    ),
}


class DrandVerifyError(ValueError):
    """The round does not verify; ``message_zh`` says why, for staff pages."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh


def round_message(scheme: str, round_number: int, previous_signature: bytes) -> bytes:
    """The 32 bytes a round's signature signs, per scheme."""
    round_bytes = round_number.to_bytes(8, "big")
    if scheme == CHAINED:
        return hashlib.sha256(previous_signature + round_bytes).digest()
    return hashlib.sha256(round_bytes).digest()


def randomness(signature: bytes) -> bytes:
    """§7.1: a round's randomness is SHA-256 of its signature, whatever hash_alg is."""
    return hashlib.sha256(signature).digest()


def _hex(value: str, what: str) -> bytes:
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise DrandVerifyError(
            f"{what}不是十六进制", f"{what} is not hexadecimal"
        ) from None


def verify_round(
    chain: DrandChain,
    round_number: int,
    signature_hex: str,
    previous_signature_hex: str = "",
) -> bytes:
    """Check a round's BLS signature against the chain's pinned key; return B (§7.1).

    Raises :class:`DrandVerifyError` when it does not verify.
    """
    if round_number < 1:
        raise DrandVerifyError("轮次必须大于 0", "round must be at least 1")
    signature = _hex(signature_hex, "签名")
    previous = _hex(previous_signature_hex, "上一轮签名")
    if chain.scheme == CHAINED and not previous:
        raise DrandVerifyError(
            "该 drand 网络是链式的，验证签名还需要上一轮的签名",
            "a chained network needs the previous signature",
        )
    message = round_message(chain.scheme, round_number, previous)
    if not _bls_ok(chain, message, signature):
        raise DrandVerifyError(
            f"drand 签名验证失败：不是 {chain.name} 网络第 {round_number} 轮的有效签名",
            f"BLS signature does not verify for {chain.name} round {round_number}",
        )
    return randomness(signature)


def _py_ecc(module: str) -> Any:
    # py_ecc's type hints do not re-export its names; loaded as Any, used narrowly.
    # Importing it raises the process's recursion limit to 100,000, past what the C
    # stack holds: a deeply nested JSON body parsed later (an API request, an
    # uploaded file) would then crash the worker instead of raising RecursionError.
    # The pairings need no deep recursion; the limit is put back.
    limit = sys.getrecursionlimit()
    try:
        return importlib.import_module(f"py_ecc.{module}")
    finally:
        sys.setrecursionlimit(limit)


def _bls_ok(chain: DrandChain, message: bytes, signature: bytes) -> bool:
    public_key = bytes.fromhex(chain.public_key)
    if chain.scheme in (CHAINED, UNCHAINED):
        g2_basic = _py_ecc("bls").G2Basic  # key on G1, signature on G2 (its DST)
        try:
            return bool(g2_basic.Verify(public_key, message, signature))
        except (ValueError, TypeError, AssertionError):
            return False
    if chain.scheme == QUICKNET_SCHEME:
        return _verify_g1_signature(public_key, message, signature)
    raise DrandVerifyError(
        f"不支持的 drand 签名方案 {chain.scheme}", f"unsupported scheme {chain.scheme}"
    )


def _verify_g1_signature(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """e(σ, g2) = e(H(m), pk) with σ, H(m) in G1 and pk in G2 (RFC 9380 hash)."""
    if len(signature) != 48 or len(public_key) != 96:
        return False
    curve = _py_ecc("optimized_bls12_381")
    compression = _py_ecc("bls.point_compression")
    try:
        sigma = compression.decompress_G1(int.from_bytes(signature, "big"))
        key = compression.decompress_G2(
            (
                int.from_bytes(public_key[:48], "big"),
                int.from_bytes(public_key[48:], "big"),
            )
        )
    except (ValueError, TypeError, AssertionError):
        return False
    # Both points must lie in the prime-order subgroups and not be the identity.
    for point in (sigma, key):
        if curve.is_inf(point) or not curve.is_inf(
            curve.multiply(point, curve.curve_order)
        ):
            return False
    h = _py_ecc("bls.hash_to_curve").hash_to_G1(message, _DST_G1, hashlib.sha256)
    miller_loop = _py_ecc("optimized_bls12_381.optimized_pairing").miller_loop
    product = miller_loop(curve.G2, sigma) * miller_loop(curve.neg(key), h)
    return bool(curve.final_exponentiate(product) == curve.FQ12.one())
