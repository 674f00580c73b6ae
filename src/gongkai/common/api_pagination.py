"""Page-number pagination of the API lists, fast on large tables.

Two costs grow with the table, and both are taken off the request:

- the total (``count``): a list whose queryset carries ``count_key`` (see
  ``count_cached``) has its total cached under that key, which the view derives from
  the public pages' state (``publishing.caching.catalogue_state``) and its filters, so
  the total is counted once per change of the content, not on every page view;
- a deep page (``?page=`` far from the first): the rows before it are skipped over the
  primary keys only (an index-only scan where the list's order has a covering index),
  and just the page's rows are then read whole.

``?page=`` and ``?page_size=`` behave as before. A client walking a whole list asks
``?cursor=`` instead (empty for the first page, then the ``next`` link): each page is
found from the last row's position in the list's own order (DRF's cursor paging, an
index range scan), so the thousandth page costs what the first does. The response
has the same keys either way.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.response import Response

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


class _ListCursor(CursorPagination):
    """DRF's cursor paging in the queryset's own order (its last key, the primary
    key, makes it total); ties of the first key are resolved by DRF's offset."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def get_ordering(self, request: Any, queryset: Any, view: Any = None) -> Any:
        return tuple(queryset.query.order_by or queryset.model._meta.ordering) or (
            "-pk",
        )


class CursorOrPageMixin:
    """``?cursor=`` pages by position, anything else by page number (see above)."""

    cursor_query_param = "cursor"
    _cursor: _ListCursor | None = None

    def paginate_queryset(
        self, queryset: Any, request: Any, view: Any = None
    ) -> list[Any] | None:
        if self.cursor_query_param not in request.query_params:
            self._cursor = None
            return super().paginate_queryset(queryset, request, view)  # type: ignore[misc, no-any-return]
        self._cursor = _ListCursor()
        self._cursor.page_size = self.page_size  # type: ignore[attr-defined]
        self._count_paginator = self.django_paginator_class(queryset, 1)  # type: ignore[attr-defined]
        return self._cursor.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        if self._cursor is None:
            return super().get_paginated_response(data)  # type: ignore[misc, no-any-return]
        return Response(
            {
                "count": self._count_paginator.count,
                "next": self._cursor.get_next_link(),
                "previous": self._cursor.get_previous_link(),
                "results": data,
            }
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            *super().get_schema_operation_parameters(view),  # type: ignore[misc]
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "按位置翻页：首页传空值，之后跟随 next 链接；"
                "深翻页时比 page 快（walk a whole list: empty, then follow next）",
                "schema": {"type": "string"},
            },
        ]


class Pagination(CursorOrPageMixin, PageNumberPagination):
    django_paginator_class = FastPaginator
    page_size_query_param = "page_size"
    max_page_size = 500
