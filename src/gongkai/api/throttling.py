"""API throttles counting in the shared ``limits`` cache, by the one client address.

DRF's own ``get_ident`` believes any ``X-Forwarded-For`` unless ``NUM_PROXIES`` is
set, and its counters live in the default cache (each worker's memory without
Redis); both are replaced here (see gongkai.common.limits).
"""

from __future__ import annotations

from typing import Any

from django.core.cache import BaseCache
from rest_framework import throttling

from gongkai.common.limits import client_ip, limits_cache


class AnonRateThrottle(throttling.AnonRateThrottle):
    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return limits_cache()

    def get_ident(self, request: Any) -> str:
        return client_ip(request._request)
