"""Staff shell: inbox of every clock, review queue, pages, audit trail, "why this date"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
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
from gongkai.common.templatetags.gongkai import edit_url
from gongkai.foi.selectors import online_awaiting_confirmation
from gongkai.publishing import services as pub
from gongkai.publishing.checks import review_checks
from gongkai.publishing.choices import Status
from gongkai.publishing.forms import ApproveForm, PublishForm, ReasonForm
from gongkai.publishing.registry import kind_of, staff_queryset
from gongkai.publishing.review import field_previews, review_hits, revision_diffs
from gongkai.publishing.selectors import (
    last_approved_revision,
    page_visible_to_staff,
    returned_to,
    review_queue,
    revision_compare,
    revisions_of,
)
from gongkai.publishing.views import content_action, last_check

from .forms import PageForm


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    inbox = clock_inbox(request.user, now=now)
    queue = review_queue() if can_review_content(request.user) else []
    context = {
        "inbox": inbox,
        "queue": queue,
        "returned": returned_to(request.user),
        # 条例 第三十一条: an online request is received when it is confirmed.
        "awaiting": list(online_awaiting_confirmation(request.user)[:50]),
        "now": now,
    }
    return render(request, "workbench/home.html", context)


@staff_required
def clock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    clock = get_object_or_404(clock_visible_to(request.user), pk=pk)
    status = clock_status(clock, now=timezone.now(), calendar=work_calendar())
    rule = clock_rule(clock.rule_key, start=timezone.localdate(clock.started_at))
    events = [(e, rule.label(e.kind)) for e in clock.events.all()]
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
        "last_check": last_check(request, page),
    }
    return render(request, "workbench/page_form.html", context)


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


def _reviewed_item(request: HttpRequest, kind: str, pk: int) -> tuple[Any, Any]:
    content = kind_of(kind)
    if content is None:
        raise Http404
    return content, get_object_or_404(staff_queryset(content, request.user), pk=pk)


@staff_required
def review_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """What the reviewer reads: the rendered text with every personal-data and
    sensitive-word hit marked in place (field and offset, one-click mask), the
    changes since the last approved revision, and the review actions — no form."""
    content, obj = _reviewed_item(request, kind, pk)
    hits = review_hits(obj, review_checks(obj))
    approved = last_approved_revision(obj)
    context = {
        "obj": obj,
        "kind": kind,
        "kind_label": content.label,
        "hits": hits,
        "blocking": [h for h in hits if h.blocking],
        "previews": field_previews(obj, hits),
        "approved": approved,
        "diffs": revision_diffs(obj, approved.data if approved else None),
        "can_review": can_review_content(request.user, obj),
        "can_edit": can_edit_content(request.user, obj),
        "can_mask": obj.status in (Status.DRAFT, Status.IN_REVIEW)
        and (
            can_edit_content(request.user, obj) or can_review_content(request.user, obj)
        ),
        "edit_url": edit_url(obj),
        "here": request.path,
    }
    return render(request, "workbench/review_detail.html", context)


@require_POST
@staff_required
def review_mask(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Mask one hit (a plain POST form: works without JavaScript)."""
    _content, obj = _reviewed_item(request, kind, pk)
    try:
        start, end = int(request.POST["start"]), int(request.POST["end"])
        obj = pub.publishing_mask(
            obj=obj,
            field=request.POST.get("field", ""),
            start=start,
            end=end,
            expected=request.POST.get("value", ""),
            kind=request.POST.get("kind", "word"),
            by=request.user,
        )
    except (KeyError, ValueError):
        messages.error(request, _("遮蔽请求不完整，请刷新页面后重试。"))
    except PermissionDeniedError:
        raise
    except GongkaiError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("已遮蔽：《%(title)s》%(field)s第 %(start)d–%(end)d 字符")
            % {
                "title": obj,
                "field": obj._meta.get_field(request.POST["field"]).verbose_name,
                "start": start,
                "end": end,
            },
        )
    return redirect("workbench:review-detail", kind=kind, pk=pk)


@require_POST
@staff_required
def review_action(
    request: HttpRequest, kind: str, pk: int, action: str
) -> HttpResponse:
    """The lifecycle actions from the review page (``publishing.views.content_action``),
    returning to it."""
    return content_action(request, pk=pk, action=action, content_kind=kind)
