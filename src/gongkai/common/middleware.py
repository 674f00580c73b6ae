"""Request id for audit rows, refusal of control characters, the interface
language, and the one mapping of GongkaiError to pages."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import get_resolver
from django.utils import translation

from gongkai.core.jsondepth import nesting

from .context import client_ip_var, request_id_var
from .errors import GongkaiError
from .limits import client_ip


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
        t2 = client_ip_var.set(client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(t1)
            client_ip_var.reset(t2)
        response["X-Request-Id"] = rid
        return response


# C0 controls and DEL. PostgreSQL refuses NUL in text, and none of them is typed by
# a person; a value (query or form) may hold tab and line breaks (a text area).
_CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_BODY_METHODS = ("POST", "PUT", "PATCH")


def _has_control(pairs: Iterable[tuple[str, list[str]]]) -> bool:
    return any(
        _CONTROL_IN_PATH.search(name) or any(_CONTROL_IN_VALUE.search(v) for v in vals)
        for name, vals in pairs
    )


# Deeper than any body the API takes (the draw's inputs nest a few levels).
MAX_JSON_NESTING = 64


def _parsed_as_json(content_type: str) -> bool:
    """Whether the API parses a body of this type as JSON: its JSON parser takes
    ``application/json`` and every type that matches it by wildcard
    (``application/*``, ``*/json``, ``*/*``), as DRF's media type matching does."""
    main, _slash, sub = content_type.partition("/")
    return main in ("application", "*") and sub in ("json", "*")


def _json_has_control(value: Any) -> bool:
    """A JSON body's strings, keys included, at any depth (``"\\u0000"`` decodes to
    NUL). Walked with a stack, so a deeply nested body cannot exhaust recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _CONTROL_IN_VALUE.search(item):
                return True
        elif isinstance(item, dict):
            if any(_CONTROL_IN_PATH.search(k) for k in item):
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class ControlCharacterMiddleware:
    """Answer 400 to a path, query parameter or form value holding a control
    character, before any view reads it: once here instead of in every form and
    query (a NUL made PostgreSQL fail on 11 public endpoints). Refused, not
    stripped: a silently altered value could name another page or record. The
    400 is the project's own (a Chinese page, or ``{code, message, detail}`` under
    /api/)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._refused(request):
            return get_resolver().resolve_error_handler(400)(request, None)  # type: ignore[no-any-return]
        return self.get_response(request)

    @staticmethod
    def _refused(request: HttpRequest) -> bool:
        if _CONTROL_IN_PATH.search(request.path_info):
            return True
        if _has_control(request.GET.lists()):
            return True
        if request.method not in _BODY_METHODS:
            return False
        if _parsed_as_json(request.content_type):
            try:
                text = request.body.decode("utf-8")
            except UnicodeDecodeError:
                return False  # not JSON: the API's parser answers it with its own 400
            if nesting(text) > MAX_JSON_NESTING:
                return True  # no request of ours nests so deep (core.jsondepth)
            try:
                body = json.loads(text)
            except ValueError:
                return False
            return _json_has_control(body)
        if request.method != "POST" or request.content_type not in _FORM_TYPES:
            return False
        try:
            return _has_control(request.POST.lists())
        except MultiPartParserError:
            return True  # a broken form body: the same 400


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
        if exception.status == 404:
            # One 404 page: the one the site shows for any unknown address.
            from django.urls import get_resolver

            handler = get_resolver().resolve_error_handler(404)
            return handler(request, exception)  # type: ignore[no-any-return]
        return render(
            request,
            "errors/gongkai_error.html",
            {"error": exception},
            status=exception.status,
        )
