"""/search/: the public search page (works without JavaScript)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.pagecache import public_page

from .forms import SearchForm
from .selectors import CANDIDATES, Result, search_run_cached

FACET_PARAMS = {
    "label": "type",
    "issuer": "issuer",
    "year": "year",
    "validity": "validity",
}
FACET_TITLES = {
    "label": _("类型"),
    "issuer": _("发文机关"),
    "year": _("年份"),
    "validity": _("有效性"),
}


def _link(base: QueryDict, **changes: Any) -> str:
    query = base.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    return "?" + query.urlencode()


def _facets(result: Result, base: QueryDict) -> list[dict[str, Any]]:
    out = []
    for name, rows in result.facets.items():
        param = FACET_PARAMS[name]
        current = base.get(param, "")
        options = [
            {
                "value": value,
                "count": count,
                "active": value == current,
                "url": _link(base, **{param: "" if value == current else value}),
            }
            for value, count in rows
        ]
        if options:
            out.append({"title": FACET_TITLES[name], "options": options})
    return out


@public_page
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    params = form.params()
    result = search_run_cached(now=timezone.now(), **params)  # type: ignore[arg-type]
    base = request.GET
    first, last = max(1, result.page - 3), min(result.pages, result.page + 3)
    context = {
        "form": form,
        "result": result,
        "candidates": CANDIDATES,
        "sort": params["sort"],
        "facets": _facets(result, base),
        "sort_links": {
            "relevance": _link(base, sort=""),
            "date": _link(base, sort="date"),
        },
        "pages": [(n, _link(base, page=n)) for n in range(first, last + 1)],
        "prev": _link(base, page=result.page - 1) if result.page > 1 else "",
        "next": _link(base, page=result.page + 1) if result.page < result.pages else "",
    }
    return render(request, "search/search.html", context)
