"""Whole-page cache and ETags for anonymous visitors of the public site.

Rules:

* Only GET and HEAD, and only for visitors without a session or message cookie:
  signed-in staff (and anyone with a session) always get a fresh render, with no
  ETag and nothing stored.
* A page is stored only when rendering it set no cookie, used no CSRF token, wrote
  nothing into a session, queued no message and answered 200; what is served from the cache therefore carries no
  Set-Cookie and no token.
* The key is the host, the full path with its query, the interface language, the
  large-text preference, and ``page_token`` (``publishing.caching``): the token
  changes on every publish, withdraw and edit and when a publication window opens
  or closes, so a stale page is never served. It is read from the database in one
  indexed query, so all gunicorn workers agree; the pages themselves may live in a
  per-worker memory cache or in Redis (the ``pages`` cache when configured), with
  the last few hundred served kept in a plain dict in front of it.
* An entry lives at most ``GONGKAI_PAGE_CACHE_SECONDS`` and never past the next
  window change (it could not be hit after it anyway; this only frees memory).
* The ETag is derived from the same key, so a conditional GET is answered 304
  before anything is rendered or even looked up.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .caching import page_token

View = Callable[..., HttpResponse]
# The elder-friendly large-text preference (a plain cookie, see portal/prefs/).
LARGE_TEXT_COOKIE = "gk_large"


# The last pages this process served, in front of the ``pages`` cache: a dict
# lookup instead of a cache call (key validation, pickling, a Redis round trip).
# Keys carry the token, so an entry is never stale, only unused; the oldest go.
LOCAL_ENTRIES = 256
_local: dict[str, tuple[str, bytes]] = {}


def _remember(key: str, entry: tuple[str, bytes]) -> None:
    while len(_local) >= LOCAL_ENTRIES:
        try:
            del _local[next(iter(_local))]
        except (KeyError, RuntimeError, StopIteration):  # another thread got there
            break
    _local[key] = entry


def _store() -> BaseCache:
    return caches["pages" if "pages" in settings.CACHES else "default"]


def is_private(request: HttpRequest) -> bool:
    """Whether the request may belong to a signed-in user or carry messages."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies
    )


def page_key(request: HttpRequest, token: str) -> str:
    """The cache key of an anonymous page (also the source of its ETag)."""
    large = request.COOKIES.get(LARGE_TEXT_COOKIE) == "1"
    # The Host header as sent: CommonMiddleware has validated it already, and a
    # forged one only ever keys the pages of requests that forge the same.
    host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    query = request.META.get("QUERY_STRING", "")
    raw = "\n".join(
        [token, host, request.path, query, get_language() or "", "L" if large else "-"]
    )
    return "page:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not getattr(session, "modified", False)
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(messages, "_queued_messages", None)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _finish(response: HttpResponse, etag: str, *, fresh: bool = False) -> HttpResponse:
    response["ETag"] = etag
    # The page differs by the language and large-text cookies.
    if fresh:  # built here, no Vary yet
        response["Vary"] = "Cookie"
    else:
        patch_vary_headers(response, ["Cookie"])
    return response


def public_page(view: View) -> View:
    """Serve ``view`` from the whole-page cache for anonymous visitors (see above)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or is_private(request):
            return view(request, *args, **kwargs)
        now = timezone.now()
        token, until = page_token(now)
        key = page_key(request, token)
        etag = f'"{key[5:]}"'
        if etag in request.headers.get("If-None-Match", ""):
            return _finish(HttpResponseNotModified(), etag, fresh=True)
        hit = _local.get(key)
        if hit is None:
            hit = _store().get(key)
            if hit is not None:
                _remember(key, hit)
        if hit is not None:
            content_type, content = hit
            response = HttpResponse(content, content_type=content_type)
            return _finish(response, etag, fresh=True)
        response = view(request, *args, **kwargs)
        if not _storable(request, response):
            return response
        ttl = min(
            settings.GONGKAI_PAGE_CACHE_SECONDS, int((until - now).total_seconds())
        )
        if ttl > 0:
            entry = (response["Content-Type"], response.content)
            _store().set(key, entry, ttl)
            _remember(key, entry)
        return _finish(response, etag)

    return wrapped
