"""Each test starts with an empty cache: cached search results and facet counts are
keyed by database state, which restarts with every test's rolled-back database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache, caches


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    caches["pages"].clear()
    yield
    cache.clear()
    caches["pages"].clear()
