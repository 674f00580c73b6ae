"""Whole-page cache and ETags for anonymous visitors of the public site.

Rules:

* ``PageCacheMiddleware`` is the first middleware: a stored page is answered
  before sessions, authentication, CSRF, the locale and the rest run, at the cost
  of one dictionary (or cache) lookup and the counter read ``page_value`` keeps
  for about a second.
* Only GET and HEAD, and only for visitors without a session or message cookie:
  signed-in staff (and anyone with a session) always get a fresh render, with no
  ETag and nothing stored.
* Only pages a module declares (``common.modules.PublicPages``) whose view is
  wrapped in ``public_page``. A request carrying a query parameter the page does
  not declare is redirected (301) to the URL without it, so a random query string
  neither forces a render nor pushes real pages out of the cache.
* A page is stored only when rendering it set no cookie, used no CSRF token, wrote
  nothing into a session, queued no message and answered 200; what is served from
  the cache therefore carries no Set-Cookie and no token.
* The key is the host, the path with its query, the interface language and the
  large-text preference (the two cookies). The entry keeps the counter value it
  was rendered at and its dependency tags (``caching``): the declared kinds it
  shows and every watched row the render loaded. It is served while none of those
  tags changed since, so a publication makes stale only the pages showing it.
* An entry lives at most ``GONGKAI_PAGE_CACHE_SECONDS``.
* The ETag is a hash of the body (the same file nginx serves from the static
  tree); ``Cache-Control`` lets browsers revalidate every time and shared caches
  (a CDN) keep the page ``GONGKAI_CDN_SECONDS`` (``s-maxage``); the purge hook
  (``static.purge``) tells the CDN when a page changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache, lru_cache, wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import BaseCache, caches
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
)
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from gongkai.common.modules import PublicPages, modules

from . import caching

View = Callable[..., HttpResponse]
# The elder-friendly large-text preference (a plain cookie, see portal/prefs/).
LARGE_TEXT_COOKIE = "gk_large"
# Headers of a rendered page not kept with it (per request, or never on a hit).
_PER_REQUEST = {"x-request-id", "set-cookie", "date", "etag"}

# The last pages this process served, in front of the ``pages`` cache: a dict
# lookup instead of a cache call (key validation, pickling, a Redis round trip).
LOCAL_ENTRIES = 256
# key -> (rendered at value, tags, status, headers, body, etag)
Entry = tuple[int, tuple[str, ...], int, list[tuple[str, str]], bytes, str]
# key -> [entry, the counter value it was last found current at]: its tags are
# checked again only after the counter moved (a list page holds many tags).
_local: dict[str, list[Any]] = {}


def _remember(key: str, entry: Entry, current: int = 0) -> list[Any]:
    while len(_local) >= LOCAL_ENTRIES:
        try:
            del _local[next(iter(_local))]
        except (KeyError, RuntimeError, StopIteration):  # another thread got there
            break
    local = _local[key] = [entry, current]
    return local


def _store() -> BaseCache:
    return caches["pages" if "pages" in settings.CACHES else "default"]


# A ``public_page`` view no module declares: cached as before declarations existed,
# keyed by its whole query and stale after any change (every mark includes "any").
UNDECLARED = PublicPages("", params=None, shows=("any",), early=False, static=False)


@cache
def declared() -> dict[str, PublicPages]:
    """Every declared public page kind, by URL name."""
    return {page.url_name: page for m in modules() for page in m.pages}


@lru_cache(maxsize=4096)
def page_kind(path: str) -> PublicPages | None:
    """The declared kind of the page at ``path``, if any."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return declared().get(match.view_name)


def is_private(request: HttpRequest) -> bool:
    """Whether the request may belong to a signed-in user or carry messages."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies
    )


def variant(request: HttpRequest) -> tuple[str, bool]:
    """(language, large text) as ``LocaleMiddleware`` and the templates see them."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    try:
        language = translation.get_supported_language_variant(chosen)
    except LookupError:
        language = settings.LANGUAGE_CODE
    return language, request.COOKIES.get(LARGE_TEXT_COOKIE) == "1"


def page_key(request: HttpRequest, vary: tuple[str, ...] = ()) -> str:
    """The cache key of an anonymous page (``vary``: headers it also depends on)."""
    language, large = variant(request)
    # The Host header as sent: a forged one only keys the pages of requests that
    # forge the same (ALLOWED_HOSTS is checked when a page is rendered).
    host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    query = request.META.get("QUERY_STRING", "")
    extra = [request.headers.get(name, "") for name in vary]
    raw = "\n".join(
        [host, request.path, query, language, "L" if large else "-", *extra]
    )
    return "page:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def canonical(request: HttpRequest, kind: PublicPages) -> str | None:
    """The URL without the query parameters ``kind`` does not declare, or None
    when the request has none of those."""
    params = request.GET
    if kind.params is None or all(name in kind.params for name in params):
        return None
    kept = [(k, v) for k, vs in params.lists() if k in kind.params for v in vs]  # type: ignore[operator]
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and request.method == "GET"
        and getattr(response, "page_tags", None) is not None
        and not getattr(session, "modified", False)
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(messages, "_queued_messages", None)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def cache_control() -> str:
    """Browsers revalidate (a 304 costs nothing); shared caches keep the page."""
    seconds = int(getattr(settings, "GONGKAI_CDN_SECONDS", 300))
    return f"public, max-age=0, must-revalidate, s-maxage={seconds}"


def _from_entry(request: HttpRequest, entry: Entry) -> HttpResponse:
    _value, _tags, status, headers, body, etag = entry
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
        for name, value in headers:
            if name.lower() in ("cache-control", "vary"):
                response[name] = value
    else:
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
    response["ETag"] = etag
    response.page_tags = set(entry[1])  # type: ignore[attr-defined]
    return response


def lookup(key: str, value: int) -> Entry | None:
    """The stored entry under ``key`` if it is still current at counter ``value``."""
    values = caching.tag_values(value)  # read once per counter change, hit or miss
    local = _local.get(key)
    if local is None:
        entry = _store().get(key)
        if entry is None:
            return None
        local = _remember(key, entry)
    entry, current = local
    if current == value:
        return entry  # no tag changed since it was last found current
    if not caching.is_fresh(entry[0], entry[1], values):
        return None
    local[1] = value
    return entry


def _answer(request: HttpRequest, kind: PublicPages, render: View) -> HttpResponse:
    target = canonical(request, kind)
    if target is not None:
        if not kind.redirect_unknown:
            return render(request)  # answered as it is, and not kept
        return HttpResponsePermanentRedirect(target)
    key = page_key(request, kind.vary)
    value, _until = caching.page_value()
    entry = lookup(key, value) if value else None
    if entry is not None:
        if kind.on_hit is not None:
            kind.on_hit(request)
        return _from_entry(request, entry)
    request.page_cache = kind  # type: ignore[attr-defined]
    response = render(request)
    if value and _storable(request, response):
        entry = _keep(key, value, kind, response)
        response["ETag"] = entry[5]
    return response


def _keep(key: str, value: int, kind: PublicPages, response: HttpResponse) -> Entry:
    response["Cache-Control"] = cache_control()
    patch_vary_headers(response, ["Cookie"])  # the language and large-text cookies
    body = response.content
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    tags = tuple(sorted({*kind.tags(), *response.page_tags}))  # type: ignore[attr-defined]
    headers = [(k, v) for k, v in response.items() if k.lower() not in _PER_REQUEST]
    entry: Entry = (value, tags, response.status_code, headers, body, etag)
    _store().set(key, entry, settings.GONGKAI_PAGE_CACHE_SECONDS)
    _remember(key, entry, value)
    return entry


def _anonymous_read(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not is_private(request)


class PageCacheMiddleware:
    """Answer anonymous GET and HEAD of declared public pages from the cache, before
    any other middleware; store what ``public_page`` views render (module doc)."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _anonymous_read(request):
            return self.get_response(request)
        kind = page_kind(request.path_info)
        if kind is None or not kind.early:
            return self.get_response(request)
        return _answer(request, kind, self.get_response)


def _recorded(
    view: View, request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    found, token = caching.record()
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()  # a DRF or template response loads rows here
    finally:
        caching.stop(token)
    response.page_tags = found  # type: ignore[attr-defined]
    return response


def public_page(view: View) -> View:
    """Let the page cache keep what ``view`` renders for anonymous visitors,
    recording the watched rows the render loads (its dependency tags). A kind
    declared ``early=False`` is looked up here rather than by the middleware."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "page_cache", None) is not None:
            return _recorded(view, request, *args, **kwargs)
        if not _anonymous_read(request):
            return view(request, *args, **kwargs)
        kind = page_kind(request.path_info) or UNDECLARED
        if kind.early:  # the middleware was bypassed (a test calling the view)
            return view(request, *args, **kwargs)
        return _answer(request, kind, lambda r: _recorded(view, r, *args, **kwargs))

    wrapped.public_page = True  # type: ignore[attr-defined]
    return wrapped
