"""Public pages: the registers, one register's entries (search, filters), one entry."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.common.errors import NotFoundError
from gongkai.common.exports import FORMATS, Column, absolute, download_response
from gongkai.publishing.pagecache import public_page

from ..forms import FilterForm
from ..presenters import display_fields, public_fields, public_row
from ..selectors import (
    entry_get_public,
    entry_list_public,
    filter_fields,
    register_get,
    register_list_public,
)

PER_PAGE = 20


@public_page
def register_list(request: HttpRequest) -> HttpResponse:
    registers = register_list_public(now=timezone.now())
    return render(request, "registers/register_list.html", {"registers": registers})


@public_page
def register_detail(request: HttpRequest, slug: str) -> HttpResponse:
    register = register_get(slug=slug)
    if register is None:
        raise NotFoundError()
    filters = filter_fields(register)
    form = FilterForm(register, filters, request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = entry_list_public(
        register=register,
        now=timezone.now(),
        q=data.get("q", ""),
        filters={f.key: data.get(f.key, "") for f in filters},
    ).prefetch_related("files")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    fields = public_fields(register)
    listed = [f for f in fields if f.listed and f.kind != "file"] or fields[:4]
    rows = []
    for entry in page.object_list:
        entry.register = register
        row = public_row(entry, fields)
        rows.append(
            {"url": row["url"], "cells": [(f.label, row[f.label]) for f in listed]}
        )
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "register": register,
        "form": form,
        "page": page,
        "rows": rows,
        "columns": listed,
        "params": urlencode(params),
        "filtered": bool(params),
    }
    return render(request, "registers/register_detail.html", context)


def register_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Every entry the register page's filters select, streamed as CSV or XLSX, the
    register's public field labels as the columns."""
    register = register_get(slug=slug)
    if register is None or fmt not in FORMATS:
        raise Http404
    filters = filter_fields(register)
    form = FilterForm(register, filters, request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    now = timezone.now()
    qs = entry_list_public(
        register=register,
        now=now,
        q=data.get("q", ""),
        filters={f.key: data.get(f.key, "") for f in filters},
    ).prefetch_related("files")
    fields = public_fields(register)
    url = absolute(request)

    def rows() -> Any:
        for entry in qs.iterator(chunk_size=2000):
            entry.register = register
            yield public_row(entry, fields)

    def cell(label: str, file: bool) -> Column:
        if file:
            return Column(label, lambda r: url(r[label]))
        return Column(label, lambda r: r[label])

    columns = [cell(f.label, f.kind == "file") for f in fields]
    columns.append(Column("网址", lambda r: url(r["url"])))
    return download_response(
        fmt=fmt,
        columns=columns,
        rows=rows(),
        name=register.title,
        ascii_name=f"register-{register.slug}",
        on=timezone.localdate(now),
    )


@public_page
def entry_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    register = register_get(slug=slug)
    entry = (
        entry_get_public(register=register, pk=pk, now=timezone.now())
        if register
        else None
    )
    if entry is None:
        raise NotFoundError()
    context = {
        "register": register,
        "entry": entry,
        "fields": display_fields(entry, public_fields(register)),
    }
    return render(request, "registers/entry_detail.html", context)


def entry_file(request: HttpRequest, slug: str, pk: int, file_id: int) -> HttpResponse:
    register = register_get(slug=slug)
    entry = (
        entry_get_public(register=register, pk=pk, now=timezone.now())
        if register
        else None
    )
    attached = entry.files.filter(pk=file_id).first() if entry else None
    if attached is None:
        raise NotFoundError()
    public = {f.key for f in public_fields(register) if f.kind == "file"}
    if attached.field_key not in public:
        raise NotFoundError()
    return FileResponse(
        attached.file.open("rb"), as_attachment=True, filename=attached.name
    )
