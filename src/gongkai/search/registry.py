"""What the site search indexes: each module declares its public content types as
``SearchSource``s in its ``module.py``::

    SearchSource(
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

The index is kept current automatically: the search app connects ``post_save`` and
``post_delete`` of every declared model when it starts (signals are allowed for
search indexing, STYLE.md layer rule 5), and after the transaction commits the row
is re-described with ``entry`` and its index entry replaced or removed.  Updates
done with ``QuerySet.update()`` send no signal: call
``gongkai.search.services.search_index_object(obj=...)`` after them, or run
``gongkai search reindex``.

Facets are free-form strings; the search page offers ``issuer``, ``year`` and
``validity`` (and the declared ``label`` as the type).  ``codes`` are exact
identifiers (文号, 决定书文号, 索引号 ...): a query equal to one of them puts the
row first.  Give a 文号 as written and its match key
(``core.doc_numbers.doc_number_key``): a query is looked up by its own key too, so
every written form of the same number finds the row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.common.modules import SearchSource, modules

from . import signals

__all__ = ["Entry", "SearchSource", "by_kind", "connect_all", "sources"]


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


def sources() -> list[SearchSource]:
    """Every declared source, in module order."""
    return [source for module in modules() for source in module.search]


def by_kind(kind: str) -> SearchSource | None:
    """The source declared for a model label, or None."""
    for source in sources():
        if source.model._meta.label_lower == kind:
            return source
    return None


def connect_all() -> None:
    """Keep every declared model's index entries current on save/delete."""
    for source in sources():
        signals.connect(source.model)
