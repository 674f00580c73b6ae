"""Public pages of consultations on drafts and open meetings."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.common.errors import GongkaiError, NotFoundError
from gongkai.common.limits import client_ip, limit_exceeded
from gongkai.publishing.pagecache import public_page

from .. import consultation_rules as cr
from ..consultation_forms import CommentForm, form_token, form_token_use
from ..selectors.consultations import (
    comments_public,
    consultation_get_public,
    consultation_list_public,
    feedback_get_public,
    feedback_public,
    meeting_get_public,
    meeting_list_public,
)
from ..services.consultations import comment_submit

PER_PAGE = 20
PHASES = ("open", "closed")


@public_page
def consultation_list(request: HttpRequest) -> HttpResponse:
    phase = request.GET.get("phase", "")
    if phase not in PHASES:
        phase = ""
    now = timezone.now()
    qs = consultation_list_public(now=now, phase=phase)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "phase": phase, "now": now}
    return render(request, "participation/consultations/list.html", context)


def _detail_context(request: HttpRequest, pk: int) -> dict[str, object]:
    now = timezone.now()
    consultation = consultation_get_public(pk=pk, now=now)
    if consultation is None:
        raise NotFoundError()
    return {
        "c": consultation,
        "phase": consultation.phase(now),
        "comments": comments_public(consultation),
        "received": consultation.comments.count(),
        "feedback": feedback_public(consultation, now=now),
    }


@public_page
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = _detail_context(request, pk)
    if context["phase"] != cr.OPEN:
        return render(request, "participation/consultations/detail.html", context)
    # The open form carries a CSRF and a single-use token: this page is for one
    # visitor, never kept by the page cache nor written as a static file.
    context["form"] = CommentForm(initial={"token": form_token()})
    response = render(request, "participation/consultations/detail.html", context)
    add_never_cache_headers(response)
    return response


@never_cache
@require_POST
def consultation_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """The comment form's target; works without JavaScript."""
    context = _detail_context(request, pk)
    form = CommentForm(request.POST)
    limit = int(getattr(settings, "GONGKAI_CONSULTATION_COMMENTS_PER_HOUR", 10))
    if limit_exceeded(
        bucket="consultation:comment",
        ident=client_ip(request),
        limit=limit,
        window=3600,
    ):
        form.add_error(None, _("提交次数过多，请一小时后再试。"))
    elif form.is_valid() and not form_token_use(form.cleaned_data["token"]):
        form.add_error(None, _("此表单已经提交过，不能重复提交。"))
    elif form.is_valid():
        d = form.cleaned_data
        try:
            comment_submit(
                consultation=context["c"],  # type: ignore[arg-type]
                body=d["body"],
                name=d.get("name") or "",
                contact=d.get("contact") or "",
                topic=d.get("topic") or "",
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            return render(
                request, "participation/consultations/comment_done.html", context
            )
    form.data = form.data.copy()
    form.data["token"] = form_token()
    context["form"] = form
    return render(
        request, "participation/consultations/detail.html", context, status=400
    )


@public_page
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = feedback_get_public(pk=pk, now=timezone.now())
    if report is None:
        raise NotFoundError()
    items = list(report.items.all())
    totals = cr.feedback_totals({"outcome": i.outcome, "count": i.count} for i in items)
    topics: dict[str, list[object]] = {}
    for item in items:
        topics.setdefault(item.topic, []).append(item)
    context = {"report": report, "topics": topics, "totals": totals}
    return render(request, "participation/consultations/feedback.html", context)


@public_page
def meeting_list(request: HttpRequest) -> HttpResponse:
    qs = meeting_list_public(now=timezone.now())
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "participation/meetings/list.html", {"page": page})


@public_page
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get_public(pk=pk, now=timezone.now())
    if meeting is None:
        raise NotFoundError()
    return render(request, "participation/meetings/detail.html", {"m": meeting})
