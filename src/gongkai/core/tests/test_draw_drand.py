"""drand BLS verification (DRAW.md §7.1) on real recorded rounds, and tampered ones.

The rounds in data/drand_rounds.json are responses of the drand HTTP API for the
two League of Entropy mainnets: quicknet (signature on G1, RFC 9380) and default
(chained, signature on G2).
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from gongkai.core.draw.drand import (
    KNOWN_CHAINS,
    DrandVerifyError,
    randomness,
    verify_round,
)

DATA = Path(__file__).resolve().parent / "data" / "drand_rounds.json"


@cache
def _rounds() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(DATA.read_text(encoding="utf-8"))["rounds"])


def _ids(rounds: tuple[dict[str, Any], ...]) -> list[str]:
    return [KNOWN_CHAINS[r["chain_hash"]].name for r in rounds]


@pytest.mark.parametrize("rec", _rounds(), ids=_ids(_rounds()))
def test_recorded_round_verifies_and_gives_its_randomness(rec: dict[str, Any]) -> None:
    chain = KNOWN_CHAINS[rec["chain_hash"]]
    b = verify_round(
        chain, rec["round"], rec["signature"], rec.get("previous_signature", "")
    )
    assert b.hex() == rec["randomness"]
    assert randomness(bytes.fromhex(rec["signature"])) == b


def _flip(hex_text: str, at: int) -> str:
    raw = bytearray(bytes.fromhex(hex_text))
    raw[at] ^= 0x01
    return raw.hex()


def _tamper_cases() -> list[Any]:
    return [
        pytest.param(rec, tamper, id=f"{KNOWN_CHAINS[rec['chain_hash']].name}-{tamper}")
        for rec in _rounds()
        for tamper in ("round", "signature", "previous", "other_chain")
        if tamper != "previous" or "previous_signature" in rec  # chained only
    ]


@pytest.mark.parametrize(("rec", "tamper"), _tamper_cases())
def test_tampered_round_is_rejected(rec: dict[str, Any], tamper: str) -> None:
    chain = KNOWN_CHAINS[rec["chain_hash"]]
    round_number, signature = rec["round"], rec["signature"]
    previous = rec.get("previous_signature", "")
    if tamper == "round":
        round_number += 1
    elif tamper == "signature":
        signature = _flip(signature, len(signature) // 4)
    elif tamper == "previous":
        previous = _flip(previous, 5)
    else:
        chain = next(c for h, c in KNOWN_CHAINS.items() if h != rec["chain_hash"])
    with pytest.raises(DrandVerifyError) as err:
        verify_round(chain, round_number, signature, previous)
    assert "drand" in err.value.message_zh or "签名" in err.value.message_zh


def test_chained_round_needs_the_previous_signature() -> None:
    rec = next(r for r in _rounds() if "previous_signature" in r)
    with pytest.raises(DrandVerifyError, match="previous"):
        verify_round(KNOWN_CHAINS[rec["chain_hash"]], rec["round"], rec["signature"])


@pytest.mark.parametrize("bad", ["xyz", "", "00" * 48, "c0" + "00" * 47])
def test_malformed_signatures_are_rejected(bad: str) -> None:
    rec = next(r for r in _rounds() if "previous_signature" not in r)
    with pytest.raises(DrandVerifyError):
        verify_round(KNOWN_CHAINS[rec["chain_hash"]], rec["round"], bad)


def test_loading_py_ecc_leaves_the_recursion_limit_as_it_was():
    # py_ecc raises it to 100,000 on import; deep JSON would then crash a worker.
    code = (
        "import sys; from gongkai.core.draw import drand; before = "
        "sys.getrecursionlimit(); drand._py_ecc('bls'); "
        "assert 'py_ecc' in sys.modules; print(before, sys.getrecursionlimit())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True).stdout.split()  # fmt: skip
    assert out[0] == out[1] != "100000"
