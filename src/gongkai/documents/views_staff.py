"""Workbench pages of the catalogue: documents, interpretations, late interpretations."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.clocks.selectors import work_calendar
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.common.selectors import rule_value
from gongkai.core.doc_numbers import doc_number_key
from gongkai.publishing.forms import ApproveForm, PublishForm

from . import attachments, services
from .forms import (
    AttachmentForm,
    DocumentForm,
    InterpretationEditForm,
    InterpretationMediaForm,
    RelationForm,
)
from .models import Interpretation
from .selectors import (
    document_visible_to_staff,
    documents_to_complete,
    late_interpretations,
    normative_evaluations,
)

FIELDS = (
    "title", "doc_number", "topic", "genre", "keywords", "summary", "body", "written_on",
    "effective_from", "valid_until", "disclosure", "disclosure_reason", "needs_interpretation",
    "category",
)  # fmt: skip


@staff_required
def document_list(request: HttpRequest) -> HttpResponse:
    qs = document_visible_to_staff(request.user).order_by("-updated_at")
    if q := request.GET.get("q", "").strip()[:100]:
        key = doc_number_key(q)
        qs = qs.filter(
            Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(doc_number_key=key)
        )
    # 待补全: imported with an unknown 成文日期 or 发文机关, or a scan (RULES.md §9).
    incomplete = request.GET.get("incomplete") == "1"
    if incomplete:
        qs = documents_to_complete(qs)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = "&".join(
        p
        for p in (f"q={quote(q)}" if q else "", "incomplete=1" if incomplete else "")
        if p
    )
    context = {"page": page, "q": q, "incomplete": incomplete, "q_query": query}
    return render(request, "documents/staff/document_list.html", context)


@staff_required
def document_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None) or user.department is None:
        raise PermissionDeniedError()
    form = DocumentForm(request.POST or None, initial={"disclosure": "proactive"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_create(
                department=user.department, by=user, issuers=list(data["issuers"]),
                columns=list(data["columns"]), formed_on=data["formed_on"],
                **{k: data[k] for k in FIELDS},
            )  # fmt: skip
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("documents-staff:document-edit", pk=document.pk)
    return render(request, "documents/staff/document_form.html", {"form": form})


@staff_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(document_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, document)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    initial = {k: getattr(document, k) for k in FIELDS}
    initial |= {"issuers": [link.issuer for link in document.issuer_links.all()]}
    initial |= {
        "columns": list(document.columns.all()),
        "formed_on": document.formed_on,
    }
    form = DocumentForm(request.POST or None, initial=initial)
    form.fields["formed_on"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_update(
                document=document, by=request.user, issuers=list(data["issuers"]),
                columns=list(data["columns"]), **{k: data[k] for k in FIELDS},
            )  # fmt: skip
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("修改已保存，形成新版本。"))
            return redirect("documents-staff:document-edit", pk=document.pk)
    context = {
        "form": form,
        "document": document,
        "can_edit": can_edit,
        "can_review": can_review_content(request.user, document),
        "interpretations": document.interpretations.all(),
        "relations_out": document.relations_out.select_related("target"),
        "relations_in": document.relations_in.select_related("source"),
        "attachments": document.attachments.all(),
        "relation_form": RelationForm(),
        "attachment_form": AttachmentForm(),
        "publish_form": PublishForm(),
        "approve_form": ApproveForm(),
    }
    return render(request, "documents/staff/document_form.html", context)


@staff_required
def interpretation_create(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(document_visible_to_staff(request.user), pk=pk)
    form = InterpretationEditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.interpretation_create(
                policy=document, by=request.user, **form.cleaned_data
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("解读草稿已保存。"))
            return redirect("documents-staff:interpretation-edit", pk=item.pk)
    context = {"form": form, "document": document, "item": None}
    return render(request, "documents/staff/interpretation_form.html", context)


@staff_required
def interpretation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visible = document_visible_to_staff(request.user).values("pk")
    item = get_object_or_404(Interpretation.objects.filter(policy__in=visible), pk=pk)
    context = {
        "item": item,
        "document": item.policy,
        "can_edit": can_edit_content(request.user, item),
        "can_review": can_review_content(request.user, item),
        "publish_form": PublishForm(),
        "approve_form": ApproveForm(),
        "media_form": InterpretationMediaForm(),
    }
    return render(request, "documents/staff/interpretation_form.html", context)


@require_POST
@staff_required
def interpretation_media_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an image (图解) or a video, with its required text alternative."""
    visible = document_visible_to_staff(request.user).values("pk")
    item = get_object_or_404(Interpretation.objects.filter(policy__in=visible), pk=pk)
    form = InterpretationMediaForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachments.interpretation_media_add(
                interpretation=item,
                kind=form.cleaned_data["kind"],
                name=upload.name,
                data=upload.read(),
                caption=form.cleaned_data["caption"],
                text_alternative=form.cleaned_data["text_alternative"],
                by=request.user,
            )
        except GongkaiError as exc:
            if exc.status == 403:
                raise
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("图解或视频已添加。"))
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, _("未能添加：") + "；".join(errors))
    return redirect("documents-staff:interpretation-edit", pk=item.pk)


@staff_required
def late_list(request: HttpRequest) -> HttpResponse:
    rows = late_interpretations(
        now=timezone.now(), calendar=work_calendar(), user=request.user
    )
    return render(request, "documents/staff/late_list.html", {"rows": rows})


@staff_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """行政规范性文件 due for evaluation before they lapse (RULES.md §9)."""
    today = timezone.localdate()
    months = rule_value("document.normative.evaluate_months", on=today)
    rows = normative_evaluations(today=today, months_before=months, user=request.user)
    context = {"rows": rows, "months": months, "today": today}
    return render(request, "documents/staff/evaluation_list.html", context)
