"""Staff login, TOTP second factor (enrolment on first login) and logout."""

from __future__ import annotations

import segno
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from .forms import TokenForm
from .services import totp_device_for, totp_verify


class StaffLoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/workbench/"
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return "/workbench/"


@login_required
def otp_view(request: HttpRequest) -> HttpResponse:
    device = totp_device_for(request.user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified = totp_verify(user=request.user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        if verified is not None:
            otp_login(request, verified)
            return redirect(_next_url(request))
        form.add_error("token", _("验证码不正确或已过期，请重新输入。"))
    context = {
        "form": form,
        "enrolling": not device.confirmed,
        "next": _next_url(request),
    }
    if not device.confirmed:
        qr = segno.make(device.config_url, error="m")
        context["qr_svg"] = qr.svg_inline(scale=4, title=_("身份验证器二维码"))
        context["secret"] = device.config_url.split("secret=")[1].split("&")[0]
    return render(request, "accounts/otp.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")
