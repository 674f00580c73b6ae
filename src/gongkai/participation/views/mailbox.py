"""Pages of the public mailbox: write, acknowledgement, follow with the query code
(and rate the answer), the Q&A list; and the workbench pages (list, handle, counts)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import has_role
from gongkai.common.errors import GongkaiError, NotFoundError
from gongkai.common.limits import client_ip, limit_exceeded
from gongkai.publishing.pagecache import public_page

from ..mailbox_forms import (
    AnswerForm,
    AssignForm,
    InvalidForm,
    MessageForm,
    RateForm,
    TrackForm,
    form_token,
    form_token_use,
)
from ..mailbox_rules import clean_about
from ..models import Message, MessageStatus
from ..presenters import message_record
from ..selectors.mailbox import (
    clock_rows,
    message_for_writer,
    message_get_public,
    message_list_public,
    message_month_counts,
    message_visible_to_staff,
)
from ..services.mailbox import (
    can_handle_message,
    message_answer,
    message_assign,
    message_mark_invalid,
    message_rate,
    message_submit,
)

SESSION_NEW = "message_new"
SESSION_MINE = "message_mine"
PER_PAGE = 20


def _rate_limited(request: HttpRequest, bucket: str, limit: int) -> bool:
    """At most ``limit`` attempts per address per hour, counted for all workers."""
    return limit_exceeded(
        bucket=f"participation:{bucket}",
        ident=client_ip(request),
        limit=limit,
        window=3600,
    )


@public_page
def message_list(request: HttpRequest) -> HttpResponse:
    """The Q&A list: answered messages whose writers agreed to publication."""
    page = Paginator(message_list_public().select_related("department"), PER_PAGE)
    page_obj = page.get_page(request.GET.get("page"))
    rows = [message_record(m) for m in page_obj.object_list]
    return render(
        request,
        "participation/mailbox/message_list.html",
        {"page": page_obj, "rows": rows},
    )


@public_page
def message_detail(request: HttpRequest, number: str) -> HttpResponse:
    message = message_get_public(number)
    if message is None:
        raise NotFoundError()
    return render(
        request,
        "participation/mailbox/message_detail.html",
        {"m": message_record(message)},
    )


@never_cache
def message_new(request: HttpRequest) -> HttpResponse:
    about = clean_about(request.GET.get("about", ""))
    form = MessageForm(initial={"token": form_token(), "about": about})
    if request.method == "POST":
        form = MessageForm(request.POST)
        limit = int(getattr(settings, "GONGKAI_MESSAGE_PER_HOUR", 10))
        if _rate_limited(request, "message", limit):
            form.add_error(None, _("提交次数过多，请一小时后再试，或者拨打咨询电话。"))
        elif form.is_valid() and not form_token_use(form.cleaned_data["token"]):
            form.add_error(
                None, _("此表单已经提交过，不能重复提交。如需再次留言，请重新填写。")
            )
        elif form.is_valid():
            data = form.cleaned_data
            try:
                message, code = message_submit(
                    category=data["category"],
                    subject=data["subject"],
                    body=data["body"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"] or "",
                    is_public=data["is_public"],
                    about=data["about"] or "",
                    department=data["department"],
                )
            except GongkaiError as exc:
                form.add_error(None, str(exc.message))
            else:
                request.session[SESSION_NEW] = [message.tracking_number, code]
                request.session[SESSION_MINE] = message.pk
                return redirect("participation:message-done")
        form.data = form.data.copy()
        form.data["token"] = form_token()
        about = clean_about(form.data.get("about", ""))
    return render(
        request,
        "participation/mailbox/message_form.html",
        {"form": form, "about": about},
    )


@never_cache
def message_done(request: HttpRequest) -> HttpResponse:
    """The acknowledgement: message number and query code, shown once."""
    new = request.session.pop(SESSION_NEW, None)
    if not new:
        return redirect("participation:message-track")
    return render(
        request,
        "participation/mailbox/message_done.html",
        {"number": new[0], "code": new[1]},
    )


@never_cache
def message_track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if _rate_limited(request, "track", 30):
            form.add_error(None, _("查询次数过多，请一小时后再试。"))
        elif form.is_valid():
            found = message_for_writer(
                form.cleaned_data["tracking_number"], form.cleaned_data["query_code"]
            )
            if found is None:
                form.add_error(None, _("留言编号或查询码不正确。"))
            else:
                request.session[SESSION_MINE] = found.pk
                return redirect("participation:message-mine")
    return render(request, "participation/mailbox/message_track.html", {"form": form})


@never_cache
def message_mine(request: HttpRequest) -> HttpResponse:
    """The writer's own message: status, answer, and the satisfaction form."""
    pk = request.session.get(SESSION_MINE)
    if pk is None:
        return redirect("participation:message-track")
    message = get_object_or_404(Message, pk=pk)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message_rate(
                message=message,
                satisfaction=form.cleaned_data["satisfaction"],
                note=form.cleaned_data["note"],
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect("participation:message-mine")
    return render(
        request,
        "participation/mailbox/message_mine.html",
        {"message": message, "form": form},
    )


# ---------------------------------------------------------------- workbench


@staff_required
def staff_message_list(request: HttpRequest) -> HttpResponse:
    qs = message_visible_to_staff(request.user)
    status = request.GET.get("status", MessageStatus.RECEIVED)
    if status in MessageStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("received_at", "id"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/mailbox/staff_list.html",
        {
            "page": page,
            "status": status,
            "statuses": MessageStatus.choices,
            "is_office": has_role(request.user, "reviewer", "admin"),
        },
    )


@staff_required
def staff_message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = message_visible_to_staff(request.user).filter(pk=pk).first()
    if message is None:
        raise Http404
    forms = {
        "answer": AnswerForm(prefix="a"),
        "assign": AssignForm(prefix="t"),
        "invalid": InvalidForm(prefix="i"),
    }
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "answer":
                forms["answer"] = form = AnswerForm(request.POST, prefix="a")
                if form.is_valid():
                    message_answer(
                        message=message,
                        answer=form.cleaned_data["answer"],
                        by=request.user,  # type: ignore[arg-type]
                    )
                    return redirect("participation-staff:message-detail", pk=pk)
            elif step == "assign":
                forms["assign"] = form = AssignForm(request.POST, prefix="t")
                if form.is_valid():
                    message_assign(
                        message=message,
                        department=form.cleaned_data["department"],
                        reason=form.cleaned_data["reason"],
                        by=request.user,  # type: ignore[arg-type]
                    )
                    return redirect("participation-staff:message-list")
            elif step == "invalid":
                forms["invalid"] = form = InvalidForm(request.POST, prefix="i")
                if form.is_valid():
                    message_mark_invalid(
                        message=message,
                        reason=form.cleaned_data["reason"],
                        by=request.user,  # type: ignore[arg-type]
                    )
                    return redirect("participation-staff:message-list")
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
    return render(
        request,
        "participation/mailbox/staff_detail.html",
        {
            "message": message,
            "clocks": clock_rows(message, now=timezone.now()),
            "can_handle": can_handle_message(request.user, message),
            "is_office": has_role(request.user, "reviewer", "admin"),
            **forms,
        },
    )


@staff_required
def staff_message_stats(request: HttpRequest) -> HttpResponse:
    """Monthly counts: received, answered, on time, average days."""
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 1990), 2100)
    return render(
        request,
        "participation/mailbox/staff_stats.html",
        {"year": year, "rows": message_month_counts(year=year)},
    )
