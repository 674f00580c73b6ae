"""Each test starts with an empty cache: cached search results and facet counts are
keyed by database state, which restarts with every test's rolled-back database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation

from gongkai.portal import pagecache


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    caches["pages"].clear()
    pagecache._local.clear()
    yield
    # A request in English leaves English active in this thread (LocaleMiddleware).
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    caches["pages"].clear()
    pagecache._local.clear()
