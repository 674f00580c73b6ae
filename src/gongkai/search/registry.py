"""What the site search indexes: each app registers its public content types here.

Register in your ``AppConfig.ready()``::

    from gongkai.search import registry

    registry.register(
        Penalty,
        label=_("行政处罚"),                     # the "type" facet shown to the public
        queryset=lambda: Penalty.objects.filter(status=Status.PUBLISHED),
        entry=penalty_search_entry,              # obj -> registry.Entry | None
    )

``queryset()`` returns every row that *may* be public (the reindex walks it; it
should ``select_related`` what ``entry`` reads).  ``entry(obj)`` describes one row
for the index, or returns ``None`` when the row must not be searchable (draft,
withdrawn, withheld ...).  Publication windows are *not* judged at indexing time:
``Entry.visible_from``/``visible_until`` are stored and the search filters on them
at query time, so content scheduled for later appears (and expired content
disappears) without any reindex.  For a ``Publishable`` pass ``publish_at`` and
``unpublish_at``.

The index is kept current automatically: registering connects ``post_save`` and
``post_delete`` of the model (signals are allowed for search indexing, STYLE.md
layer rule 5), and after the transaction commits the row is re-described with
``entry`` and its index entry replaced or removed.  Updates done with
``QuerySet.update()`` send no signal: call
``gongkai.search.services.search_index_object(obj=...)`` after them, or run
``gongkai search reindex``.

Facets are free-form strings; the search page offers ``issuer``, ``year`` and
``validity`` (and the registered ``label`` as the type).  ``codes`` are exact
identifiers (文号, 决定书文号, 索引号 ...): a query equal to one of them puts the
row first.  Give a 文号 in canonical form (``core.ids.parse_doc_number(...)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

__all__ = ["Entry", "Source", "by_kind", "register", "sources"]


@dataclass(frozen=True)
class Entry:
    """One row as the search sees it."""

    title: str
    body: str  # plain text (no HTML); the snippet is cut from it
    url: str
    date: dt.date | None = None  # the date results sort by, and the year facet
    visible_from: dt.datetime | None = None  # None: not yet visible
    visible_until: dt.datetime | None = None  # None: open-ended
    issuer: str = ""
    validity: str = ""  # a human label (有效 / 已废止 ...), "" when not applicable
    # The last day ``validity`` holds when it is 有效 and the row lapses by date
    # (valid_until): from the next day the search shows and filters it as 已失效.
    expires_on: dt.date | None = None
    codes: Sequence[str] = field(default_factory=tuple)
    extra: str = ""  # more searchable text that is not shown (keywords, summary)


@dataclass(frozen=True)
class Source:
    model: type[models.Model]
    kind: str  # model label, e.g. "documents.document"
    label: Any  # str or lazy translation
    queryset: Callable[[], models.QuerySet[Any]]
    entry: Callable[[Any], Entry | None]


_SOURCES: dict[str, Source] = {}


def register(
    model: type[models.Model],
    *,
    label: Any,
    queryset: Callable[[], models.QuerySet[Any]],
    entry: Callable[[Any], Entry | None],
) -> None:
    """Make ``model`` searchable and keep its index entries current on save/delete."""
    kind = model._meta.label_lower
    _SOURCES[kind] = Source(model, kind, label, queryset, entry)
    from . import signals

    signals.connect(model)


def sources() -> list[Source]:
    """Every registered source, in registration order."""
    return list(_SOURCES.values())


def by_kind(kind: str) -> Source | None:
    """The source registered for a model label, or None."""
    return _SOURCES.get(kind)
