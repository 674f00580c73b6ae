"""Pages of licensing decisions: the public list and detail; for the workbench list,
record (create, edit, lifecycle actions) and import, what the pages shared with
penalties (``views.records``) need to know of licences (urls passes it to them)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.common.errors import NotFoundError
from gongkai.publishing.import_pages import ImportPages
from gongkai.publishing.pagecache import public_page

from ..derive import today_in_shanghai
from ..forms import ImportForm
from ..paging import COUNT_CEILING, CappedPaginator
from ..views import records
from . import services
from .exchange import exchange_cell
from .fields import INPUT_FIELDS
from .forms import LicenceFilterForm, LicenceForm
from .importing import licence_import
from .models import LicenceDecision
from .presenters import public_list_record, public_record
from .selectors import (
    licence_get_public,
    licence_import_runs_visible_to,
    licence_list_public,
    licence_visible_to_staff,
)

PER_PAGE = 20


@public_page
def licence_list(request: HttpRequest) -> HttpResponse:
    form = LicenceFilterForm(request.GET or None)
    qs = licence_list_public(now=timezone.now(), query=form.query())
    page = CappedPaginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "page": page,
        "rows": [public_list_record(x) for x in page.object_list],
        "params": urlencode(params),
        "filtered": bool(params),
        "ceiling": COUNT_CEILING,
    }
    return render(request, "penalties/licences/licence_list.html", context)


@public_page
def licence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    licence = licence_get_public(pk=pk, now=now)
    if licence is None:
        raise NotFoundError()
    visible = licence.is_visible(now)
    context = {
        "p": public_record(licence) if visible else None,
        "licence": licence,
        "visible": visible,
    }
    return render(request, "penalties/licences/licence_detail.html", context)


def _record_of(licence: LicenceDecision) -> dict[str, str]:
    """A stored decision as form cells (the inverse of validation)."""
    today = today_in_shanghai(timezone.now())
    out = {}
    for spec in INPUT_FIELDS:
        value = exchange_cell(licence, spec.attr, today=today)
        out[spec.code] = "" if value is None else str(value)
    return out


PAGES = records.RecordPages(
    name="licence",
    form=LicenceForm,
    list_template="penalties/licences/staff_list.html",
    form_template="penalties/licences/staff_form.html",
    edit_url="penalties-staff:licence-edit",
    visible_to=licence_visible_to_staff,
    cells_of=_record_of,
    create=services.licence_create,
    update=services.licence_update,
    personal_data_view=services.licence_personal_data_view,
    created=lambda licence: (
        _("已登记行政许可：《%s》，网站公示时限开始计算。") % licence.document_name
    ),
    updated=lambda licence: (
        _("已保存修改：《%s》，形成新版本。") % licence.document_name
    ),
)
IMPORT_PAGES = ImportPages(
    run_import=licence_import,
    runs_visible_to=licence_import_runs_visible_to,
    form=ImportForm,
    template="penalties/licences/import.html",
    detail_template="penalties/licences/import_detail.html",
    url_name="penalties-staff:licence-import",
    error_file="licence-import",
    context={"columns": INPUT_FIELDS},
)
