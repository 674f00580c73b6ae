"""The state every public page depends on, for the whole-page cache and ETags.

A public page depends on (a) stored content: the rows of every model a module
declares with ``CacheWatch`` (each save or delete bumps ``SiteVersion``; a write
that sends no signal calls ``content_changed``) and the search index (every index
write calls ``content_changed``); (b) time: a publication window opening or closing
(the windows declared with ``CacheWatch(window=...)``: ``publish_at``/
``unpublish_at`` of documents, pages, penalties, register entries …,
``visible_from``/``visible_until`` of search entries) and the day changing in
Asia/Shanghai (validity is derived from ``valid_until``).

``page_token`` folds both into one short string read in one indexed query: the
version row keeps ``next_change``, the next moment (b) changes anything; the first
request at or after it bumps the counter and computes the following one. A content
change sets ``next_change`` to None, so a new window is seen at once. The counter
lives in the database, so every gunicorn worker sees the same token without a
shared cache; nothing has to run on a schedule. A process remembers the token for
about a second (``page_token``), the price of not reading the database per request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
import zoneinfo
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from gongkai.common.modules import CacheWatch, modules

from .models import SiteVersion

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def fresh_value() -> int:
    """A random first value: a counter created anew (new database, a test, a restore
    without the row) does not repeat tokens whose pages a shared cache still holds."""
    return secrets.randbelow(2**40) + 1


def _bump(**kwargs: Any) -> None:
    # next_change None: the next request recomputes when a window next opens or
    # closes, since this change may have set a new one (page_token).
    changed = SiteVersion.objects.filter(pk=1).update(
        value=F("value") + 1, next_change=None
    )
    if not changed:
        SiteVersion.objects.get_or_create(pk=1, defaults={"value": fresh_value()})
    forget_token()
    transaction.on_commit(forget_token)


def watches() -> list[CacheWatch]:
    """Every ``CacheWatch`` the modules declare."""
    return [watch for module in modules() for watch in module.cache]


@cache
def _windows() -> list[tuple[type[models.Model], str, str]]:
    # (model, start column, end column) of every window a public page may show.
    # Each column needs an index: ``next_window_change`` asks for the first value
    # after now.
    out = []
    for watch in watches():
        if watch.window is not None:
            meta = watch.model._meta
            start, end = (meta.get_field(name).column for name in watch.window)
            out.append((watch.model, start, end))
    return out


def connect_all() -> None:
    """Bump the counter on every save and delete of a declared model (at start-up,
    signals being the decoupled way, STYLE.md layer rule 5)."""
    for watch in watches():
        uid = f"site-version:{watch.model._meta.label_lower}"
        if watch.m2m:
            m2m_changed.connect(_bump, sender=watch.model, dispatch_uid=uid, weak=False)
        elif watch.content:
            post_save.connect(_bump, sender=watch.model, dispatch_uid=uid, weak=False)
            post_delete.connect(_bump, sender=watch.model, dispatch_uid=uid, weak=False)


def content_changed() -> None:
    """Change the page token now: for writes that send no post_save (bulk inserts
    and updates) but change what a public page shows. Call it inside the write's
    transaction (or after the write, as the search index does)."""
    _bump()


def next_midnight(now: dt.datetime) -> dt.datetime:
    """The next 00:00 in Asia/Shanghai after ``now`` (validity changes by day)."""
    day = now.astimezone(SHANGHAI).date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(), tzinfo=SHANGHAI)


def next_window_change(now: dt.datetime) -> dt.datetime:
    """The first moment after ``now`` at which a window opens or closes, or midnight."""
    parts, params = [], []
    for model, *columns in _windows():
        table = model._meta.db_table
        for column in columns:
            # Table and column names come from the models, never from input.
            parts.append(f"(SELECT MIN({column}) FROM {table} WHERE {column} > %s)")  # noqa: S608
            params.append(connection.ops.adapt_datetimefield_value(now))
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    moments = [_aware(v) for v in row if v is not None]
    return min([next_midnight(now), *moments])


def _aware(value: dt.datetime | str) -> dt.datetime:
    if isinstance(value, str):  # SQLite returns aggregates of datetimes as text
        value = dt.datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)


def _read() -> tuple[int, dt.datetime | None] | None:
    version = SiteVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT value, next_change FROM {version} WHERE id = 1"  # noqa: S608
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return int(row[0]), (_aware(row[1]) if row[1] is not None else None)


# This process's last token: (monotonic deadline, token, valid until).
_memo: tuple[float, str, dt.datetime] | None = None


def forget_token() -> None:
    """Drop this process's remembered token (after a change made in this process)."""
    global _memo
    _memo = None


def page_token(now: dt.datetime | None = None) -> tuple[str, dt.datetime]:
    """(token, valid until): the token changes whenever any public page may change.

    Each process remembers the token for GONGKAI_PAGE_TOKEN_SECONDS (never past the
    next window change, and forgotten at once after a change made in this process),
    so a busy worker reads the database about once a second instead of on every
    request; a change made through another worker shows within that time."""
    global _memo
    now = now or timezone.now()
    memo = _memo
    if memo is not None and time.monotonic() < memo[0] and now < memo[2]:
        return memo[1], memo[2]
    token, until = _token(now)
    seconds = float(getattr(settings, "GONGKAI_PAGE_TOKEN_SECONDS", 1.0))
    _memo = (time.monotonic() + seconds, token, until) if seconds > 0 else None
    return token, until


def _token(now: dt.datetime) -> tuple[str, dt.datetime]:
    for _attempt in range(3):
        state = _read()
        if state is None:
            SiteVersion.objects.get_or_create(pk=1, defaults={"value": fresh_value()})
            continue
        value, next_change = state
        if next_change is not None and now < next_change:
            return str(value), next_change
        following = next_window_change(now)
        # One statement, guarded by the value read before computing ``following``:
        # if content changed meanwhile, nothing is written and we read again.
        rolled = SiteVersion.objects.filter(pk=1, value=value).update(
            value=value + 1, next_change=following
        )
        if rolled:
            return str(value + 1), following
    # Content keeps changing under us: a token no cached page has, kept for no time.
    return f"busy.{now.timestamp()}", now


def catalogue_state(now: dt.datetime | None = None) -> str:
    """A short string that changes whenever any public catalogue page may change."""
    token, _until = page_token(now)
    return hashlib.sha256(token.encode()).hexdigest()[:20]
