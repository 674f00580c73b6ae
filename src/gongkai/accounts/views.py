"""Staff login, TOTP second factor (enrolment by one-time link only) and logout."""

from __future__ import annotations

import segno
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from .forms import TokenForm
from .services import (
    EnrolmentLinkError,
    enrolment_complete,
    enrolment_device,
    enrolment_link_valid,
    totp_device_for,
    totp_verify,
)


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
    """The code of the bound authenticator; an account without one is told to use
    the enrolment link from its administrator (no secret is shown here)."""
    device = totp_device_for(request.user)  # type: ignore[arg-type]
    if device is None:
        return render(request, "accounts/otp_unenrolled.html", status=403)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified = totp_verify(user=request.user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        if verified is not None:
            otp_login(request, verified)
            return redirect(_next_url(request))
        form.add_error("token", _("验证码不正确或已过期，请重新输入。"))
    context = {"form": form, "enrolling": False, "next": _next_url(request)}
    return render(request, "accounts/otp.html", context)


@never_cache
@login_required
def enrol_view(request: HttpRequest, token: str) -> HttpResponse:
    """Bind an authenticator through an administrator's one-time link."""
    link = enrolment_link_valid(token=token, user=request.user)
    if link is None:
        return render(
            request,
            "accounts/enrol_invalid.html",
            {"message": EnrolmentLinkError.default_message},
            status=404,
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = enrolment_complete(
                user=request.user,  # type: ignore[arg-type]
                token=token,
                code=form.cleaned_data["token"],
            )
        except EnrolmentLinkError as exc:
            return render(
                request,
                "accounts/enrol_invalid.html",
                {"message": exc.message},
                status=404,
            )
        if device is not None:
            otp_login(request, device)
            return redirect("workbench:home")
        form.add_error("token", _("验证码不正确或已过期，请重新输入。"))
    device = enrolment_device(link=link)
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "enrolling": True,
        "next": "",
        "qr_svg": qr.svg_inline(scale=4, title=_("身份验证器二维码")),
        "secret": device.config_url.split("secret=")[1].split("&")[0],
        "expires_at": link.expires_at,
    }
    return render(request, "accounts/otp.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")
