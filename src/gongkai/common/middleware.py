"""Request id for audit rows, the interface language, and the one mapping of
GongkaiError to pages."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from .context import client_ip_var, request_id_var
from .errors import GongkaiError


class RequestIdMiddleware:
    """Give every request an id (or keep a sane one set by the proxy) and expose it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-Id", "")
        rid = (
            incoming if incoming.isalnum() and len(incoming) <= 64 else uuid.uuid4().hex
        )
        request.request_id = rid  # type: ignore[attr-defined]
        t1 = request_id_var.set(rid)
        t2 = client_ip_var.set(request.META.get("REMOTE_ADDR", ""))
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(t1)
            client_ip_var.reset(t2)
        response["X-Request-Id"] = rid
        return response


class LocaleMiddleware:
    """Chinese unless the visitor chose another language with the language link (its
    cookie). The browser's Accept-Language is not followed: a Chinese government site
    speaks Chinese first, and pages vary on the cookie alone (the page cache's key)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = translation.get_supported_language_variant(chosen)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class GongkaiErrorMiddleware:
    """Render a GongkaiError raised by a page view as a readable page, never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not isinstance(exception, GongkaiError):
            return None
        return render(
            request,
            "errors/gongkai_error.html",
            {"error": exception},
            status=exception.status,
        )
