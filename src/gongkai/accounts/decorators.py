"""View guards for the workbench: logged in, staff, second factor passed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from gongkai.common.errors import PermissionDeniedError

from .permissions import can_use_workbench


def otp_satisfied(request: HttpRequest) -> bool:
    if not getattr(settings, "GONGKAI_REQUIRE_OTP", True):
        return True
    return bool(request.user.is_verified())  # type: ignore[union-attr]


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Require a logged-in, active staff user who passed the TOTP second factor."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
        if not otp_satisfied(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:otp')}?{query}")
        if not can_use_workbench(request.user):
            raise PermissionDeniedError()
        return view(request, *args, **kwargs)

    return wrapped
