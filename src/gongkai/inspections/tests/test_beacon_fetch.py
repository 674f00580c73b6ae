"""Fetching and entering drand rounds: the BLS signature is verified before the value
is accepted (DRAW.md §7.1). A local server stands in for drand, signing with a test
key pinned in the settings; a real recorded quicknet round is entered by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from py_ecc.bls import G2Basic

from gongkai.common.errors import InvalidInputError
from gongkai.core.draw.drand import UNCHAINED
from gongkai.inspections import services
from gongkai.inspections.beacon import BeaconFetchError, drand_fetch

from .support import CHAIN, T0, make_task, registry

TEST_KEY = 20260302  # a test chain's secret key; its public key is pinned below
PINNED = {
    CHAIN: {
        "name": "test",
        "public_key": G2Basic.SkToPk(TEST_KEY).hex(),
        "scheme": UNCHAINED,
        "genesis": 1692803367,
        "period": 3,
    }
}
TAMPER = {"on": False}


def signature_for(round_number: int) -> str:
    message = hashlib.sha256(round_number.to_bytes(8, "big")).digest()
    return G2Basic.Sign(TEST_KEY, message).hex()


# Answers of a broken or hostile drand endpoint, by the chain hash asked for. The
# two that parse come first: should the check go, they fail as assertions before
# the open arrays crash the process.
DEEP_BODIES = {
    "deep-closed": b"[" * 65 + b"]" * 65,
    "deep-objects": b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
    "deep-arrays": b"[" * 100_000,  # read as its first 65,536 bytes
}


class Drand(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        parts = self.path.strip("/").split("/")
        if len(parts) != 3 or parts[1] != "public":
            self.send_error(404)
            return
        if parts[0] in DEEP_BODIES:
            self._send(DEEP_BODIES[parts[0]])
            return
        signature = signature_for(int(parts[2]) + (1 if TAMPER["on"] else 0))
        body = {
            "round": int(parts[2]),
            "signature": signature,
            "randomness": hashlib.sha256(bytes.fromhex(signature)).hexdigest(),
        }
        self._send(json.dumps(body).encode())

    def _send(self, data: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def drand_url():
    server = HTTPServer(("127.0.0.1", 0), Drand)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_fetch_returns_signature_and_randomness(drand_url):
    got = drand_fetch(base_url=drand_url, chain_hash=CHAIN, round_number=1000)
    signature = signature_for(1000)
    assert got["randomness"] == hashlib.sha256(bytes.fromhex(signature)).hexdigest()


def test_fetch_failures_are_explained(drand_url):
    with pytest.raises(BeaconFetchError):
        drand_fetch(
            base_url=drand_url + "/nothing/here", chain_hash=CHAIN, round_number=1
        )
    with pytest.raises(BeaconFetchError):
        drand_fetch(base_url="ftp://x", chain_hash=CHAIN, round_number=1)
    with pytest.raises(BeaconFetchError):
        drand_fetch(
            base_url="http://127.0.0.1:9", chain_hash=CHAIN, round_number=1, timeout=2
        )


@pytest.mark.parametrize("chain", list(DEEP_BODIES))
def test_an_answer_nested_too_deep_is_refused_before_parsing(drand_url, chain):
    # This process has py_ecc's recursion limit (100,000): parsed, the open
    # arrays would overflow the C stack (a crash, not a RecursionError).
    with pytest.raises(BeaconFetchError, match="drand 返回的内容不是 JSON"):
        drand_fetch(base_url=drand_url, chain_hash=chain, round_number=1)


def _committed(staff, reviewer, department):
    registry()
    task = make_task(by=staff, department=department)
    d = services.draw_freeze(task=task, by=staff, now=T0)
    return task, services.draw_commit(draw=d, by=reviewer, now=T0)


def _fetch(login, reviewer, task, d):
    with time_machine.travel(d.beacon_time + dt.timedelta(minutes=5)):
        return login(reviewer).post(
            reverse("inspections-staff:task-action", args=[task.code, "beacon-fetch"]),
            {"draw": d.pk},
            follow=True,
        )


@pytest.mark.django_db
def test_fetch_button_enters_a_verified_beacon(
    drand_url, settings, login, staff, reviewer, department
):
    settings.GONGKAI_DRAND_URL = drand_url
    settings.GONGKAI_DRAND_CHAINS = PINNED
    task, d = _committed(staff, reviewer, department)
    _fetch(login, reviewer, task, d)
    d.refresh_from_db()
    assert d.state == "beacon"
    assert d.beacon_evidence["signature"] == signature_for(1000)
    assert d.beacon_evidence["verified"] is True
    assert (
        d.beacon_randomness_hex
        == hashlib.sha256(bytes.fromhex(signature_for(1000))).hexdigest()
    )


@pytest.mark.django_db
def test_fetched_round_with_a_bad_signature_is_refused(
    drand_url, settings, login, staff, reviewer, department
):
    settings.GONGKAI_DRAND_URL = drand_url
    settings.GONGKAI_DRAND_CHAINS = PINNED
    task, d = _committed(staff, reviewer, department)
    TAMPER["on"] = True  # the server signs another round
    try:
        page = _fetch(login, reviewer, task, d).content.decode()
    finally:
        TAMPER["on"] = False
    d.refresh_from_db()
    assert d.state == "committed" and not d.beacon_randomness_hex
    assert "drand 签名验证失败" in page


@pytest.mark.django_db
def test_fetch_from_a_chain_without_a_pinned_key_is_refused(
    drand_url, settings, login, staff, reviewer, department
):
    settings.GONGKAI_DRAND_URL = drand_url
    task, d = _committed(staff, reviewer, department)
    page = _fetch(login, reviewer, task, d).content.decode()
    d.refresh_from_db()
    assert d.state == "committed"
    assert "未登记该 drand 网络的公钥" in page


QUICKNET = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"
ROUND = 5928395  # recorded: gongkai/core/tests/data/drand_rounds.json
ROUND_SIGNATURE = (
    "a5d07c0071b4e386b3ae09206522253c68fefe8490ad59ecc44a7dd0d0745be9"
    "1da5779e2247a82403fbc0cb9a34cb61"
)


@pytest.mark.django_db
def test_real_quicknet_round_entered_by_hand_verifies(staff, reviewer, department):
    registry()
    genesis, period = 1692803367, 3
    at = dt.datetime.fromtimestamp(genesis + (ROUND - 1) * period, tz=dt.UTC)
    before = at - dt.timedelta(days=1)
    task = make_task(
        by=staff,
        department=department,
        drand_chain_hash=QUICKNET,
        drand_round=ROUND,
        beacon_time=at,
        now=before,
    )
    d = services.draw_freeze(task=task, by=staff, now=before)
    d = services.draw_commit(draw=d, by=reviewer, now=before)
    after = at + dt.timedelta(minutes=1)
    for bad in ("", "b" + ROUND_SIGNATURE[1:]):
        with pytest.raises(InvalidInputError) as err:
            services.draw_beacon_enter(
                draw=d,
                by=reviewer,
                now=after,
                signature_hex=bad,
                randomness_hex="51" * 32,
            )
        assert err.value.code == "inspections.beacon_signature"
    d = services.draw_beacon_enter(
        draw=d, by=reviewer, now=after, signature_hex=ROUND_SIGNATURE
    )
    assert d.beacon_evidence["verified"] is True
    assert d.beacon_evidence["network"] == "quicknet"
    assert d.beacon_randomness_hex == (
        "51722dab0761a1ba5b39f653fa87bef41b442d91fc926a4d727a6be87373fc58"
    )
