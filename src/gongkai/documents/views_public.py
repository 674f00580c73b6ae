"""Public pages of the disclosure catalogue: thin views over the selectors."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator

from gongkai.common.exports import FORMATS, absolute, download_response
from gongkai.common.kept import kept_page
from gongkai.publishing.caching import catalogue_state
from gongkai.publishing.pagecache import public_page
from gongkai.publishing.selectors import page_get_public

from . import downloads
from . import selectors as sel
from .choices import Validity
from .guide import guide_get
from .models import Attachment, Genre, InterpretationMedia, Issuer, Topic

PER_PAGE = 20


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 10_000_000 else None


def _year(value: int | None) -> int | None:
    # A date has at most four year digits: year=10000 is no year (it was a 500).
    return value if value is not None and value <= 9999 else None


def filters_from(params: Any) -> sel.CatalogueFilters:
    """Catalogue filters from query parameters; anything malformed is ignored."""
    validity = params.get("validity", "")
    return sel.CatalogueFilters(
        topic=params.get("topic", "")[:20],
        genre=params.get("genre", "")[:20],
        issuer=_int(params.get("issuer")),
        year=_year(_int(params.get("year"))),
        validity=validity if validity in Validity.values else "",
        column=params.get("column", "")[:60],
    )


def _validity_context(
    document: Any, now: dt.datetime, incoming: list[Any]
) -> dict[str, Any]:
    validity = document.validity_on(timezone.localdate(now))
    ending = (
        sel.ending_relation(document, incoming=incoming)
        if validity in (Validity.REPEALED, Validity.AMENDED)
        else None
    )
    return {
        "validity": validity,
        "validity_label": Validity(validity).label,
        "ending": ending,
    }


class StatePaginator(Paginator):
    """A paginator whose total is cached until the catalogue state changes."""

    def __init__(self, object_list: Any, per_page: int, *, key: str) -> None:
        super().__init__(object_list, per_page)
        self.key = key

    @cached_property
    def count(self) -> int:
        return cache.get_or_set(self.key, self.object_list.count, timeout=3600)  # type: ignore[no-any-return]


def _facets(now: dt.datetime) -> Any:
    """Facet counts over the whole catalogue, cached until the catalogue state changes."""
    key = f"documents:facets:{catalogue_state(now)}"
    return cache.get_or_set(key, lambda: sel.catalogue_facets(now=now), timeout=3600)


@public_page
def catalogue(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    filters = filters_from(request.GET)
    documents = sel.document_list_public(now=now, filters=filters)
    raw = f"{catalogue_state(now)}:{filters!r}"
    key = "documents:count:" + hashlib.sha256(raw.encode()).hexdigest()
    page = StatePaginator(documents, PER_PAGE, key=key).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate(now)
    rows = [(d, Validity(d.validity_on(today)).label) for d in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "facets": _facets(now),
        "issuer_name": Issuer.objects.filter(pk=filters.issuer).first()
        if filters.issuer
        else None,
        "query": query.urlencode(),
        "columns": sel.columns_public(),
    }
    return render(request, "documents/catalogue.html", context)


def catalogue_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every document the catalogue's filters select, streamed as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    now = timezone.now()
    documents = sel.document_list_public(now=now, filters=filters_from(request.GET))
    today = timezone.localdate(now)
    return download_response(
        fmt=fmt,
        columns=downloads.columns(today=today, url=absolute(request)),
        rows=documents.iterator(chunk_size=downloads.CHUNK),
        name="政府信息公开目录",
        ascii_name="xxgk-catalogue",
        on=today,
    )


@public_page
def detail(request: HttpRequest, key: str) -> HttpResponse:
    now = timezone.now()
    page = sel.document_page_public(key=key.strip("/"), now=now)
    if page is None:
        raise Http404
    context = {
        "document": page.document,
        "relations": page.relations,
        "interpretations": page.interpretations,
        "attachments": page.attachments,
        "print": request.GET.get("print") == "1",
        **_validity_context(page.document, now, page.relations["in"]),
    }
    # The page's own part rendered, the frame kept (``common.kept.kept_page``).
    title = page.document.title
    slots = {
        "title": title,
        "crumb": Truncator(title).chars(40),  # as ``truncatechars:40``
        "print": context["print"],
        "content": render_to_string("documents/_document.html", context, request),
    }
    return HttpResponse(kept_page(request, "documents/document_detail.html", slots))


@public_page
def interpretation(request: HttpRequest, pk: int) -> HttpResponse:
    item = sel.interpretation_get_public(pk=pk, now=timezone.now())
    if item is None or not item.policy.is_visible():
        raise Http404
    return render(request, "documents/interpretation_detail.html", {"item": item})


def interpretation_media(request: HttpRequest, pk: int) -> FileResponse:
    """An image or video of a public interpretation, shown inline."""
    now = timezone.now()
    item = (
        InterpretationMedia.objects.select_related("interpretation__policy")
        .filter(pk=pk)
        .first()
    )
    if (
        item is None
        or not item.interpretation.is_visible(now)
        or not item.interpretation.policy.is_visible(now)
    ):
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public_page
def interpretation_list(request: HttpRequest) -> HttpResponse:
    """The 政策解读 column."""
    items = sel.interpretation_list_public(now=timezone.now())
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "documents/interpretation_list.html", {"page": page})


def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment of a public document, as a download with a safe name."""
    item = (
        Attachment.objects.select_related("document")
        .filter(pk=pk, document__in=sel._public(timezone.now()))
        .first()
    )
    if item is None:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=item.name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@public_page
def column_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "documents/column_list.html", {"columns": sel.columns_public()}
    )


@public_page
def column(request: HttpRequest, slug: str) -> HttpResponse:
    item = sel.columns_public().filter(slug=slug).first()
    if item is None:
        raise Http404
    now = timezone.now()
    documents = sel.document_list_public(
        now=now, filters=sel.CatalogueFilters(column=slug)
    )
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "documents/column_detail.html", {"column": item, "page": page}
    )


@public_page
def guide(request: HttpRequest) -> HttpResponse:
    """The 公开指南 in the order of 条例 第十二条, as the office keeps it; before it is
    written, an older free-form content page (slug ``guide``) if there is one."""
    item = guide_get()
    if item is not None:
        context = {
            "guide": item,
            "topics": Topic.objects.filter(is_active=True),
            "genres": Genre.objects.filter(is_active=True),
        }
        return render(request, "documents/guide.html", context)
    if page_get_public(slug="guide", now=timezone.now()) is not None:
        return redirect("portal:page", slug="guide")
    return render(request, "documents/guide_missing.html", status=404)


def annual_reports(request: HttpRequest) -> HttpResponse:
    """The catalogue's annual-report entry: the published reports (foi module)."""
    return redirect("foi:reports")
