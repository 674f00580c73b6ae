"""Pages rendered for the static tree (``static``): each requested through the whole
middleware stack as an anonymous visitor in one variant (language × large text),
with the dependency tags its render recorded and whether it may be one file for
every visitor."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from .pagecache import LARGE_TEXT_COOKIE
from .static_files import variants


@dataclass
class Rendered:
    status: int
    content_type: str
    body: bytes
    tags: set[str] = field(default_factory=set)
    shareable: bool = True


class Renderer:
    """Requests pages through the whole stack, as an anonymous visitor would."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()
        self.variants = variants()
        base = urlsplit(settings.GONGKAI_STATIC_SITE_URL)
        self.scheme = base.scheme or "http"
        self.host = base.netloc or "localhost"

    def get(self, path: str, *, language: str, large: bool) -> Rendered:
        cookies = f"{settings.LANGUAGE_COOKIE_NAME}={language}"
        if large:
            cookies += f"; {LARGE_TEXT_COOKIE}=1"
        environ = {
            "REQUEST_METHOD": "GET",
            # WSGI: the decoded path, its UTF-8 bytes as latin-1 characters.
            "PATH_INFO": unquote(path).encode().decode("latin-1"),
            "QUERY_STRING": "",
            "SCRIPT_NAME": "",
            "SERVER_NAME": self.host.split(":")[0],
            "SERVER_PORT": "443" if self.scheme == "https" else "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": self.host,
            "HTTP_COOKIE": cookies,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": self.scheme,
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
        }
        response = self.handler(environ, lambda status, headers: None)
        try:
            body = response.content if response.status_code == 200 else b""
        finally:
            response.close()
        return Rendered(
            response.status_code,
            response.get("Content-Type", ""),
            body,
            set(getattr(response, "page_tags", ()) or ()),
            _shareable(response),
        )


def _shareable(response: Any) -> bool:
    """Whether the response may be one file for every visitor: not a page holding a
    per-visitor token (a form with a CSRF cookie or a single-use token answers
    ``private``), as the page cache's ``_storable`` decides."""
    control = response.get("Cache-Control", "")
    return not (response.cookies or "private" in control or "no-store" in control)


@contextmanager
def _keep_connections() -> Iterator[None]:
    """Render many pages on one connection (and inside a test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
