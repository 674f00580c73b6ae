"""Staff shell: inbox of every clock, review queue, pages, audit trail, "why this date"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.choices import Role
from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import (
    can_edit_content,
    can_review_content,
    can_view_audit,
)
from gongkai.clocks.selectors import (
    clock_inbox,
    clock_rule,
    clock_status,
    clock_visible_to,
    work_calendar,
)
from gongkai.common.audit import audit_verify
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.core.clock_labels import EVENT_LABELS
from gongkai.publishing import services as pub
from gongkai.publishing.choices import WordLevel
from gongkai.publishing.models import Page
from gongkai.publishing.selectors import (
    page_visible_to_staff,
    review_queue,
    revision_compare,
    revisions_of,
)

from .forms import ApproveForm, PageForm, PublishForm, ReasonForm

PII_LABELS = {
    "id_number": gettext_lazy("身份证号码"),
    "mobile": gettext_lazy("手机号码"),
    "bank_card": gettext_lazy("银行卡号"),
    "email": gettext_lazy("电子邮箱"),
}


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    inbox = clock_inbox(request.user, now=now)
    queue = review_queue() if can_review_content(request.user) else []
    context = {"inbox": inbox, "queue": queue, "now": now}
    return render(request, "workbench/home.html", context)


@staff_required
def clock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    clock = get_object_or_404(clock_visible_to(request.user), pk=pk)
    status = clock_status(clock, now=timezone.now(), calendar=work_calendar())
    rule = clock_rule(clock.rule_key, start=timezone.localdate(clock.started_at))
    events = [(e, EVENT_LABELS.get(e.kind, e.kind)) for e in clock.events.all()]
    context = {"clock": clock, "status": status, "rule": rule, "events": events}
    return render(request, "workbench/clock_detail.html", context)


@staff_required
def review_list(request: HttpRequest) -> HttpResponse:
    if not can_review_content(request.user):
        raise PermissionDeniedError()
    return render(request, "workbench/review_list.html", {"queue": review_queue()})


@staff_required
def page_list(request: HttpRequest) -> HttpResponse:
    pages = page_visible_to_staff(request.user).order_by("-updated_at")
    page_obj = Paginator(pages, 50).get_page(request.GET.get("page"))
    return render(request, "workbench/page_list.html", {"pages": page_obj})


@staff_required
def page_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_edit_content(user, None):
        raise PermissionDeniedError()
    form = PageForm(request.POST or None, initial={"department": user.department})
    if user.role == Role.STAFF:
        # Authors write for their own department only (can_edit_content).
        field: Any = form.fields["department"]
        field.queryset = field.queryset.filter(pk=user.department_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            page = pub.page_create(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                body=data["body"],
                department=data["department"],
                by=user,
                formed_on=data["formed_on"],
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("workbench:page-edit", pk=page.pk)
    return render(request, "workbench/page_form.html", {"form": form, "page": None})


@staff_required
def page_edit(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(page_visible_to_staff(request.user), pk=pk)
    can_edit = can_edit_content(request.user, page)
    if request.method == "POST" and not can_edit:
        raise PermissionDeniedError()
    form = PageForm(
        request.POST or None,
        initial={
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": page.body,
            "formed_on": page.formed_on,
            "department": page.department,
        },
    )
    for name in ("slug", "department", "formed_on"):
        form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            pub.page_update(
                page=page,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("修改已保存，形成新版本。"))
            return redirect("workbench:page-edit", pk=page.pk)
    revisions = list(revisions_of(page)[:20])
    diff = revision_compare(revisions[1], revisions[0]) if len(revisions) > 1 else {}
    context = {
        "form": form,
        "page": page,
        "revisions": revisions,
        "diff": diff,
        "reason_form": ReasonForm(),
        "publish_form": PublishForm(),
        "approve_form": ApproveForm(),
        "can_review": can_review_content(request.user, page),
        "can_edit": can_edit,
        "last_check": _last_check(request, page),
    }
    return render(request, "workbench/page_form.html", context)


def _last_check(request: HttpRequest, page: Page) -> list[dict[str, Any]]:
    """The findings of the last blocked action on this page, one row per exact span.

    Kept in the session until an action succeeds, so a reload still shows them.
    """
    check = request.session.get("last_check")
    if not isinstance(check, dict) or check.get("page") != page.pk:
        return []
    detail = check.get("detail") or {}
    rows: list[dict[str, Any]] = []
    for field, items in (detail.get("personal_data") or {}).items():
        for x in items:
            kind = PII_LABELS.get(x["kind"], x["kind"])
            rows.append(_finding(field, kind, x["start"], x["end"], x["value"], True))
    for field, items in (detail.get("sensitive_words") or {}).items():
        for m in items:
            blocking = m["level"] == WordLevel.BLOCK
            rows.append(
                _finding(field, _("敏感词"), m["start"], m["end"], m["word"], blocking)
            )
    return rows


def _finding(
    field: str, kind: Any, start: int, end: int, value: str, blocking: bool
) -> dict[str, Any]:
    try:
        label = str(Page._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        label = field
    return {
        "field": label,
        "kind": kind,
        "start": start,
        "end": end,
        "value": value,
        "blocking": blocking,
    }


@require_POST
@staff_required
def page_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One endpoint per lifecycle action; every one goes through publishing.services."""
    # Someone else's page is as absent here as on page_edit, not merely forbidden.
    page = get_object_or_404(page_visible_to_staff(request.user), pk=pk)
    user = request.user
    try:
        if action == "submit":
            pub.publishing_submit(obj=page, by=user)
        elif action == "approve":
            form = ApproveForm(request.POST)
            form.is_valid()
            pub.publishing_approve(
                obj=page,
                by=user,
                accept_warnings=form.cleaned_data.get("accept_warnings", False),
            )
        elif action in ("reject", "withdraw"):
            reason_form = ReasonForm(request.POST)
            reason = (
                reason_form.cleaned_data["reason"] if reason_form.is_valid() else ""
            )
            if action == "reject":
                pub.publishing_reject(obj=page, by=user, reason=reason)
            else:
                pub.publishing_withdraw(obj=page, by=user, reason=reason)
        elif action == "publish":
            publish_form = PublishForm(request.POST)
            if not publish_form.is_valid():
                messages.error(request, _("发布时间格式不正确。"))
                return redirect("workbench:page-edit", pk=page.pk)
            pub.publishing_publish(obj=page, by=user, **publish_form.cleaned_data)
        elif action == "reopen":
            pub.publishing_reopen(obj=page, by=user)
        else:
            context = {
                "status": 404,
                "title": _("页面不存在"),
                "message": _("未知操作。"),
            }
            return render(request, "errors/error.html", context, status=404)
    except PermissionDeniedError:
        raise
    except GongkaiError as exc:
        if exc.code.startswith("publishing.") and exc.detail:
            request.session["last_check"] = {"page": page.pk, "detail": exc.detail}
        messages.error(request, str(exc.message))
    else:
        request.session.pop("last_check", None)
        messages.success(request, _("操作已完成。"))
    return redirect("workbench:page-edit", pk=page.pk)


@staff_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not can_view_audit(request.user):
        raise PermissionDeniedError()
    events = AuditEvent.objects.select_related("actor")
    if action := request.GET.get("action"):
        events = events.filter(action__startswith=action)
    page_obj = Paginator(events, 50).get_page(request.GET.get("page"))
    result = audit_verify() if request.GET.get("verify") == "1" else None
    context = {"events": page_obj, "verify": result, "action": action or ""}
    return render(request, "workbench/audit_list.html", context)
