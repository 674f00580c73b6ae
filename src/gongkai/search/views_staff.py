"""/workbench/search/: the office's thesaurus and search analytics."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_review_content
from gongkai.common.errors import InvalidInputError, PermissionDeniedError

from . import services_office as services
from .forms import SynonymForm
from .models import SearchSynonym
from .selectors_office import search_analytics, search_analytics_weeks, synonym_list


def _office_only(request: HttpRequest) -> None:
    if not can_review_content(request.user):
        raise PermissionDeniedError()


def _render_thesaurus(
    request: HttpRequest, form: SynonymForm, editing: SearchSynonym | None = None
) -> HttpResponse:
    builtin, office = synonym_list()
    context = {"form": form, "builtin": builtin, "office": office, "editing": editing}
    return render(request, "search/staff/thesaurus.html", context)


@staff_required
def thesaurus(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.synonym_create(
                by=request.user, phrases=form.phrase_list(), directed=form.is_directed()
            )
        except InvalidInputError as error:
            form.add_error("phrases", str(error.message))
        else:
            messages.success(request, _("已添加同义词。"))
            return redirect("search-staff:thesaurus")
    return _render_thesaurus(request, form)


@staff_required
def synonym_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    synonym = get_object_or_404(SearchSynonym, pk=pk)
    initial = {"phrases": synonym.phrases, "directed": synonym.directed}
    form = SynonymForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.synonym_update(
                by=request.user,
                synonym=synonym,
                phrases=form.phrase_list(),
                directed=form.is_directed(),
            )
        except InvalidInputError as error:
            form.add_error("phrases", str(error.message))
        else:
            messages.success(request, _("已保存同义词。"))
            return redirect("search-staff:thesaurus")
    return _render_thesaurus(request, form, editing=synonym)


@require_POST
@staff_required
def synonym_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    synonym = get_object_or_404(SearchSynonym, pk=pk)
    services.synonym_delete(by=request.user, synonym=synonym)
    messages.success(request, _("已删除同义词。"))
    return redirect("search-staff:thesaurus")


@staff_required
def analytics(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    weeks = search_analytics_weeks()
    week = weeks[0] if weeks else None
    asked = request.GET.get("week", "")
    if asked:
        try:
            week = dt.date.fromisoformat(asked)
        except ValueError:
            messages.error(request, _("日期格式不正确，应为 YYYY-MM-DD。"))
    report = search_analytics(week)
    return render(
        request,
        "search/staff/analytics.html",
        {"report": report, "weeks": weeks},
    )
