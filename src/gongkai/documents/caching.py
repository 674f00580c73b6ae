"""ETags and fragment-cache keys of the public catalogue pages.

A page depends on (a) stored content, tracked by ``CatalogueVersion``; (b) time: a
publication window opening or closing (``publish_at``/``unpublish_at`` passing) and
the day changing (validity derived from ``valid_until``); (c) the visitor's
interface: language, large-text mode and the CSRF cookie that its forms embed.
The state string covers (a) and (b) in three small indexed queries, so invalidation
is exact without a scheduler; the ETag adds (c).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from gongkai.portal.context_processors import LARGE_TEXT_COOKIE
from gongkai.publishing.models import Page

from .models import CatalogueVersion, Document, Interpretation


def catalogue_state(now: dt.datetime | None = None) -> str:
    """A string that changes whenever any public catalogue page may change (one query)."""
    now = now or timezone.now()
    # Table and column names come from the models, never from input.
    version = CatalogueVersion._meta.db_table
    parts = [f"(SELECT value FROM {version} WHERE id = 1)"]  # noqa: S608
    params: list[object] = []
    for model in (Document, Interpretation, Page):
        table = model._meta.db_table
        for column in ("publish_at", "unpublish_at"):
            parts.append(f"(SELECT MAX({column}) FROM {table} WHERE {column} <= %s)")  # noqa: S608
            params.append(now)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    raw = "|".join([str(timezone.localdate(now)), *map(str, row)])
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def request_etag(request: HttpRequest, *extra: str) -> str | None:
    """The ETag of an anonymous public page; None (no ETag) for signed-in users."""
    if request.user.is_authenticated:
        return None
    parts = [
        catalogue_state(),
        get_language() or "",
        request.COOKIES.get(LARGE_TEXT_COOKIE, ""),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.get_full_path(),
        *extra,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
