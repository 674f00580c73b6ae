"""A contributor's own page, reached by its link (DRAW.md §6.2, §7.2): no login.

The notary or an enterprise representative hands in a commitment before the commit
and reveals the value after it; a wrong or outdated link gets a clear message.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from gongkai.common.errors import GongkaiError

from .. import services
from ..choices import DrawState
from ..selectors import contribution_for_link


class CommitmentForm(forms.Form):
    commitment = forms.CharField(
        label=gettext_lazy("承诺值（64位十六进制）"), max_length=64
    )


class RevealValueForm(forms.Form):
    value_hex = forms.CharField(
        label=gettext_lazy("揭示值（十六进制）"), max_length=128
    )


@never_cache
def contribute(request: HttpRequest, token: str) -> HttpResponse:
    c = contribution_for_link(token)
    if c is None:
        response = render(
            request, "inspections/contribute.html", {"invalid": True}, status=404
        )
        return _private(response)
    status = 200
    commit_form, reveal_form = CommitmentForm(), RevealValueForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "commit":
                commit_form = CommitmentForm(request.POST)
                if commit_form.is_valid():
                    services.contribution_commit_by_token(
                        token=token, commitment=commit_form.cleaned_data["commitment"]
                    )
                    messages.success(request, _("承诺值已提交。请保存好揭示值。"))
                    return redirect("inspections:contribute", token=token)
            elif action == "reveal":
                reveal_form = RevealValueForm(request.POST)
                if reveal_form.is_valid():
                    services.contribution_reveal_by_token(
                        token=token, value_hex=reveal_form.cleaned_data["value_hex"]
                    )
                    messages.success(request, _("揭示值已记录，与承诺值相符。"))
                    return redirect("inspections:contribute", token=token)
        except GongkaiError as exc:
            messages.error(request, str(exc.message))
        status = 400
        c.refresh_from_db()
    d = c.draw
    now = timezone.now()
    context = {
        "c": c,
        "d": d,
        "task": d.task,
        "task_id": d.params["task_id"],
        "sm3": d.params.get("hash_alg") == "sm3",
        "can_commit": d.state == DrawState.FROZEN and not c.commitment,
        "can_reveal": bool(c.commitment)
        and not c.value_hex
        and d.state in (DrawState.COMMITTED, DrawState.BEACON)
        and now <= d.reveal_deadline,
        "late": bool(c.commitment) and not c.value_hex and now > d.reveal_deadline,
        "commit_form": commit_form,
        "reveal_form": reveal_form,
    }
    return _private(
        render(request, "inspections/contribute.html", context, status=status)
    )


def _private(response: HttpResponse) -> HttpResponse:
    # The token is in the address: never send it on to another site (same-origin,
    # not no-referrer: browsers then send "Origin: null" and CSRF refuses the form).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
