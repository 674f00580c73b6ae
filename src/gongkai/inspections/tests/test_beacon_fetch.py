"""Fetching the drand round over HTTP (a real local server stands in for drand)."""

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

from gongkai.inspections import services
from gongkai.inspections.beacon import BeaconFetchError, drand_fetch

from .support import CHAIN, T0, make_task, registry

SIGNATURE = "ab" * 48


class Drand(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        parts = self.path.strip("/").split("/")
        if len(parts) != 3 or parts[1] != "public":
            self.send_error(404)
            return
        body = {
            "round": int(parts[2]),
            "signature": SIGNATURE,
            "randomness": hashlib.sha256(bytes.fromhex(SIGNATURE)).hexdigest(),
        }
        data = json.dumps(body).encode()
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
    assert got["randomness"] == hashlib.sha256(bytes.fromhex(SIGNATURE)).hexdigest()


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


@pytest.mark.django_db
def test_fetch_button_enters_the_beacon(
    drand_url, settings, login, staff, reviewer, department
):
    settings.GONGKAI_DRAND_URL = drand_url
    registry()
    task = make_task(by=staff, department=department)
    d = services.draw_freeze(task=task, by=staff, now=T0)
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    with time_machine.travel(d.beacon_time + dt.timedelta(minutes=5)):
        c = login(reviewer)
        c.post(
            reverse("inspections-staff:task-action", args=[task.code, "beacon-fetch"]),
            {"draw": d.pk},
        )
    d.refresh_from_db()
    assert d.state == "beacon" and d.beacon_evidence["signature"] == SIGNATURE
