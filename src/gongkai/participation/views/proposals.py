"""Pages of proposals: the public handling-status list per year and one proposal
with its published reply; the workbench list, registration, reply and satisfaction,
and the reply's edit page on the review workflow."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import has_role
from gongkai.common.errors import GongkaiError, NotFoundError, PermissionDeniedError
from gongkai.publishing.pagecache import public_page

from ..mailbox_forms import ProposalForm, ProposalRateForm, ReplyForm
from ..models import ProposalReply
from ..presenters import proposal_record
from ..selectors.mailbox import (
    clock_rows,
    proposal_list_public,
    proposal_reply_public,
    proposal_visible_to_staff,
    proposal_years,
    reply_visible_to_staff,
)
from ..services.proposals import (
    can_handle_proposal,
    proposal_create,
    proposal_rate,
    proposal_reply,
)


@public_page
def proposal_list(request: HttpRequest) -> HttpResponse:
    years = proposal_years()
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    now = timezone.now()
    rows = []
    for p in proposal_list_public(year=year):
        reply = getattr(p, "reply", None)
        visible = reply if reply is not None and reply.is_visible(now) else None
        rows.append(proposal_record(p, visible))
    counts = {
        "total": len(rows),
        "replied": sum(1 for r in rows if r["replied_on"]),
        "published": sum(1 for r in rows if r["reply"]),
    }
    return render(
        request,
        "participation/proposals/proposal_list.html",
        {"rows": rows, "year": year, "years": years, "counts": counts},
    )


@public_page
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_list_public().filter(pk=pk).first()
    if proposal is None:
        raise NotFoundError()
    reply = proposal_reply_public(proposal, now=timezone.now())
    return render(
        request,
        "participation/proposals/proposal_detail.html",
        {"p": proposal_record(proposal, reply)},
    )


@staff_required
def staff_proposal_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/proposals/staff_list.html",
        {
            "proposals": proposal_visible_to_staff(request.user).order_by(
                "-year", "number"
            )[:500],
            "can_create": has_role(request.user, "reviewer", "admin"),
        },
    )


@staff_required
def staff_proposal_create(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, "reviewer", "admin"):
        raise PermissionDeniedError(
            _("只有公开办可以登记和交办建议提案。"), code="proposal.create_denied"
        )
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = proposal_create(
                kind=data["kind"],
                year=data["year"],
                number=data["number"],
                title=data["title"],
                proposer=data["proposer"],
                lead_department=data["lead_department"],
                co_departments=data["co_departments"],
                assigned_at=data["assigned_at"],
                by=request.user,  # type: ignore[arg-type]
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect("participation-staff:proposal-detail", pk=proposal.pk)
    return render(request, "participation/proposals/staff_form.html", {"form": form})


@staff_required
def staff_proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_visible_to_staff(request.user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    reply_form = ReplyForm(prefix="r", initial={"replied_at": timezone.localtime()})
    rate_form = ProposalRateForm(prefix="s")
    if request.method == "POST":
        step = request.POST.get("step", "")
        form = (
            ReplyForm(request.POST, prefix="r")
            if step == "reply"
            else ProposalRateForm(request.POST, prefix="s")
        )
        if step == "reply":
            reply_form = form  # type: ignore[assignment]
        else:
            rate_form = form  # type: ignore[assignment]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if step == "reply":
                    proposal_reply(
                        proposal=proposal,
                        title=data["title"],
                        body=data["body"],
                        is_summary=data["is_summary"],
                        summary_reason=data["summary_reason"],
                        replied_at=data["replied_at"],
                        by=request.user,  # type: ignore[arg-type]
                    )
                else:
                    proposal_rate(
                        proposal=proposal,
                        satisfaction=data["satisfaction"],
                        note=data["note"],
                        by=request.user,  # type: ignore[arg-type]
                    )
            except GongkaiError as exc:
                form.add_error(None, str(exc.message))
            else:
                return redirect("participation-staff:proposal-detail", pk=pk)
    return render(
        request,
        "participation/proposals/staff_detail.html",
        {
            "proposal": proposal,
            "reply": ProposalReply.objects.filter(proposal=proposal).first(),
            "clocks": clock_rows(proposal, now=timezone.now()),
            "can_handle": can_handle_proposal(request.user, proposal),
            "reply_form": reply_form,
            "rate_form": rate_form,
        },
    )


@staff_required
def staff_reply_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply on the review workflow (the ContentKind's edit page)."""
    reply = reply_visible_to_staff(request.user).filter(pk=pk).first()
    if reply is None:
        raise Http404
    return render(request, "participation/proposals/staff_reply.html", {"reply": reply})
