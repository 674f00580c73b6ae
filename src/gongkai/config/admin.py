"""The Django admin behind the same door as the workbench: staff login and TOTP.

Django's own admin login asks for a password only, so an administrator could skip
the second factor there. This site sends every login to ``accounts:login`` (with
django-axes) and ``accounts:otp``, and counts a session only after the TOTP step.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from gongkai.accounts.decorators import otp_satisfied


class GongkaiAdminSite(AdminSite):
    site_header = "gongkai 政务公开平台管理"
    site_title = "gongkai"

    def has_permission(self, request: HttpRequest) -> bool:

        return super().has_permission(request) and otp_satisfied(request)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:

        query = urlencode({"next": reverse("admin:index")})
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?{query}")
        if not otp_satisfied(request):
            return redirect(f"{reverse('accounts:otp')}?{query}")
        if self.has_permission(request):
            return redirect("admin:index")
        raise PermissionDenied  # a second factor, but no administrator flag


class GongkaiAdminConfig(AdminConfig):
    default_site = "gongkai.config.admin.GongkaiAdminSite"
