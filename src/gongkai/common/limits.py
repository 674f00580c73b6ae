"""The client's address and the counters of rate limits, the same for every worker.

Address: ``REMOTE_ADDR``, unless the request comes from a trusted proxy
(``GONGKAI_TRUSTED_PROXIES``, addresses or networks). Only then is the proxy's word
taken: ``X-Real-IP`` when the proxy set it, else the right-most address in
``X-Forwarded-For`` that is not itself a trusted proxy (a client can prepend
anything to that header, but not append after what the proxy adds). Every limit,
the login lockout (django-axes), the API throttles and the audit rows use this one
answer, so a client cannot choose its address with a header.

Counters: the ``limits`` cache, Redis when ``GONGKAI_CACHE_URL`` is set, else a
database table, so that every worker counts against one limit (a per-process
memory would multiply each limit by the number of workers).
"""

from __future__ import annotations

import ipaddress
import time
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import HttpRequest

LIMITS_CACHE = "limits"
LIMITS_TABLE = "gongkai_limits"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s, strict=False) for s in spec)


def trusted_proxies() -> tuple[Network, ...]:
    """The networks of ``GONGKAI_TRUSTED_PROXIES`` (read on every call: settings may
    change in tests; parsing is cached by value)."""
    return _networks(tuple(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ())))


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(address: Any, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in net for net in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address: the proxy header only from a trusted proxy (see above)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_proxies()
    if not networks or not _is_trusted(_parse(remote), networks):
        return remote
    real = _parse(request.META.get("HTTP_X_REAL_IP", ""))
    if real is not None:
        return str(real)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        address = _parse(hop)
        if address is None:
            break  # garbage from the client side of the chain: stop trusting it
        if not _is_trusted(address, networks):
            return str(address)
    return remote


def limits_cache() -> BaseCache:
    """The cache every worker shares for counters and single-use tokens."""
    return caches[LIMITS_CACHE]


def _count(cache: BaseCache, key: str, window: int) -> int:
    """Add one to the counter ``key``, atomically for every worker; the new count."""
    if isinstance(cache, DatabaseCache):
        # get-then-set would lose counts between workers: lock the row first
        # (SQLite's IMMEDIATE transactions already serialise writers).
        db = router.db_for_write(cache.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            cache.add(key, 0, timeout=window)
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(cache._table)  # type: ignore[attr-defined]
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608
                        [cache.make_and_validate_key(key)],
                    )
            count = int(cache.get(key, 0)) + 1
            cache.set(key, count, timeout=window)
            return count
    cache.add(key, 0, timeout=window)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr: this is the first attempt
        cache.add(key, 1, timeout=window)
        return 1


def limit_exceeded(
    *, bucket: str, ident: str, limit: int, window: int, now: float | None = None
) -> bool:
    """Count one attempt of ``ident`` in ``bucket``; True once more than ``limit``
    attempts fell in the last ``window`` seconds.

    A sliding window estimated from two fixed ones: this window's count plus the
    previous window's, weighted by how much of it still lies within the last
    ``window`` seconds. Fixed windows alone let a client pass twice the limit
    around a window's end. Refused attempts count too: a client that keeps trying
    stays refused until it slows down.
    """
    now = time.time() if now is None else now
    slot, into = divmod(now, window)
    cache = limits_cache()
    # The window is in the key, so a key's expiry never decides the count.
    current = _count(cache, f"{bucket}:{ident}:{int(slot)}", 2 * window)
    previous = int(cache.get(f"{bucket}:{ident}:{int(slot) - 1}", 0))
    return previous * (1 - into / window) + current > limit


def window_left(window: int, now: float | None = None) -> float:
    """Seconds until the current fixed window of ``window`` seconds ends."""
    return window - (time.time() if now is None else now) % window


def use_once(*, bucket: str, ident: str, timeout: int) -> bool:
    """Mark ``ident`` used; False when it was already used within ``timeout`` s."""
    return bool(limits_cache().add(f"{bucket}:{ident}", 1, timeout=timeout))
