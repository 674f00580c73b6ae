r"""The state every public page depends on: a counter and dependency tags.

A public page depends on (a) stored content: the rows of every model a module
declares with ``CacheWatch`` and the search index; (b) time: a publication window
opening or closing (``CacheWatch(window=...)``) and a declared date column passing
at Shanghai midnight (``CacheWatch(day="valid_until")``: validity is derived), or
arriving (``CacheWatch(from_day="effective_on")``: an adjustment takes effect).

Dependencies are data (``common.modules.PublicPages``): a rendered page holds tags,
``<app>.<model>`` for each model it ``shows`` (a list may gain a row) and
``<app>.<model>:<pk>`` for each watched row its render loaded (recorded through
``post_init`` while ``record()`` is active). A change ``mark``\ s tags: the save or
delete of a row marks its two tags and its ``parents``' rows; a bulk write calls
``content_changed(model=...)``. Marking bumps the counter (``SiteVersion``) and
gives each tag the new value (``PageTag``); a page rendered at value v is stale when
one of its tags has a value above v (``is_fresh``), and nothing else is.

Time is passed by ``roll``: the version row keeps ``next_change``, the next moment
(b) changes anything, and ``checked_at``; the first request (or ``static_tick``) at
or after it marks the rows whose edge passed since ``checked_at``, bumps the counter
and computes the following edge. The counter lives in the database, so every
gunicorn worker agrees without a shared cache; a process remembers the value for
about a second (``page_value``) and reads the tags changed since in the same breath.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
import zoneinfo
from contextlib import nullcontext
from contextvars import ContextVar
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.utils import timezone

from gongkai.common.modules import CacheWatch, modules

from .models import PageTag, SiteVersion

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def fresh_value() -> int:
    """A random first value: a counter created anew (new database, a test, a restore
    without the row) does not repeat tokens whose pages a shared cache still holds."""
    return secrets.randbelow(2**40) + 1


def _bump(**kwargs: Any) -> None:
    # The signal handlers: the row's own tags (module docstring).
    sender, instance = kwargs.get("sender"), kwargs.get("instance")
    if kwargs.get("action") is not None:  # m2m_changed
        if not str(kwargs["action"]).startswith("post_"):
            return
        mark(
            [*_row_tags(instance), *_pk_tags(kwargs.get("model"), kwargs.get("pk_set"))]
        )
        return
    if sender is None or instance is None:
        mark(["*"])
        return
    mark(_row_tags(instance))


def _label(model: Any) -> str:
    return str(model._meta.label_lower)


def _pk_tags(model: Any, pks: Any) -> list[str]:
    if model is None:
        return []
    label = _label(model)
    return [label, *(f"{label}:{pk}" for pk in pks or ())]


def _row_tags(instance: Any) -> list[str]:
    """A row's dependency tags: its model's, its own, its declared parents'."""
    model = type(instance)
    label = _label(model)
    tags = [label, f"{label}:{instance.pk}"]
    for watch in _watch_of(model):
        for name in watch.parents:
            field = model._meta.get_field(name)
            value = getattr(instance, field.attname, None)  # type: ignore[union-attr]
            if value is not None:
                tags.append(f"{_label(field.related_model)}:{value}")
    return tags


def _watch_of(model: Any) -> list[CacheWatch]:
    return [w for w in watches() if w.model is model]


def mark(tags: list[str], *, now: dt.datetime | None = None) -> int:
    """Bump the counter and give each tag its new value: every page holding one of
    them is stale from now (page cache and static tree). Returns the new value."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = SiteVersion.objects.filter(pk=1).update(
            value=F("value") + 1, next_change=None
        )
        if not changed:
            SiteVersion.objects.get_or_create(pk=1, defaults={"value": fresh_value()})
        value = SiteVersion.objects.values_list("value", flat=True).get(pk=1)
        _set_tags(tags, value, now)
    forget_token()
    transaction.on_commit(forget_token)
    return int(value)


def _set_tags(tags: list[str], value: int, now: dt.datetime) -> None:
    if not tags:
        return
    # "any": the tag of pages no module declares (``pagecache.UNDECLARED``).
    unique = sorted({"any", *(t[:120] for t in tags)})
    PageTag.objects.bulk_create(
        [PageTag(tag=t, value=value) for t in unique],
        update_conflicts=True,
        unique_fields=["tag"],
        update_fields=["value"],
    )
    for hook in _on_mark:
        hook(unique, now, value)


# Called with (tags, now, counter value) inside the marking transaction (the static tree's index
# registers itself: ``publishing.static``).
_on_mark: list[Any] = []


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
    """Mark a row's tags on every save and delete of a declared model, and record
    the rows a page render loads (at start-up, signals being the decoupled way,
    STYLE.md layer rule 5)."""
    for watch in watches():
        if not watch.m2m:
            post_init.connect(
                _loaded,
                sender=watch.model,
                dispatch_uid=f"page-deps:{watch.model}",
                weak=False,
            )
        uid = f"site-version:{watch.model._meta.label_lower}"
        if watch.m2m:
            m2m_changed.connect(_bump, sender=watch.model, dispatch_uid=uid, weak=False)
        elif watch.content:
            post_save.connect(_bump, sender=watch.model, dispatch_uid=uid, weak=False)
            post_delete.connect(_bump, sender=watch.model, dispatch_uid=uid, weak=False)


# The tags of the render in progress (``record``), None outside one.
_recording: ContextVar[set[str] | None] = ContextVar("page_tags", default=None)


def _loaded(sender: Any, instance: Any, **kwargs: Any) -> None:
    found = _recording.get()
    if found is not None and instance.pk is not None:
        found.add(f"{_label(sender)}:{instance.pk}")


def recording() -> set[str] | None:
    """The tag set of the render in progress, if any."""
    return _recording.get()


def record() -> tuple[set[str], Any]:
    """Start recording the rows a render loads: (the set, a reset token)."""
    found: set[str] = set()
    return found, _recording.set(found)


def stop(token: Any) -> None:
    _recording.reset(token)


def content_changed(*, model: Any = None, tags: list[str] | None = None) -> None:
    """Mark pages stale now: for writes that send no post_save (bulk inserts and
    updates) but change what a public page shows. ``model``: every page showing
    that model's rows; ``tags``: those pages; neither: every page. Call it inside
    the write's transaction (or after the write, as the search index does)."""
    found = list(tags or [])
    if model is not None:
        found.append(_label(model))
    mark(found or ["*"])


def next_midnight(now: dt.datetime) -> dt.datetime:
    """The next 00:00 in Asia/Shanghai after ``now`` (validity changes by day)."""
    day = now.astimezone(SHANGHAI).date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(), tzinfo=SHANGHAI)


def next_window_change(now: dt.datetime) -> dt.datetime:
    """The first moment after ``now`` at which a window opens or closes, or midnight."""
    return _edges([now])[0]


def _edges(moments: list[dt.datetime]) -> list[dt.datetime]:
    """For each moment, the first window edge after it, or the midnight after it
    (one query for all)."""
    parts, params = [], []
    for moment in moments:
        for model, *columns in _windows():
            table = model._meta.db_table
            for column in columns:
                # Table and column names come from the models, never from input.
                parts.append(f"(SELECT MIN({column}) FROM {table} WHERE {column} > %s)")  # noqa: S608
                params.append(connection.ops.adapt_datetimefield_value(moment))
    if not parts:
        return [next_midnight(m) for m in moments]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    size = len(row) // len(moments)
    out = []
    for i, moment in enumerate(moments):
        found = [_aware(v) for v in row[i * size : (i + 1) * size] if v is not None]
        out.append(min([next_midnight(moment), *found]))
    return out


def _aware(value: dt.datetime | str) -> dt.datetime:
    if isinstance(value, str):  # SQLite returns aggregates of datetimes as text
        value = dt.datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)


def _read() -> tuple[int, dt.datetime | None, dt.datetime | None] | None:
    version = SiteVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT value, next_change, checked_at FROM {version} WHERE id = 1"  # noqa: S608
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return (
        int(row[0]),
        _aware(row[1]) if row[1] is not None else None,
        _aware(row[2]) if row[2] is not None else None,
    )


def crossed_tags(since: dt.datetime, now: dt.datetime) -> list[str]:
    """The tags of the rows whose window opened or closed in (since, now], of those
    whose declared day column passed and of those whose ``from_day`` came (Shanghai
    midnight)."""
    tags: list[str] = []
    first = since.astimezone(SHANGHAI).date()
    today = now.astimezone(SHANGHAI).date()
    for watch in watches():
        model = watch.model
        names: list[str] = []
        if watch.window is not None:
            for column in watch.window:
                names.extend(
                    str(v)
                    for v in model._default_manager.filter(
                        **{f"{column}__gt": since, f"{column}__lte": now}
                    ).values_list("pk", flat=True)
                )
        if watch.day is not None and first < today:
            day_range = (first, today - dt.timedelta(days=1))
            names.extend(
                str(v)
                for v in model._default_manager.filter(
                    **{f"{watch.day}__range": day_range}
                ).values_list("pk", flat=True)
            )
        if watch.from_day is not None and first < today:
            day_range = (first + dt.timedelta(days=1), today)
            names.extend(
                str(v)
                for v in model._default_manager.filter(
                    **{f"{watch.from_day}__range": day_range}
                ).values_list("pk", flat=True)
            )
        if names:
            label = _label(model)
            tags += [label, *(f"{label}:{pk}" for pk in names)]
            for row in model._default_manager.filter(pk__in=names):
                tags += _row_tags(row)
    return tags


# This process's last state: (monotonic deadline, value, valid until).
_memo: tuple[float, int, dt.datetime] | None = None
# The tag values this process knows, complete up to counter value ``_tags_seen``.
_tag_values: dict[str, int] = {}
_tags_seen: list[int] = [0]


def forget_token() -> None:
    """Drop this process's remembered token (after a change made in this process)."""
    global _memo
    _memo = None


def forget_all() -> None:
    """Drop everything this process remembers of the counter and the tags."""
    forget_token()
    _tag_values.clear()
    _tags_seen[0] = 0


def page_token(now: dt.datetime | None = None) -> tuple[str, dt.datetime]:
    """(token, valid until): the token changes whenever any public page may change."""
    value, until = page_value(now)
    if value == 0:  # content kept changing while read (``_token``)
        return f"busy.{until.timestamp()}", until
    return str(value), until


def page_value(now: dt.datetime | None = None) -> tuple[int, dt.datetime]:
    """(counter value, valid until).

    Each process remembers the value for GONGKAI_PAGE_TOKEN_SECONDS (never past the
    next window change, and forgotten at once after a change made in this process),
    so a busy worker reads the database about once a second instead of on every
    request; a change made through another worker shows within that time."""
    global _memo
    now = now or timezone.now()
    memo = _memo
    if memo is not None and time.monotonic() < memo[0] and now < memo[2]:
        return memo[1], memo[2]
    value, until = _token(now)
    if value:
        tag_values(value)  # the tags changed with it, in the same breath
    seconds = float(getattr(settings, "GONGKAI_PAGE_TOKEN_SECONDS", 1.0))
    _memo = (time.monotonic() + seconds, value, until) if seconds > 0 else None
    return value, until


def tag_values(value: int) -> dict[str, int]:
    """The value of every tag changed so far, as of counter ``value`` (read from the
    database only when the counter moved since the last read)."""
    if value < _tags_seen[0]:  # the counter went back: a new or restored database
        forget_all()
    if _tags_seen[0] != value:
        rows = PageTag.objects.filter(value__gt=_tags_seen[0]).values_list(
            "tag", "value"
        )
        _tag_values.update(rows)
        _tags_seen[0] = value
    return _tag_values


def is_fresh(rendered: int, tags: tuple[str, ...], values: dict[str, int]) -> bool:
    """Whether a page rendered at counter ``rendered`` with ``tags`` is current."""
    if values.get("*", 0) > rendered:
        return False
    return all(values.get(tag, 0) <= rendered for tag in tags)


def _token(now: dt.datetime) -> tuple[int, dt.datetime]:
    for _attempt in range(3):
        state = _read()
        if state is None:
            SiteVersion.objects.get_or_create(pk=1, defaults={"value": fresh_value()})
            continue
        value, next_change, checked_at = state
        if next_change is not None and now < next_change:
            return value, next_change
        rolled = roll(now, value=value, checked_at=checked_at)
        if rolled is not None:
            return rolled
    # Content keeps changing under us: a value no cached page has, kept for no time.
    return 0, now


def roll(
    now: dt.datetime, *, value: int, checked_at: dt.datetime | None
) -> tuple[int, dt.datetime] | None:
    """Pass the window edges up to ``now``: bump the counter, mark the rows whose
    edge passed since ``checked_at`` and compute the next edge. Guarded by
    ``value``: if content changed meanwhile nothing is written (None)."""
    crossed: list[str] = []
    if checked_at is not None and checked_at < now:
        following, first = _edges([now, checked_at])
        if first <= now:  # an edge (or midnight) passed since the last check
            crossed = crossed_tags(checked_at, now)
    else:
        following = next_window_change(now)
    with transaction.atomic() if crossed else nullcontext():
        rolled = SiteVersion.objects.filter(pk=1, value=value).update(
            value=value + 1, next_change=following, checked_at=now
        )
        if not rolled:
            return None
        _set_tags(crossed, value + 1, now)
    forget_token()
    return value + 1, following


def catalogue_state(now: dt.datetime | None = None) -> str:
    """A short string that changes whenever any public catalogue page may change."""
    token, _until = page_token(now)
    return hashlib.sha256(token.encode()).hexdigest()[:20]
