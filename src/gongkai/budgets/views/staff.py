"""Workbench pages: the sets, the template download, the upload (checked before it
is stored), the explanation, the approval date (starts the 20-day clock), the
lifecycle actions and the editions of the classification codes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import (
    GongkaiError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.publishing.choices import Status

from .. import services
from ..forms import (
    ApprovalForm,
    CodesForm,
    ExplanationForm,
    UploadForm,
    YearKindForm,
)
from ..permissions import can_load_codes
from ..presenters import shown_tables
from ..rules import name_differences
from ..selectors import (
    budget_set_visible_to_staff,
    code_editions,
    codes_for,
    set_lines,
    tableset_for,
    tableset_get,
    tableset_problems,
)
from ..workbook import workbook_bytes
from .public import XLSX


@staff_required
def set_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    upload = UploadForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        if not can_edit_content(user, None):
            raise PermissionDeniedError()
        if upload.is_valid():
            data = upload.cleaned_data
            try:
                budget_set = services.budget_import(
                    data=data["file"].read(), file_name=data["file"].name,
                    kind=data["kind"], year=data["year"], by=user,
                )  # fmt: skip
            except GongkaiError as exc:
                upload.add_error(None, str(exc.message))
                problems = exc.detail if isinstance(exc.detail, list) else []
            else:
                messages.success(request, _("已导入并通过校验：%s") % budget_set.title)
                return redirect("budgets-staff:set-edit", pk=budget_set.pk)
    context = {
        "sets": budget_set_visible_to_staff(user).order_by("-year", "kind"),
        "upload": upload,
        "template_form": YearKindForm(initial={"kind": "budget"}),
        "problems": problems,
        "can_edit": can_edit_content(user, None),
        "tableset_problems": tableset_problems(),
    }
    services.tablesets_changed_mark()  # an operator checks an edited file here
    status = 400 if request.method == "POST" else 200
    return render(request, "budgets/staff_list.html", context, status=status)


@staff_required
def template_download(request: HttpRequest) -> HttpResponse:
    form = YearKindForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("请选择类别并填写四位数年度。"))
        return redirect("budgets-staff:set-list")
    tableset = tableset_for(form.cleaned_data["kind"], form.cleaned_data["year"])
    if tableset is None:
        messages.error(request, _("没有适用于该年度的表样。"))
        return redirect("budgets-staff:set-list")
    data = workbook_bytes(tableset, year=form.cleaned_data["year"])
    response = HttpResponse(data, content_type=XLSX)
    name = f"template-{form.cleaned_data['kind']}-{form.cleaned_data['year']}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_required
def set_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    budget_set = get_object_or_404(budget_set_visible_to_staff(user), pk=pk)
    can_edit = can_edit_content(user, budget_set)
    form = ExplanationForm(
        request.POST or None,
        initial={"title": budget_set.title, "explanation": budget_set.explanation,
                 "running_costs": budget_set.running_costs},
    )  # fmt: skip
    if request.method == "POST":
        if not can_edit:
            raise PermissionDeniedError()
        if form.is_valid():
            try:
                services.budget_update(
                    budget_set=budget_set, by=user, **form.cleaned_data
                )
            except GongkaiError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("已保存。"))
                return redirect("budgets-staff:set-edit", pk=pk)
    tableset = tableset_get(budget_set.tableset_key)
    lines = [line for rows in set_lines(budget_set).values() for line in rows]
    context = {
        "names": name_differences(tableset, lines, codes=codes_for(budget_set.year))
        if tableset
        else [],
        "set": budget_set,
        "form": form,
        "approval": ApprovalForm(initial={"approved_on": budget_set.approved_on}),
        "clocks": clocks_for(budget_set),
        "tables": shown_tables(budget_set, tableset) if tableset else [],
        "missing": services.explanation_problem(budget_set),
        "can_edit": can_edit,
        "can_review": can_review_content(user, budget_set),
        "visible": budget_set.status == Status.PUBLISHED,
    }
    return render(request, "budgets/staff_edit.html", context,
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@staff_required
def set_approval(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    budget_set = get_object_or_404(budget_set_visible_to_staff(user), pk=pk)
    if request.method != "POST":
        return redirect("budgets-staff:set-edit", pk=pk)
    if not can_edit_content(user, budget_set):
        raise PermissionDeniedError()
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写正确的批复日期。"))
    else:
        try:
            services.budget_approval_record(
                budget_set=budget_set,
                approved_on=form.cleaned_data["approved_on"],
                by=user,
            )
        except GongkaiError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("已登记批复日期，20日公开时限开始计算。"))
    return redirect("budgets-staff:set-edit", pk=pk)


@staff_required
def code_list(request: HttpRequest) -> HttpResponse:
    """The editions of the 政府收支分类科目 the system has, and (for administrators,
    ``can_load_codes``) the upload of a new one, through the command's service."""
    user: Any = request.user
    this_year = timezone.localdate().year
    form = CodesForm(request.POST or None, request.FILES or None,
                     initial={"since": this_year})  # fmt: skip
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        if not can_load_codes(user):
            raise PermissionDeniedError()
        if form.is_valid():
            data = form.cleaned_data
            try:
                table = services.codes_load(
                    since=data["since"],
                    # One byte past the limit is enough to refuse it as too large.
                    data=data["file"].read(services.MAX_CODES_FILE + 1),
                    source=data["source"], by=user, file_name=data["file"].name,
                )  # fmt: skip
            except InvalidInputError as exc:
                field = "since" if exc.code == "budget.codes_since" else "file"
                form.add_error(field, str(exc.message))
                problems = exc.detail if isinstance(exc.detail, list) else []
            else:
                messages.success(
                    request,
                    _("已导入 %(since)d 年起适用的政府收支分类科目：支出功能分类 "
                      "%(function)d 个，支出经济分类 %(economic)d 个。")
                    % {"since": table.since, "function": len(table.data["function"]),
                       "economic": len(table.data["economic"])},
                )  # fmt: skip
                return redirect("budgets-staff:code-list")
    context = {
        "editions": code_editions(year=this_year),
        "this_year": this_year,
        "form": form,
        "problems": problems,
        "can_load": can_load_codes(user),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "budgets/staff_codes.html", context, status=status)
