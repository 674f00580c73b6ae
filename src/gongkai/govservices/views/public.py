"""Public pages: the service catalogue, a guide (and its print view and materials
list), the power list (current, on a date, the diff of two dates, one item), the
licensing reform lists and the intermediary services."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.tabular import write_csv, write_xlsx
from gongkai.publishing.pagecache import public_page

from ..choices import ItemType
from ..forms import CatalogueForm, DiffForm
from ..models import IntermediaryService, Material, PowerItem, ServiceItem
from ..selectors import (
    CatalogueFilter,
    catalogue_facets,
    licensing_lists,
    power_changes,
    power_list,
    power_versions,
    services_public,
)

PER_PAGE = 30


@public_page
def service_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = CatalogueForm(request.GET or None, facets=catalogue_facets(now=now))
    f = CatalogueFilter()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        f = CatalogueFilter(
            q=d["q"].strip(),
            department=d["department"],
            theme=d["theme"],
            audience=d["audience"],
            level=d["level"],
        )
    page = Paginator(services_public(f, now=now), PER_PAGE).get_page(
        request.GET.get("page")
    )
    params = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    context = {"form": form, "page": page, "params": params, "filtered": bool(params)}
    return render(request, "govservices/service_list.html", context)


def _published(pk: int) -> ServiceItem:
    item = get_object_or_404(
        ServiceItem.objects.visible().select_related("department"), pk=pk
    )
    return item


@public_page
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _published(pk)
    context = {"item": item, "materials": item.materials.all(), "print": False}
    return render(request, "govservices/service_detail.html", context)


@public_page
def service_print(request: HttpRequest, pk: int) -> HttpResponse:
    item = _published(pk)
    context = {"item": item, "materials": item.materials.all(), "print": True}
    return render(request, "govservices/service_detail.html", context)


MATERIAL_HEADERS = [
    "序号",
    "材料名称",
    "原件份数",
    "复印件份数",
    "必要性",
    "材料来源",
    "填报须知",
]


def service_materials(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The materials list of a guide as CSV or XLSX."""
    item = _published(pk)
    rows = [
        [i, m.name, m.originals, m.copies, m.get_necessity_display(), m.source, m.note]
        for i, m in enumerate(item.materials.all(), 1)
    ]
    if fmt == "csv":
        body, ctype = write_csv(MATERIAL_HEADERS, rows), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = write_xlsx(MATERIAL_HEADERS, rows, sheet="申请材料")
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = (
        f'attachment; filename="materials-{item.pk}.{fmt}"'
    )
    return response


def material_file(
    request: HttpRequest, pk: int, material_pk: int, which: str
) -> HttpResponse:
    """The blank form or sample of a material of a published guide (never of a draft)."""
    item = _published(pk)
    material = get_object_or_404(Material, pk=material_pk, service=item)
    if which not in ("blank", "sample"):
        raise Http404
    stored = material.blank_form if which == "blank" else material.sample
    if not stored:
        raise Http404
    name = stored.name.rsplit("/", 1)[-1]
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


def _on_date(request: HttpRequest, name: str) -> tuple[dt.date | None, str]:
    """The date asked for (None: the list in force), and a message when it is not a
    date. The page of the list in force does not print today's date: it changes only
    when an adjustment takes effect (``CacheWatch(from_day=…)``), not every day."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None, ""
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        return None, _("日期“%s”格式不正确，已显示今天的清单。") % raw[:20]


@public_page
def power_list_page(request: HttpRequest) -> HttpResponse:
    on, error = _on_date(request, "on")
    power_type = request.GET.get("type", "")
    rows = power_list(on or timezone.localdate(), power_type=power_type)
    context = {
        "rows": rows,
        "on": on,
        "error": error,
        "power_type": power_type,
        "types": _types(),
    }
    return render(request, "govservices/power_list.html", context)


def _types() -> list[tuple[str, str]]:
    return list(ItemType.choices)


@public_page
def power_diff_page(request: HttpRequest) -> HttpResponse:
    asked = "from" in request.GET or "to" in request.GET
    form = (
        DiffForm(
            {"start": request.GET.get("from", ""), "end": request.GET.get("to", "")}
        )
        if asked
        else None
    )
    rows = None
    if form is not None and form.is_valid():
        rows = power_changes(form.cleaned_data["start"], form.cleaned_data["end"])
    context = {
        "form": form,
        "rows": rows,
        "start": request.GET.get("from", ""),
        "end": request.GET.get("to", ""),
        "versions": power_versions(),
    }
    return render(request, "govservices/power_diff.html", context)


def feedback_url(item: PowerItem) -> str:
    """The mailbox form about this item, or "" when the mailbox is not installed."""
    try:
        base = reverse("participation:message-new")
    except NoReverseMatch:
        return ""
    return base + "?" + urlencode({"about": item.get_absolute_url()})


@public_page
def power_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(PowerItem.objects.select_related("department"), code=code)
    today = timezone.localdate()
    adjustments = list(item.adjustments.filter(effective_on__lte=today))
    if not adjustments:
        raise Http404
    context = {
        "item": item,
        "adjustments": adjustments,
        "listed": adjustments[-1].kind not in ("cancel", "delegate"),
        "feedback_url": feedback_url(item),
    }
    return render(request, "govservices/power_detail.html", context)


@public_page
def licensing_page(request: HttpRequest) -> HttpResponse:
    on, error = _on_date(request, "on")
    lists = licensing_lists(on or timezone.localdate())
    context = {"lists": lists, "on": on, "error": error}
    return render(request, "govservices/licensing.html", context)


@public_page
def intermediary_list(request: HttpRequest) -> HttpResponse:
    rows = IntermediaryService.objects.visible().order_by("name")
    return render(request, "govservices/intermediary_list.html", {"rows": rows})
