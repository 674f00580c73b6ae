"""Pagination that stops counting at a ceiling: on a register of a million rows an
exact total costs a scan on every page view (counting 10,000 rows took about 200 ms
at 1M rows on PostgreSQL), and nobody pages that far: past the ceiling the page says
"more than 1,000" and asks to narrow the search; the downloads have every row."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.common.api_pagination import CursorOrPageMixin

COUNT_CEILING = 1_000
# Downloads (csv/xlsx) are not paginated; they stop at this many rows.
MAX_DOWNLOAD = 20000


class CappedPaginator(Paginator):
    """A queryset may carry ``count_bound`` (selectors.penalty_list_public): its rows
    are known to be more than that, and are not counted."""

    @property
    def ceiling(self) -> int:
        return int(getattr(self.object_list, "count_bound", COUNT_CEILING))

    @cached_property
    def count(self) -> int:
        """The number of rows, or the ceiling + 1 when there are more; cached under
        the queryset's ``count_key`` when it has one (api.pagination.count_cached):
        a filter few rows match counts along the whole table."""
        qs: Any = self.object_list
        if getattr(qs, "count_bound", None) is not None:
            return self.ceiling + 1
        key = getattr(qs, "count_key", None)
        if key is None:
            return int(qs[: COUNT_CEILING + 1].count())
        return int(cache.get_or_set(key, lambda: qs[: COUNT_CEILING + 1].count(), 3600))

    @property
    def capped(self) -> bool:
        return self.count > self.ceiling


class CappedPagination(CursorOrPageMixin, PageNumberPagination):
    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response(self, data: Any) -> Response:
        """DRF's page, with ``count_is_lower_bound``: when true, ``count`` is the
        ceiling + 1 and means "more than the ceiling", not the total."""
        response = super().get_paginated_response(data)
        paginator = (
            self.page.paginator if self._cursor is None else self._count_paginator
        )
        response.data["count_is_lower_bound"] = paginator.capped
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = [*paginated.get("required", []), "count_is_lower_bound"]
        paginated["properties"]["count_is_lower_bound"] = {
            "type": "boolean",
            "description": "true: there are more rows than counted; count is the "
            "ceiling + 1 (a lower bound), narrow the query or use the downloads",
        }
        return paginated


class DownloadMixin:
    """A list API view whose downloads (``?format=csv|xlsx``) are not paginated:
    the view cuts them at ``MAX_DOWNLOAD`` rows instead."""

    request: Request

    def _is_download(self) -> bool:
        fmt = self.request.query_params.get("format", "")
        return fmt in ("csv", "xlsx")

    def paginate_queryset(self, queryset: Any) -> Any:
        if self._is_download():
            return None
        return super().paginate_queryset(queryset)  # type: ignore[misc]
