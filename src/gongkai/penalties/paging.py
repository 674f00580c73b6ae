"""Pagination that stops counting at a ceiling: on a register of a million rows an
exact total costs a scan on every page view, and nobody pages that far."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

COUNT_CEILING = 10_000


class CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        """The number of rows, or COUNT_CEILING + 1 when there are more."""
        qs: Any = self.object_list
        return int(qs[: COUNT_CEILING + 1].count())

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CEILING


class CappedPagination(PageNumberPagination):
    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 500
