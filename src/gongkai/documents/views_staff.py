"""Workbench pages of the catalogue: documents, interpretations, late interpretations."""

from __future__ import annotations

from typing import Any

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
from gongkai.common.errors import GongkaiError, InvalidInputError, PermissionDeniedError
from gongkai.publishing import services as pub
from gongkai.workbench.forms import ApproveForm, PublishForm

from . import services
from .attachments import attachment_add
from .forms import (
    AttachmentForm,
    DocumentForm,
    InterpretationEditForm,
    ReasonForm,
    RelationForm,
)
from .models import Document, Interpretation
from .selectors import document_visible_to_staff, late_interpretations

FIELDS = (
    "title", "doc_number", "topic", "genre", "keywords", "summary", "body", "written_on",
    "effective_from", "valid_until", "disclosure", "disclosure_reason", "needs_interpretation",
)  # fmt: skip


@staff_required
def document_list(request: HttpRequest) -> HttpResponse:
    qs = document_visible_to_staff(request.user).order_by("-updated_at")
    if q := request.GET.get("q", "").strip()[:100]:
        qs = qs.filter(Q(title__icontains=q) | Q(doc_number__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "documents/staff/document_list.html", {"page": page, "q": q})


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


def _lifecycle(request: HttpRequest, obj: Any, action: str) -> None:
    user = request.user
    if action == "submit":
        pub.publishing_submit(obj=obj, by=user)
    elif action == "approve":
        form = ApproveForm(request.POST)
        form.is_valid()
        accept = form.cleaned_data.get("accept_warnings", False)
        pub.publishing_approve(obj=obj, by=user, accept_warnings=accept)
    elif action in ("reject", "withdraw", "waive"):
        reason_form = ReasonForm(request.POST)
        reason = reason_form.cleaned_data["reason"] if reason_form.is_valid() else ""
        if action == "reject":
            pub.publishing_reject(obj=obj, by=user, reason=reason)
        elif action == "withdraw":
            pub.publishing_withdraw(obj=obj, by=user, reason=reason)
        elif isinstance(obj, Document):
            services.document_waive_interpretation(document=obj, by=user, reason=reason)
    elif action == "publish":
        form = PublishForm(request.POST)
        if not form.is_valid():
            raise InvalidInputError(_("发布时间格式不正确。"))
        if isinstance(obj, Document):
            services.document_publish(document=obj, by=user, **form.cleaned_data)
        else:
            pub.publishing_publish(obj=obj, by=user, **form.cleaned_data)
    elif action == "reopen":
        pub.publishing_reopen(obj=obj, by=user)
    else:
        raise InvalidInputError(_("未知操作。"))


@require_POST
@staff_required
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    document = get_object_or_404(document_visible_to_staff(request.user), pk=pk)
    try:
        if action == "relate":
            form = RelationForm(request.POST)
            if not form.is_valid():
                raise InvalidInputError(_("请选择关系并填写目标文件。"))
            key = form.cleaned_data["target"].strip()
            try:
                number = services.canonical_doc_number(key)
            except InvalidInputError:
                number = key
            target = Document.objects.filter(
                Q(index_number=key) | Q(doc_number=number)
            ).first()
            if target is None:
                raise InvalidInputError(_("没有找到索引号或文号为“%s”的文件。") % key)
            services.relation_add(
                source=document,
                target=target,
                kind=form.cleaned_data["kind"],
                by=request.user,
            )
        elif action == "attach":
            upload = request.FILES.get("file")
            if upload is None:
                raise InvalidInputError(_("请选择要上传的附件。"))
            if upload.size and upload.size > 20 * 1024 * 1024:
                raise InvalidInputError(_("附件不能超过 20 MB。"))
            attachment_add(
                document=document,
                name=upload.name or "",
                data=upload.read(),
                by=request.user,
            )
        else:
            _lifecycle(request, document, action)
    except PermissionDeniedError:
        raise
    except GongkaiError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("操作已完成。"))
    return redirect("documents-staff:document-edit", pk=document.pk)


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
    }
    return render(request, "documents/staff/interpretation_form.html", context)


@require_POST
@staff_required
def interpretation_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    visible = document_visible_to_staff(request.user).values("pk")
    item = get_object_or_404(Interpretation.objects.filter(policy__in=visible), pk=pk)
    try:
        _lifecycle(request, item, action)
    except PermissionDeniedError:
        raise
    except GongkaiError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("操作已完成。"))
    return redirect("documents-staff:interpretation-edit", pk=item.pk)


@staff_required
def late_list(request: HttpRequest) -> HttpResponse:
    rows = late_interpretations(
        now=timezone.now(), calendar=work_calendar(), user=request.user
    )
    return render(request, "documents/staff/late_list.html", {"rows": rows})
