"""Workbench pages of consultations (with comment moderation, closing, the
feedback report, the import) and of open meetings. Lifecycle actions go through
``publishing.views.content_action``; every write is a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_edit_content
from gongkai.accounts.selectors import department_chosen, departments_for
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.publishing.actions import actions_available

from ..choices import CommentStatus
from ..consultation_forms import (
    ConsultationForm,
    FeedbackForm,
    FeedbackItemFormSet,
    FinalDocumentForm,
    ImportForm,
    MeetingForm,
    ModerateForm,
)
from ..models import FeedbackReport
from ..selectors.consultations import (
    consultation_visible_to_staff,
    feedback_visible_to_staff,
    meeting_visible_to_staff,
)
from ..services import consultations as services
from ..services import meetings as meeting_services
from ..services.consultations_import import HEADERS, consultation_import

T = "participation/consultations/"
M = "participation/meetings/"


def _department(request: HttpRequest) -> Any:
    return department_chosen(request.user, request.POST.get("department"))


def _show_errors(form: Any, exc: GongkaiError) -> None:
    if isinstance(exc.detail, list) and exc.detail and "field" in exc.detail[0]:
        for item in exc.detail:
            field = item["field"] if item["field"] in form.fields else None
            form.add_error(field, item["message"])
    else:
        form.add_error(None, str(exc.message))


def _actions(obj: Any, user: Any) -> list[tuple[Any, Any]]:
    """The lifecycle actions the user may take now, each with its (empty) form."""
    return [
        (a, a.form_class(auto_id=f"{a.name}-%s"))
        for a in actions_available(obj, by=user)
    ]


def _initial(obj: Any, names: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names if hasattr(obj, name)}


# consultations ---------------------------------------------------------------------
@staff_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    qs = consultation_visible_to_staff(request.user).annotate(
        received=Count("comments"),
        pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
    )
    context = {"rows": qs.order_by("-updated_at", "-id")[:200]}
    return render(request, T + "staff_list.html", context)


@staff_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = ConsultationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        department = _department(request)
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                consultation = services.consultation_create(
                    data=form.data_object(), department=department, by=user
                )
            except GongkaiError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, _("征求意见已保存为草稿。"))
                return redirect(
                    "participation-staff:consultation-edit", consultation.pk
                )
    context = {
        "form": form,
        "c": None,
        "departments": departments_for(user),
        "department_id": str(request.POST.get("department", user.department_id)),
    }
    return render(
        request, T + "staff_form.html", context, status=400 if form.errors else 200
    )


@staff_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultation_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, consultation)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    initial = _initial(consultation, ConsultationForm.base_fields)
    initial.pop("draft_file", None)
    form = ConsultationForm(
        request.POST or None, request.FILES or None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(
                consultation=consultation, data=form.data_object(), by=request.user
            )
        except GongkaiError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("修改已保存，形成新版本。"))
            return redirect("participation-staff:consultation-edit", consultation.pk)
    feedback = FeedbackReport.objects.filter(consultation=consultation).first()
    context = {
        "form": form,
        "c": consultation,
        "can_edit": can_edit,
        "actions": _actions(consultation, request.user),
        "comments": consultation.comments.all(),
        "moderate_form": ModerateForm(),
        "final_form": FinalDocumentForm(
            initial={"url": consultation.final_document_url}
        ),
        "feedback": feedback,
        "clocks": clocks_for(consultation).order_by("started_at"),
        "phase": consultation.phase(),
    }
    return render(
        request, T + "staff_form.html", context, status=400 if form.errors else 200
    )


@require_POST
@staff_required
def comment_moderate(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultation_visible_to_staff(request.user), pk=pk)
    comment = get_object_or_404(consultation.comments, pk=comment_pk)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择审核结果。"))
    else:
        services.comment_moderate(
            comment=comment,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("意见审核结果已保存。"))
    return redirect("participation-staff:consultation-edit", consultation.pk)


@require_POST
@staff_required
def final_document(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultation_visible_to_staff(request.user), pk=pk)
    form = FinalDocumentForm(request.POST)
    if form.is_valid():
        services.consultation_final_document_set(
            consultation=consultation, url=form.cleaned_data["url"], by=request.user
        )
        messages.success(request, _("正式文件链接已保存。"))
    else:
        messages.error(request, _("请填写正式文件链接。"))
    return redirect("participation-staff:consultation-edit", consultation.pk)


@staff_required
def consultation_import_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        department = _department(request)
        upload = form.cleaned_data["file"]
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                result = consultation_import(
                    data=upload.read(),
                    file_name=upload.name,
                    department=department,
                    by=user,
                )
            except GongkaiError as exc:
                form.add_error("file", str(exc.message))
    context = {
        "form": form,
        "result": result,
        "headers": HEADERS,
        "departments": departments_for(user),
        "department_id": str(user.department_id),
    }
    return render(request, T + "staff_import.html", context)


# feedback reports ------------------------------------------------------------------
def _feedback_page(
    request: HttpRequest, consultation: Any, report: FeedbackReport | None
) -> HttpResponse:
    user: Any = request.user
    target = report or consultation
    if request.method == "POST" and not can_edit_content(user, target):
        raise PermissionDeniedError()
    initial = (
        _initial(report, FeedbackForm.base_fields)
        if report
        else {"received_count": consultation.comments.count()}
    )
    items = (
        [_initial(i, ("topic", "opinion", "count", "outcome", "reason"))
         for i in report.items.all()]
        if report else []
    )  # fmt: skip
    form = FeedbackForm(request.POST or None, initial=initial)
    formset = FeedbackItemFormSet(request.POST or None, initial=items, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [f.item() for f in formset if f.has_changed() and f.cleaned_data]
        values = {
            "title": form.cleaned_data["title"],
            "summary": form.cleaned_data["summary"],
            "received_count": form.cleaned_data["received_count"],
            "items": rows,
            "by": user,
        }
        try:
            if report is None:
                report = services.feedback_create(consultation=consultation, **values)
            else:
                report = services.feedback_update(report=report, **values)
        except GongkaiError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("意见采纳情况反馈已保存。"))
            return redirect("participation-staff:feedback-edit", report.pk)
    context = {
        "form": form,
        "formset": formset,
        "c": consultation,
        "report": report,
        "can_edit": can_edit_content(user, target),
        "actions": _actions(report, user) if report else [],
        "clocks": clocks_for(consultation).order_by("started_at"),
    }
    status = 400 if form.errors or formset.total_error_count() else 200
    return render(request, T + "staff_feedback.html", context, status=status)


@staff_required
def feedback_create(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultation_visible_to_staff(request.user), pk=pk)
    existing = FeedbackReport.objects.filter(consultation=consultation).first()
    if existing is not None:
        return redirect("participation-staff:feedback-edit", existing.pk)
    return _feedback_page(request, consultation, None)


@staff_required
def feedback_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(feedback_visible_to_staff(request.user), pk=pk)
    return _feedback_page(request, report.consultation, report)


# open meetings ---------------------------------------------------------------------
@staff_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    rows = meeting_visible_to_staff(request.user).order_by("-held_at", "-id")[:200]
    return render(request, M + "staff_list.html", {"rows": rows})


@staff_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        department = _department(request)
        if department is None:
            form.add_error(None, _("请选择处室。"))
        else:
            try:
                meeting = meeting_services.meeting_create(
                    data=form.data_object(), department=department, by=user
                )
            except GongkaiError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, _("会议信息已保存为草稿。"))
                return redirect("participation-staff:meeting-edit", meeting.pk)
    context = {
        "form": form,
        "m": None,
        "departments": departments_for(user),
        "department_id": str(request.POST.get("department", user.department_id)),
    }
    return render(request, M + "staff_form.html", context)


@staff_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(meeting_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, meeting)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form = MeetingForm(
        request.POST or None, initial=_initial(meeting, MeetingForm.base_fields)
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_update(
                meeting=meeting, data=form.data_object(), by=request.user
            )
        except GongkaiError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("修改已保存，形成新版本。"))
            return redirect("participation-staff:meeting-edit", meeting.pk)
    context = {
        "form": form,
        "m": meeting,
        "can_edit": can_edit,
        "actions": _actions(meeting, request.user),
    }
    return render(request, M + "staff_form.html", context)
