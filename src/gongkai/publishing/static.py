"""Static publishing (静态发布): every anonymous public page as a file nginx serves.

``static_build(out=DIR)`` renders each page a module declares (``PublicPages`` with
``static=True``) through the whole middleware stack, as an anonymous visitor, in
each variant (language × large text), and writes the body the page cache stores
(a page for one visitor, ``private`` or setting a cookie, is left to Django):

    DIR -> DIR.<stamp>/             a symlink, swapped atomically after a build
        zh-hans/xxgk/index.html     Chinese, normal text (the default variant)
        zh-hans.large/…             Chinese, large text (cookie gk_large=1)
        en/…  en.large/…            English (cookie django_language=en)
        static/…                    the collected static assets
    each text file also as .gz (and .br when the brotli package is installed)

The variants are directories chosen by the two cookies (nginx maps them, README):
the site's URLs stay one per page, as the links, feeds and sitemap give them.

``static_build(out=DIR, jobs=N)`` renders in N forked processes (``static_jobs``;
``gongkai static build`` uses one per CPU); the files of the new tree are written
plainly, since no reader sees it before the swap.

``StaticPage`` keeps each built path, ``StaticPageTag`` the dependency tags its
render recorded (``caching``). A change marks tags (``caching.mark``); the hook
below marks the pages holding them stale (an index lookup by tag), adds the page
of a newly visible row, and queues ``static_refresh`` after the commit, which
re-renders only those paths and writes each file atomically (a temporary file
renamed over the old one). A window edge with no request is passed by
``static_tick``, which the worker runs at the next edge (``run_after``).
``GONGKAI_CDN_PURGE_URL`` is called for each changed page.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from gongkai.common.modules import PublicPages, modules

from . import caching
from .models import SiteVersion, StaticPage, StaticPageTag
from .pagecache import declared
from .static_files import (
    INDEX_NAMES,
    copy_assets,
    current_tree,
    file_for,
    remove_page,
    swap,
    write_page,
)
from .static_render import Renderer, _keep_connections

log = logging.getLogger(__name__)


def static_pages(
    kinds: list[PublicPages] | None = None,
) -> Iterator[tuple[PublicPages, str]]:
    """(kind, path) of every page the static build writes."""
    for kind in kinds if kinds is not None else list(declared().values()):
        if not kind.static:
            continue
        if kind.each is None:
            yield kind, reverse(kind.url_name)
            continue
        for row in kind.each().iterator():
            yield kind, _url(kind, row)


def _url(kind: PublicPages, row: Any) -> str:
    return kind.url(row) if kind.url is not None else str(row.get_absolute_url())


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0
    missing: list[str] = field(default_factory=list)
    seconds: float = 0.0


# Rows a statement writes or deletes at most (500 pages hold 2,500–7,500 tags).
BATCH = 500
TAG_BATCH = 2000


def _record(rows: list[tuple[StaticPage, set[str]]]) -> None:
    """Write the pages' index rows (fresh) and replace each one's tag rows."""
    if not rows:
        return
    pages = [page for page, _tags in rows]
    with transaction.atomic():
        # The pages' ids, old or new, are returned (PostgreSQL, SQLite >= 3.35).
        StaticPage.objects.bulk_create(
            pages,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["path"],
            update_fields=["url_name", "built_at", "stale_since"],
        )
        ids = [page.pk for page in pages]
        for start in range(0, len(ids), BATCH):
            StaticPageTag.objects.filter(
                page_id__in=ids[start : start + BATCH]
            ).delete()
        StaticPageTag.objects.bulk_create(
            [
                StaticPageTag(page_id=page.pk, tag=tag)
                for page, tags in rows
                # Cut as ``caching`` cuts the tags it marks (``PageTag.tag``).
                for tag in {t[:120] for t in tags}
            ],
            batch_size=TAG_BATCH,
        )


def _render_files(
    renderer: Renderer,
    root: Path,
    kind: PublicPages,
    path: str,
    *,
    fresh: bool = False,
) -> set[str] | None:
    """Write ``path``'s files in every variant; its tags, or None (not public).
    ``fresh``: ``root`` is a new tree no reader sees yet (plain writes)."""
    tags = set(kind.tags())
    for language, large, directory in renderer.variants:
        page = renderer.get(path, language=language, large=large)
        # Not a file: not public, or a page for one visitor (Django answers it).
        if page.status != 200 or not page.shareable:
            for _l, _g, each in renderer.variants:
                for media in INDEX_NAMES:
                    remove_page(root / each, file_for(path, media))
            return None
        name = file_for(path, page.content_type)
        write_page(root / directory, name, page.body, page.content_type, fresh=fresh)
        tags |= page.tags
    return tags


def static_build(
    *,
    out: Path,
    now: dt.datetime | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Build every page into a new tree beside ``out`` and swap the symlink.
    ``jobs`` > 1: rendered by that many forked processes (``static_jobs``), which
    see committed data only; the index rows are written here either way.
    ``progress(done, total)`` is called after each batch of pages recorded."""
    started = timezone.now()
    now = now or started
    if out.exists() and not out.is_symlink():
        raise FileExistsError(f"{out} exists and is not a symlink to a built tree")
    tree = out.with_name(f"{out.name}.{now:%Y%m%d%H%M%S%f}")
    tree.mkdir(parents=True)
    report = BuildReport()
    try:
        with _keep_connections():
            pages = page_list()
            if jobs > 1 and len(pages) > 1:
                from .static_jobs import render_parallel

                results = render_parallel(tree, pages, jobs=jobs)
            else:
                results = render_pages(tree, pages)
            _record_built(results, report, now, len(pages), progress)
        # Pages not built this time (withdrawn meanwhile) leave the index.
        StaticPage.objects.filter(built_at__lt=now).delete()
        report.files = copy_assets(tree)
    except BaseException:
        shutil.rmtree(tree, ignore_errors=True)
        raise
    swap(out, tree)
    report.seconds = (timezone.now() - started).total_seconds()
    return report


# (URL name, path) of a page to build; (URL name, path, tags or None) once built.
Page = tuple[str, str]
Built = tuple[str, str, set[str] | None]


def page_list() -> list[Page]:
    """Every page the build writes, each path once, in declaration order."""
    seen: set[str] = set()
    out: list[Page] = []
    for kind, path in static_pages():
        if path not in seen:
            seen.add(path)
            out.append((kind.url_name, path))
    return out


def render_pages(
    tree: Path,
    pages: list[Page],
    renderer: Renderer | None = None,
    *,
    fresh: bool = True,
) -> Iterator[Built]:
    """Render ``pages`` into ``tree`` in this process (``fresh``: a new tree no
    reader sees yet; else each file is written atomically)."""
    renderer = renderer or Renderer()
    kinds = declared()
    for url_name, path in pages:
        yield (
            url_name,
            path,
            _render_files(renderer, tree, kinds[url_name], path, fresh=fresh),
        )


def _render(
    tree: Path, pages: list[Page], *, jobs: int, fresh: bool
) -> Iterator[Built]:
    """``pages`` rendered in this process, or by ``jobs`` forked ones when there
    are more than a worker's chunk and no transaction is open (forked workers see
    committed data only)."""
    from . import static_jobs

    if jobs > 1 and len(pages) > static_jobs.CHUNK and not connection.in_atomic_block:
        return static_jobs.render_parallel(tree, pages, jobs=jobs, fresh=fresh)
    return render_pages(tree, pages, fresh=fresh)


def _record_built(
    results: Iterator[Built],
    report: BuildReport,
    now: dt.datetime,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    rows: list[tuple[StaticPage, set[str]]] = []
    for done, (url_name, path, tags) in enumerate(results, start=1):
        if tags is None:
            report.missing.append(path)
        else:
            report.pages += 1
            rows.append((StaticPage(path=path, url_name=url_name, built_at=now), tags))
        if len(rows) >= BATCH or done == total:
            _record(rows)
            rows = []
            if progress is not None:
                progress(done, total)
    _record(rows)


# ---- incremental -----------------------------------------------------------


def enabled() -> bool:
    """Whether changes are tracked for a static tree or a CDN."""
    return bool(
        getattr(settings, "GONGKAI_STATIC_SITE_DIR", "")
        or getattr(settings, "GONGKAI_CDN_PURGE_URL", "")
    )


def on_mark(tags: list[str], now: dt.datetime, value: int | None = None) -> None:
    """The ``caching.mark`` hook: pages holding a tag are stale from ``now`` (a
    page already stale keeps its moment) and marked at counter ``value``; the page
    of a row that just became visible is added; the refresh is queued."""
    if not enabled():
        return
    pages = StaticPage.objects.all()
    if "*" not in tags:
        holding = StaticPageTag.objects.filter(tag__in=tags).values("page_id")
        pages = pages.filter(pk__in=holding)
    pages.update(stale_since=Coalesce("stale_since", Value(now)), marked_value=value)
    for path, kind in _new_pages(tags):
        StaticPage.objects.get_or_create(
            path=path,
            defaults={"url_name": kind.url_name, "built_at": now,
                      "stale_since": now, "marked_value": value},
        )  # fmt: skip
    transaction.on_commit(_enqueue_refresh)


def _new_pages(tags: list[str]) -> Iterator[tuple[str, PublicPages]]:
    items: dict[str, list[str]] = {}
    for tag in tags:
        label, _sep, pk = tag.partition(":")
        if pk:
            items.setdefault(label, []).append(pk)
    for kind in declared().values():
        if not kind.static or kind.item is None or kind.each is None:
            continue
        pks = items.get(kind.item._meta.label_lower)
        if pks:
            for row in kind.each().filter(pk__in=pks):
                yield _url(kind, row), kind


def _enqueue_refresh() -> None:
    static_refresh.enqueue()


@task()
def static_refresh() -> int:
    """Re-render the stale pages into the current tree (the background task)."""
    out = getattr(settings, "GONGKAI_STATIC_SITE_DIR", "")
    return refresh(
        out=Path(out) if out else None,
        jobs=getattr(settings, "GONGKAI_STATIC_REFRESH_JOBS", 1),
    )


def refresh(*, out: Path | None, now: dt.datetime | None = None, jobs: int = 1) -> int:
    """Re-render every stale page (in ``out``'s current tree when there is one;
    ``jobs`` > 1: in that many forked processes when there are many), purge it from
    the CDN; the number of pages done.

    A page marked again while it was being rendered (``marked_value`` above the
    counter read before any render) stays stale: the mark's own refresh, queued
    after its commit, renders it again with the change."""
    now = now or timezone.now()
    caching.forget_token()  # this process may remember the counter before the change
    seen = SiteVersion.objects.values_list("value", flat=True).first() or 0
    stale = StaticPage.objects.filter(stale_since__isnull=False)
    kinds = declared()
    stale.exclude(url_name__in=list(kinds)).delete()  # a kind no module declares now
    pages = [(name, path) for name, path in stale.values_list("url_name", "path")]
    root = current_tree(out) if out is not None and out.is_symlink() else None
    if root is None:  # a CDN and no tree: purge only
        paths = [path for _name, path in pages]
        _refreshed(paths, seen, now)
        for path in paths:
            purge(path)
        return len(pages)
    names = {path: name for name, path in pages}
    with _keep_connections():
        batch: list[tuple[str, set[str] | None]] = []
        for _name, path, tags in _render(root, pages, jobs=jobs, fresh=False):
            batch.append((path, tags))
            if len(batch) >= BATCH:
                _record_refreshed(batch, names=names, now=now, seen=seen)
                batch = []
        _record_refreshed(batch, names=names, now=now, seen=seen)
    return len(pages)


def _record_refreshed(
    batch: list[tuple[str, set[str] | None]],
    *,
    names: dict[str, str],
    now: dt.datetime,
    seen: int,
) -> None:
    gone = [path for path, tags in batch if tags is None]  # no longer public
    StaticPage.objects.filter(path__in=gone).delete()
    _record([(StaticPage(path=path, url_name=names[path], built_at=now), tags)
             for path, tags in batch if tags is not None])  # fmt: skip
    _refreshed([path for path, tags in batch if tags is not None], seen, now)
    for path, _tags in batch:
        purge(path)


def _refreshed(paths: list[str], seen: int, now: dt.datetime) -> None:
    """The pages are current as of counter ``seen``: fresh, unless marked since."""
    for start in range(0, len(paths), BATCH):
        chunk = StaticPage.objects.filter(path__in=paths[start : start + BATCH])
        chunk.filter(marked_value__gt=seen).update(
            stale_since=Coalesce("stale_since", Value(now))
        )
        chunk.exclude(marked_value__gt=seen).update(stale_since=None)


def purge(path: str) -> None:
    """Call ``GONGKAI_CDN_PURGE_URL`` (``{url}``: the page's absolute URL, quoted)."""
    template = getattr(settings, "GONGKAI_CDN_PURGE_URL", "")
    if not template:
        return
    absolute = settings.GONGKAI_STATIC_SITE_URL.rstrip("/") + path
    target = template.replace("{url}", quote(absolute, safe=""))
    if not target.startswith(("http://", "https://")):
        log.warning("GONGKAI_CDN_PURGE_URL is not an http(s) URL: %s", template)
        return
    request = urllib.request.Request(target, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5):  # noqa: S310
            pass
    except OSError as error:
        log.warning("CDN purge of %s failed: %s", path, error)


@task()
def static_tick() -> str:
    """Run the modules' ``ticks``, pass the window edges due (marking their pages
    stale), then run again at the next one (at most an hour later): the worker's
    schedule for changes no request sees."""
    for module in modules():
        for tick in module.ticks:
            try:
                tick()
            except Exception:  # one module's check must not stop the schedule
                log.exception("static tick: %s of %s failed", tick, module.name)
    caching.forget_token()
    value, until = caching.page_value()
    schedule_tick(min(until, timezone.now() + dt.timedelta(hours=1)))
    return f"{value} until {until.isoformat()}"


def schedule_tick(when: dt.datetime | None = None) -> None:
    """Queue ``static_tick`` at ``when`` (None: now), keeping at most one pending in
    the database queue: a pending tick due later is brought forward, extra ones are
    dropped, so repeated builds and ticks never multiply the chain. The immediate
    backend (development, tests) runs a tick for now and defers nothing."""
    backend = static_tick.get_backend()
    if not backend.supports_defer:
        if when is None:
            static_tick.enqueue()
        return
    if not isinstance(backend, DatabaseBackend):  # pragma: no cover - not ours
        (static_tick.using(run_after=when) if when else static_tick).enqueue()
        return
    target = when or timezone.now()
    with transaction.atomic():
        pending = list(
            DBTaskResult.objects.select_for_update()
            .filter(
                task_path=static_tick.module_path,
                backend_name=backend.alias,
                status=TaskResultStatus.READY,
            )
            .order_by("run_after", "enqueued_at")
        )
        if not pending:
            (static_tick.using(run_after=when) if when else static_tick).enqueue()
            return
        keep, extra = pending[0], pending[1:]
        DBTaskResult.objects.filter(pk__in=[row.pk for row in extra]).delete()
        # run_after = the greatest date: "no delay" (django_tasks_db).
        due = target if keep.run_after == get_date_max() else keep.run_after
        if target < due:
            DBTaskResult.objects.filter(pk=keep.pk).update(run_after=target)


@dataclass
class StaticStatus:
    pages: int
    stale: list[tuple[str, dt.datetime]]

    @property
    def oldest(self) -> dt.datetime | None:
        return min((since for _p, since in self.stale), default=None)


def static_status() -> StaticStatus:
    """The built pages and the stale ones (path, since when), oldest first."""
    stale = list(
        StaticPage.objects.filter(stale_since__isnull=False)
        .order_by("stale_since")
        .values_list("path", "stale_since")
    )
    return StaticStatus(StaticPage.objects.count(), stale)


def register() -> None:
    """Follow ``caching.mark`` (at start-up)."""
    if on_mark not in caching._on_mark:
        caching._on_mark.append(on_mark)
