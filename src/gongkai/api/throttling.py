"""API throttles counting in the shared ``limits`` cache, by the one client address.

DRF's own ``get_ident`` believes any ``X-Forwarded-For`` unless ``NUM_PROXIES`` is
set, and its counters live in the default cache (each worker's memory without
Redis); both are replaced here (see gongkai.common.limits).
"""

from __future__ import annotations

import math
from typing import Any

from django.core.cache import BaseCache
from rest_framework import throttling

from gongkai.common.limits import client_ip, limit_exceeded, limits_cache, window_left


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Anonymous callers: ``num_requests`` in any ``duration`` seconds (the sliding
    estimate of ``limit_exceeded``), counted atomically: DRF's list of timestamps
    is read and written back, and concurrent workers overwrite each other's."""

    @property
    def cache(self) -> BaseCache:
        return limits_cache()

    def get_ident(self, request: Any) -> str:
        return client_ip(request._request)

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None or (request.user and request.user.is_authenticated):
            return True
        self.now = self.timer()
        return not limit_exceeded(
            bucket=f"api:{self.scope}",
            ident=self.get_ident(request),
            limit=self.num_requests,
            window=self.duration,
            now=self.now,
        )

    def wait(self) -> float:
        return max(1.0, math.ceil(window_left(self.duration, now=self.now)))
