"""The state every cached search answer belongs to (``search_state``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.publishing.caching import page_value, tag_values

from .models import SearchEntry

# The dependency tag every search result holds (``publishing.caching``): marked by
# every index write (``services._bump``, the thesaurus's included), by each edge
# of an entry's publication window and at the midnight an entry expires (the
# module's ``CacheWatch``).
SEARCH_TAG = SearchEntry._meta.label_lower


def search_state(now: dt.datetime) -> str | None:
    """Changes whenever any search result may change: the value of SEARCH_TAG as
    the page cache knows it (read from the database about once a second per
    process, at once after a change made in this process), and the day. None
    while content keeps changing (nothing may be kept then)."""
    value, _until = page_value(now)
    if not value:
        return None
    values = tag_values(value)
    return (
        f"{values.get(SEARCH_TAG, 0)}.{values.get('*', 0)}."
        f"{timezone.localdate(now).isoformat()}"
    )
