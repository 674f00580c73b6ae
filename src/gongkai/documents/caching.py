"""The state every public page depends on, for the whole-page cache and ETags.

A public page depends on (a) stored content: the rows of every model an app
``watch``-es (``CatalogueVersion``, bumped by the signals in ``signals.py``, or by
``content_changed`` after a write that sends none) and the search index
(``SearchVersion``, bumped by every index write, whatever app the content belongs
to); (b) time: a publication window opening or closing (the windows apps register
with ``watch``: ``publish_at``/``unpublish_at`` of documents, interpretations, pages,
penalties and register entries, ``visible_from``/``visible_until`` of search
entries) and the day changing in Asia/Shanghai (validity is derived from
``valid_until``). Each app registers its own models in ``AppConfig.ready``, so this
module imports none of them.

``page_token`` folds both into one short string read in one indexed query: the
catalogue row keeps ``next_change``, the next moment (b) changes anything; the first
request at or after it bumps the counter and computes the following one. A content
change sets ``next_change`` to None, so a new window is seen at once. The counter
lives in the database, so every gunicorn worker sees the same token without a
shared cache; nothing has to run on a schedule. A process remembers the token for
about a second (``page_token``), the price of not reading the database per request. The search index is written by
other apps too: when its version differs from the one ``next_change`` was computed
at, it is computed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import zoneinfo

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from gongkai.search.models import SearchVersion

from .models import CatalogueVersion
from .signals import bump, fresh_value, watch_content

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# (model, start column, end column) of every window a public page may show, as
# registered by ``watch``. Each column needs an index: ``next_window_change`` asks
# for the first value after now.
_windows: list[tuple[type[models.Model], str, str]] = []


def watch(
    model: type[models.Model],
    *,
    window: tuple[str, str] | None = None,
    content: bool = True,
) -> None:
    """Make public pages follow ``model`` (from an ``AppConfig.ready``).

    ``content``: every save or delete of a row changes the page token. ``window``:
    the (start, end) columns of its publication window; the token changes when a
    row's window opens or closes. Registering twice changes nothing."""
    if window is not None:
        start, end = (model._meta.get_field(name).column for name in window)
        if (model, start, end) not in _windows:
            _windows.append((model, start, end))
    if content:
        watch_content(model)


def content_changed() -> None:
    """Change the page token now: for writes that send no post_save (bulk inserts
    and updates) but change what a public page shows. Call it inside the write's
    transaction."""
    bump()


def next_midnight(now: dt.datetime) -> dt.datetime:
    """The next 00:00 in Asia/Shanghai after ``now`` (validity changes by day)."""
    day = now.astimezone(SHANGHAI).date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(), tzinfo=SHANGHAI)


def next_window_change(now: dt.datetime) -> dt.datetime:
    """The first moment after ``now`` at which a window opens or closes, or midnight."""
    parts, params = [], []
    for model, *columns in _windows:
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


def _read() -> tuple[int, dt.datetime | None, int, int] | None:
    catalogue = CatalogueVersion._meta.db_table
    search = SearchVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.value, c.next_change, c.search_seen, (SELECT s.value FROM {search} s "  # noqa: S608
            f"WHERE s.id = 1) FROM {catalogue} c WHERE c.id = 1"
        )
        row = cursor.fetchone()
    if row is None:
        return None
    next_change = _aware(row[1]) if row[1] is not None else None
    return int(row[0]), next_change, int(row[2]), int(row[3] or 0)


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
            CatalogueVersion.objects.get_or_create(
                pk=1, defaults={"value": fresh_value()}
            )
            continue
        value, next_change, seen, search = state
        if next_change is not None and now < next_change and seen == search:
            return f"{value}.{search}", next_change
        following = next_window_change(now)
        # One statement, guarded by the value read before computing ``following``:
        # if content changed meanwhile, nothing is written and we read again.
        rolled = CatalogueVersion.objects.filter(pk=1, value=value).update(
            value=value + 1, next_change=following, search_seen=search
        )
        if rolled:
            return f"{value + 1}.{search}", following
    # Content keeps changing under us: a token no cached page has, kept for no time.
    return f"busy.{now.timestamp()}", now


def catalogue_state(now: dt.datetime | None = None) -> str:
    """A short string that changes whenever any public catalogue page may change."""
    token, _until = page_token(now)
    return hashlib.sha256(token.encode()).hexdigest()[:20]
