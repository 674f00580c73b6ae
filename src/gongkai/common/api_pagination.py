"""Page-number pagination of the API lists, fast on large tables.

Two costs grow with the table, and both are taken off the request:

- the total (``count``): a list whose queryset carries ``count_key`` (see
  ``count_cached``) has its total cached under that key, which the view derives from
  the public pages' state (``publishing.caching.catalogue_state``) and its filters, so
  the total is counted once per change of the content, not on every page view;
- a deep page (``?page=`` far from the first): the rows before it are skipped over the
  primary keys only (an index-only scan where the list's order has a covering index),
  and just the page's rows are then read whole.

``?page=`` and ``?page_size=`` behave as before.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

# Past this many rows, a page is found through its primary keys first.
DEFERRED_OFFSET = 1_000
COUNT_SECONDS = 3600


def count_cached(queryset: Any, *, key: str) -> Any:
    """Mark ``queryset`` so the API paginator caches its total under ``key``; the
    key must change whenever the rows may (the page state and the filters)."""
    queryset.count_key = key
    return queryset


class FastPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        key = getattr(self.object_list, "count_key", None)
        if key is None:
            return int(super().count)
        return int(cache.get_or_set(key, self.object_list.count, COUNT_SECONDS))

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom < DEFERRED_OFFSET or not hasattr(self.object_list, "values_list"):
            return super().page(number)
        qs = self.object_list
        ids = list(qs.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in qs.order_by().filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class Pagination(PageNumberPagination):
    django_paginator_class = FastPaginator
    page_size_query_param = "page_size"
    max_page_size = 500
