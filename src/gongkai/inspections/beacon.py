"""Fetching a drand round (DRAW.md §6.3, §7.1) from a drand HTTP endpoint.

Only the transport lives here; what is accepted is decided by
``services.draw_beacon_enter``, which verifies the round's BLS signature against the
chain's pinned key (``gongkai.core.draw.drand``) and derives the randomness from it.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from typing import Any

from gongkai.core import jsondepth

HEX = re.compile(r"(?:[0-9a-f]{2})+")


class BeaconFetchError(Exception):
    """The round could not be fetched or is malformed; the message is for staff."""


def drand_fetch(
    *, base_url: str, chain_hash: str, round_number: int, timeout: float = 10.0
) -> dict[str, str]:
    """GET {base_url}/{chain_hash}/public/{round}: the round's signature and randomness."""
    if not base_url.startswith(("https://", "http://")):
        raise BeaconFetchError("drand 地址必须以 https:// 或 http:// 开头")
    url = f"{base_url.rstrip('/')}/{chain_hash}/public/{round_number}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            body = response.read(65536)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise BeaconFetchError(f"无法从 {url} 取得 drand 轮次：{exc}") from exc
    try:
        # From the network, into a process with py_ecc's recursion limit, where a
        # body of 65,536 "[" would overflow the C stack (core.jsondepth).
        data: Any = jsondepth.loads(body.decode("utf-8-sig"))
    except ValueError as exc:
        raise BeaconFetchError("drand 返回的内容不是 JSON") from exc
    if not isinstance(data, dict) or data.get("round") != round_number:
        raise BeaconFetchError("drand 返回的轮次与任务不符")
    signature = str(data.get("signature", "")).lower()
    randomness = str(data.get("randomness", "")).lower()
    previous = str(data.get("previous_signature") or "").lower()
    if not HEX.fullmatch(signature) or not HEX.fullmatch(randomness):
        raise BeaconFetchError("drand 返回的签名或随机数不是十六进制")
    if previous and not HEX.fullmatch(previous):
        raise BeaconFetchError("drand 返回的上一轮签名不是十六进制")
    return {
        "signature": signature,
        "randomness": randomness,
        "previous_signature": previous,
        "url": url,
    }
