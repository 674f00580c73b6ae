"""Module declarations: one object per app names everything it offers the rest of
the platform, so adding a module is its own folder plus one line in INSTALLED_APPS.

An app declares itself in ``<app>/module.py``::

    from gongkai.common.modules import Module, MenuEntry, ContentKind, CacheWatch

    def declare() -> Module:
        from .models import Penalty          # models are loaded when this runs
        return Module(
            name="penalties",                # /workbench/penalties/, /api/v1/penalties/
            public_urls="gongkai.penalties.urls",
            staff_urls="gongkai.penalties.staff_urls",
            api_urls="gongkai.penalties.api_urls",
            public_menu=[MenuEntry(_("行政处罚公示"), "penalties:penalty-list", 40)],
            content=[ContentKind(Penalty, _("行政处罚"), "penalties-staff:penalty-edit")],
            cache=[CacheWatch(Penalty, window=("publish_at", "unpublish_at"))],
            clock_rules=rules.CLOCK_RULES,
            ...
        )

The readers live where the concern lives, each reading ``modules()`` lazily:
``config/urls.py`` and ``api/urls.py`` (URL includes), ``portal.menu`` (menus),
``publishing.registry`` (content on the lifecycle and its actions),
``publishing.caching`` (page-cache watch), ``search.registry`` (search sources),
``clocks.selectors`` (clock rules), ``common.importing`` (background import jobs),
``gongkai demo`` (demo loaders) and ``common.figures`` (figures one module computes
for another, such as the annual report's table 2). This module imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db import models

from gongkai.core.clock_types import ClockRule

__all__ = [
    "STAFF_GROUPS",
    "CacheWatch",
    "ContentKind",
    "ImportKind",
    "MenuEntry",
    "Module",
    "PublicPages",
    "SearchSource",
    "api_list",
    "modules",
]


@dataclass(frozen=True)
class MenuEntry:
    """A link in the public navigation or the workbench side navigation."""

    label: Any  # str or lazy translation
    url_name: str
    order: int = 100
    # Shown only to users for whom this holds (staff menu); None: to everyone.
    visible: Callable[[Any], bool] | None = None
    # The task group of the workbench side navigation (staff menu): one of
    # STAFF_GROUPS' keys; "" puts the entry in its module's own group when there
    # is one (foi, inspections, penalties, registers), else in "content".
    group: str = ""


# The workbench side navigation, by task, in this order (key, label).
STAFF_GROUPS: tuple[tuple[str, str], ...] = (
    ("todo", "待办"),
    ("review", "审核"),
    ("content", "内容"),
    ("foi", "依申请公开"),
    ("inspections", "双随机"),
    ("penalties", "处罚"),
    ("registers", "名录"),
    ("report", "年报"),
    ("settings", "设置"),
)


@dataclass(frozen=True)
class ContentKind:
    """A content type on the publishing lifecycle (``publishing.Publishable``)."""

    model: type[models.Model]
    label: Any
    edit_url_name: str  # takes ``pk``
    # The rows a staff user may see (others are 404, not 403); None: every row.
    staff_queryset: Callable[[Any], models.QuerySet[Any]] | None = None
    # Actions replacing or added to the lifecycle's (``publishing.actions``), by name.
    actions: Mapping[str, type] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchSource:
    """Public rows the site search indexes (see ``search.registry``)."""

    model: type[models.Model]
    label: Any
    queryset: Callable[[], models.QuerySet[Any]]
    entry: Callable[[Any], Any]  # obj -> search.registry.Entry | None

    @property
    def kind(self) -> str:
        return self.model._meta.label_lower


@dataclass(frozen=True)
class CacheWatch:
    """Rows public pages show: every change renews the page-cache token, and so does
    each edge of a publication window (``publishing.caching``)."""

    model: type[models.Model]
    window: tuple[str, str] | None = None
    content: bool = True  # False: only the window edges matter
    m2m: bool = False  # ``model`` is a many-to-many ``through`` table
    # Foreign keys whose rows' pages also show this row (an interpretation on its
    # policy's page): a change marks them stale too (dependency tags, below).
    parents: tuple[str, ...] = ()
    # A date column whose passing changes a page (validity derived from
    # ``valid_until``): at Shanghai midnight the rows it passed are marked stale.
    day: str | None = None
    # A date column from which a row counts (an adjustment's ``effective_on``): at
    # Shanghai midnight starting that day its rows are marked stale.
    from_day: str | None = None


@dataclass(frozen=True)
class PublicPages:
    """One kind of anonymous public page (one URL name), for the page cache, the
    static build (``gongkai static build``) and invalidation by dependency.

    A rendered page depends on tags: ``<app>.<model>`` (any row of the model: a
    list may gain or lose a row) for each model in ``shows``, and
    ``<app>.<model>:<pk>`` for each row of a watched model the render loaded
    (recorded while rendering). A change to a row marks both of its tags (and its
    ``CacheWatch.parents``); the pages holding a marked tag are stale."""

    url_name: str
    # Query parameters the page reads. Anonymous requests carrying others are
    # redirected to the URL without them, so the cache key is the declared query.
    # None: any (filters defined by data, as a register's); the key keeps them all.
    params: Sequence[str] | None = ()
    # Models (or plain tags such as "search") whose any change may change the page.
    shows: Sequence[type[models.Model] | str] = ()
    # Every page of the kind for the static build: the rows it is built for
    # (``each()``) and the path of each (``url(row)``, default
    # ``row.get_absolute_url()``); None: one page, ``reverse(url_name)``.
    each: Callable[[], Any] | None = None
    url: Callable[[Any], str] | None = None
    # The model of ``each``'s rows: a change to one re-renders (or removes) its page.
    item: type[models.Model] | None = None
    # Request headers the response depends on besides the two cookies (in the key).
    vary: tuple[str, ...] = ()
    # False: the cache is consulted inside the view, not by the first middleware.
    early: bool = True
    # Called with the request for each anonymous GET or HEAD answered from the page
    # cache, for work every request needs (the search page counts its searches).
    on_hit: Callable[[Any], None] | None = None
    # False: not written by the static build (answered by Django). Files are
    # built for the URL without a query; a request with one goes to Django.
    static: bool = True
    # False: a request with undeclared query parameters is answered, not cached,
    # instead of redirected (an API client is not sent a 301 for a stray parameter).
    redirect_unknown: bool = True

    def tags(self) -> list[str]:
        """The kind-level tags of this page kind."""
        return [t if isinstance(t, str) else t._meta.label_lower for t in self.shows]


# The query parameters every API list reads: pagination and the format switch.
API_LIST_PARAMS = ("page", "page_size", "cursor", "format")


def api_list(
    url_name: str,
    *,
    shows: Sequence[type[models.Model] | str],
    params: Sequence[str] = (),
) -> PublicPages:
    """An API list, cached like a page for anonymous callers: keyed by its filters
    (``params``), pagination, format and the ``Accept`` header; never a file; a
    request with another parameter is answered as it is (not cached), not
    redirected, since an API client does not expect a 301 for a stray parameter."""
    return PublicPages(
        url_name,
        params=tuple(dict.fromkeys((*params, *API_LIST_PARAMS))),
        shows=shows,
        vary=("Accept",),
        static=False,
        redirect_unknown=False,
    )


@dataclass(frozen=True)
class ImportKind:
    """A spreadsheet import run by the background worker (``common.importing``)."""

    run_model: type[models.Model]
    process: Callable[..., Any]


@dataclass(frozen=True)
class Module:
    """Everything one app offers; every field but ``name`` is optional."""

    name: str  # the app label
    prefix: str = (
        ""  # URL prefix, default ``name``: /workbench/<prefix>/, /api/v1/<prefix>/
    )
    public_urls: str | None = None
    staff_urls: str | None = None
    api_urls: str | None = None
    public_menu: Sequence[MenuEntry] = ()
    staff_menu: Sequence[MenuEntry] = ()
    content: Sequence[ContentKind] = ()
    search: Sequence[SearchSource] = ()
    cache: Sequence[CacheWatch] = ()
    # Its anonymous public pages: cache key, static build, dependencies.
    pages: Sequence[PublicPages] = ()
    clock_rules: Sequence[ClockRule] = ()
    # Figures computed for other modules, by name (see ``common.figures``).
    figures: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    imports: Sequence[ImportKind] = ()
    # ``gongkai <command>`` commands the module offers (shown by ``gongkai modules``).
    commands: Sequence[str] = ()
    demo: str | None = None  # dotted module with ``load(*, now, out)``
    # More API includes under other prefixes, {prefix: urls module}: /api/v1/<prefix>/.
    more_api_urls: Mapping[str, str] = field(default_factory=dict)
    # Checks the worker's schedule runs with each static tick (at least hourly):
    # changes no request reports, such as files an operator edited.
    ticks: Sequence[Callable[[], Any]] = ()

    @property
    def url_prefix(self) -> str:
        return self.prefix or self.name


@cache
def modules() -> tuple[Module, ...]:
    """Every app's declaration, in INSTALLED_APPS order (read once per process)."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.module"
        if not config.name.startswith("gongkai.") or find_spec(name) is None:
            continue
        declared = import_module(name).declare()
        if not isinstance(declared, Module):
            raise TypeError(f"{name}.declare() must return a Module")
        found.append(declared)
    names = [m.name for m in found]
    if len(names) != len(set(names)):
        raise ValueError(f"two modules declare the same name: {names}")
    return tuple(found)
