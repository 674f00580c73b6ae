"""Public pages: the application guide, the form, the acknowledgement, case lookup."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gongkai.common.errors import GongkaiError
from gongkai.common.limits import client_ip, limit_exceeded
from gongkai.common.selectors import rule_value
from gongkai.core import fees
from gongkai.publishing.pagecache import public_page

from ..choices import FeeMethod, Status
from ..forms import (
    ApplicantCorrectionForm,
    FeeCalculatorForm,
    PublicApplicationForm,
    TrackForm,
    form_token,
    form_token_use,
    token_issued,
)
from ..letter_files import letter_docx, letter_pdf
from ..models import FoiRequest
from ..selectors import (
    expected_reply,
    letters_for_applicant,
    reply_due,
    request_for_applicant,
)
from ..services import correction_submit, request_submit
from ..services.letters import review_body

SESSION_CASE = "foi_case"
SESSION_NEW = "foi_new"


def _rate_limited(request: HttpRequest, bucket: str, limit: int) -> bool:
    """At most ``limit`` attempts per address per hour, counted for all workers."""
    return limit_exceeded(
        bucket=f"foi:{bucket}", ident=client_ip(request), limit=limit, window=3600
    )


@public_page
def guide(request: HttpRequest) -> HttpResponse:
    """Who may apply, what to include, channels, fees, remedies, contact."""
    today = timezone.localdate()
    context = {
        "per_item": rule_value("fee.per_item", on=today),
        "per_page": rule_value("fee.per_page_tiers", on=today),
        "review_body": review_body(),
        "reply_days": rule_value("clock.foi.reply.length", on=today),
        "fee_pauses": rule_value("clock.foi.reply.fee_pauses", on=today),
    }
    form = FeeCalculatorForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["method"] == FeeMethod.BY_PAGE:
            quote = fees.fee_by_page(data["quantity"], tiers=context["per_page"])
        else:
            quote = fees.fee_by_item(
                data["quantity"],
                earlier_in_month=data["earlier"] or 0,
                table=context["per_item"],
            )
        context["quote"] = quote
    context["fee_form"] = form
    return render(request, "foi/guide.html", context)


@never_cache
def apply(request: HttpRequest) -> HttpResponse:
    form = PublicApplicationForm(initial={"token": form_token()})
    if request.method == "POST":
        form = PublicApplicationForm(request.POST, request.FILES)
        limit = int(getattr(settings, "GONGKAI_FOI_APPLY_PER_HOUR", 10))
        if _rate_limited(request, "apply", limit):
            form.add_error(
                None, _("提交次数过多，请一小时后再试，或者采用邮寄、当面提交等方式。")
            )
        elif form.is_valid() and not form_token_use(form.cleaned_data["token"]):
            form.add_error(
                None,
                _(
                    "此表单已经提交过，不能重复提交。如果刚才的提交已成功，请勿再次提交；"
                    "如需提出新的申请，请核对内容后再次提交本页。"
                ),
            )
        elif form.is_valid():
            try:
                foi_request, code = request_submit(application=form.application())
            except GongkaiError as exc:
                form.add_error(None, str(exc.message))
            else:
                request.session[SESSION_NEW] = [foi_request.tracking_number, code]
                request.session[SESSION_CASE] = foi_request.pk
                return redirect("foi:done")
        # keep everything typed, with a fresh token for the next attempt that keeps
        # the time the form was first shown
        form.data = form.data.copy()
        form.data["token"] = form_token(since=token_issued(form.data.get("token", "")))
    return render(request, "foi/apply.html", {"form": form})


@never_cache
def done(request: HttpRequest) -> HttpResponse:
    """The acknowledgement: tracking number and query code, shown once."""
    new = request.session.pop(SESSION_NEW, None)
    if not new:
        return redirect("foi:track")
    submitted = FoiRequest.objects.filter(tracking_number=new[0]).first()
    expected = (
        expected_reply(submitted, now=timezone.now()) if submitted is not None else None
    )
    return render(
        request,
        "foi/done.html",
        {"tracking_number": new[0], "code": new[1], "expected": expected},
    )


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if _rate_limited(request, "track", 30):
            form.add_error(None, _("查询次数过多，请一小时后再试。"))
        elif form.is_valid():
            found = request_for_applicant(
                form.cleaned_data["tracking_number"], form.cleaned_data["query_code"]
            )
            if found is None:
                form.add_error(None, _("申请编号或查询码不正确。"))
            else:
                request.session[SESSION_CASE] = found.pk
                return redirect("foi:case")
    return render(request, "foi/track.html", {"form": form})


def _case(request: HttpRequest) -> FoiRequest:
    pk = request.session.get(SESSION_CASE)
    if pk is None:
        raise Http404
    return get_object_or_404(FoiRequest, pk=pk)


@never_cache
def case(request: HttpRequest) -> HttpResponse:
    """The applicant's view of the case: status, due date, letters (no personal data)."""
    try:
        foi_request = _case(request)
    except Http404:
        return redirect("foi:track")
    form = ApplicantCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction_submit(request=foi_request, text=form.cleaned_data["text"])
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect("foi:case")
    context = {
        "form": form,
        "req": foi_request,
        "due": reply_due(foi_request),
        "expected": None
        if foi_request.received_at
        else expected_reply(foi_request, now=timezone.now()),
        "letters": letters_for_applicant(foi_request),
        "files": [f for f in foi_request.reply_files.all() if f.releasable]
        if foi_request.status in (Status.REPLIED, Status.CLOSED)
        else [],
    }
    return render(request, "foi/case.html", context)


@never_cache
def case_letter(request: HttpRequest, number: str, fmt: str = "docx") -> HttpResponse:
    foi_request = _case(request)
    letter = get_object_or_404(letters_for_applicant(foi_request), number=number)
    content = letter_pdf(letter) if fmt == "pdf" else letter_docx(letter)
    return FileResponse(content, as_attachment=True, filename=f"{letter.number}.{fmt}")
