"""Probe the rate limits of a running gongkai server (issue 21, item 4).

    python scripts/probe_limits.py http://127.0.0.1:8001 [--calls 400] [--threads 8]

1. ``--calls`` anonymous API calls from ``--threads`` threads, each with another
   ``X-Forwarded-For`` and ``X-Real-IP``: with the server's workers sharing one
   limit and the headers ignored from an untrusted peer, exactly the anonymous rate
   (``GONGKAI_ANON_RATE``, 120/minute) passes.
2. One FOI form token submitted ``--replays`` times: one is accepted, the rest are
   refused as replays.

Over plain HTTP the server must send cookies without TLS (production settings mark
them Secure); run it against a test instance, never a live one (it files a request).
"""

from __future__ import annotations

import argparse
import collections
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

API = "/api/v1/calendar/working-days/?start=2026-01-05&n=1"
FORM = {
    "applicant_type": "natural_person",
    "name": "探测",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "description": "rate-limit probe",
    "form": "electronic",
    "delivery": "post",
    "address": "福州",
    "website": "",
}


def _status(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 (the operator's URL)
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def api_calls(base: str, calls: int, threads: int) -> collections.Counter[int]:
    def call(i: int) -> int:
        headers = {
            "X-Forwarded-For": f"10.{i // 250}.{i % 250}.1",
            "X-Real-IP": f"10.200.{i % 250}.2",
        }
        request = urllib.request.Request(base + API, headers=headers)  # noqa: S310
        return _status(request)

    with ThreadPoolExecutor(threads) as pool:
        return collections.Counter(pool.map(call, range(calls)))


def form_replays(base: str, replays: int) -> collections.Counter[str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/foi/apply/").read().decode()
    token = re.search(r'name="token" value="([^"]+)"', page)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token or not csrf:
        raise SystemExit("the form page has no token")
    time.sleep(3.5)  # the form's minimum filling time
    data = urllib.parse.urlencode(
        {**FORM, "token": token[1], "csrfmiddlewaretoken": csrf[1]}
    ).encode()
    outcome: collections.Counter[str] = collections.Counter()
    for _ in range(replays):
        request = urllib.request.Request(base + "/foi/apply/", data=data)  # noqa: S310
        try:
            response = opener.open(request)
        except urllib.error.HTTPError as exc:
            outcome[f"HTTP {exc.code}"] += 1
            continue
        body = response.read().decode()
        if response.url.endswith("/done/"):  # redirected to the acknowledgement
            outcome["accepted"] += 1
        elif "此表单已经提交过" in body:
            outcome["replay refused"] += 1
        elif "提交次数过多" in body:
            outcome["rate limited"] += 1
        else:
            outcome["other"] += 1
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="e.g. http://127.0.0.1:8001")
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--replays", type=int, default=30)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    print("API, rotating headers:", dict(api_calls(base, args.calls, args.threads)))
    print("FOI form, one token:", dict(form_replays(base, args.replays)))


if __name__ == "__main__":
    main()
