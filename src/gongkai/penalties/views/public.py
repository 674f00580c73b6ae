"""Public pages: the penalty register with search and filters, and one penalty."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.common.errors import NotFoundError
from gongkai.common.exports import FORMATS, absolute, download_response
from gongkai.publishing.pagecache import public_page

from .. import downloads
from ..forms import PenaltyFilterForm
from ..paging import COUNT_CEILING, CappedPaginator
from ..presenters import public_list_record, public_record
from ..selectors import penalty_get_public, penalty_list_public

PER_PAGE = 20


@public_page
def penalty_list(request: HttpRequest) -> HttpResponse:
    form = PenaltyFilterForm(request.GET or None)
    query = form.query()
    qs = penalty_list_public(now=timezone.now(), query=query)
    page = CappedPaginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [public_list_record(p) for p in page.object_list]
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "params": urlencode(params),
        "filtered": bool(params),
        "ceiling": COUNT_CEILING,
    }
    return render(request, "penalties/penalty_list.html", context)


def penalty_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every penalty the list's filters select (malformed filters are ignored, as on
    the page), streamed as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    now = timezone.now()
    query = PenaltyFilterForm(request.GET or None).query()
    qs = penalty_list_public(now=now, query=query)
    return download_response(
        fmt=fmt,
        columns=downloads.columns(url=absolute(request)),
        rows=downloads.records(qs.iterator(chunk_size=downloads.CHUNK)),
        name="行政处罚公示",
        ascii_name="penalties",
        on=timezone.localdate(now),
    )


@public_page
def penalty_detail(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    penalty = penalty_get_public(pk=pk, now=now)
    if penalty is None:
        raise NotFoundError()
    visible = penalty.is_visible(now)
    context = {
        "p": public_record(penalty) if visible else None,
        "penalty": penalty,
        "visible": visible,
    }
    return render(request, "penalties/penalty_detail.html", context)
