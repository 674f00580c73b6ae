"""Writes to the search index: index one object, remove one, rebuild everything.

Index maintenance is a derived-data concern, not a domain action: it writes no
audit event (the change that caused it has its own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Length, Substr
from django.utils import timezone

from gongkai.publishing.caching import content_changed

from . import expansion, ranktexts, registry
from .backends import backend_for, tokens
from .models import SearchCode, SearchEntry, SearchStats, SearchTerm, SearchVersion
from .rules import RANK_CHARS, doc_number_mentions

BODY_LIMIT = 20_000  # characters kept for snippets and indexed per row


def _bump() -> None:
    # The compiled thesaurus is kept per value of this counter (expansion), and
    # cached search results, statistics, ranked texts and pages by the search tag
    # this marks (state.search_state, the page cache).
    if not SearchVersion.objects.filter(pk=1).update(value=F("value") + 1):
        SearchVersion.objects.get_or_create(pk=1, defaults={"value": 1})
    expansion.forget()
    ranktexts.forget()
    content_changed(model=SearchEntry)


def _codes(entry_id: int, entry: registry.Entry, body: str) -> list[SearchCode]:
    """The entry's own codes, then the 文号 its title and body quote."""
    own = sorted({c.strip()[:120] for c in entry.codes if c and c.strip()})
    quoted = [
        c
        for c in doc_number_mentions(entry.title + "\n" + body)
        if c not in own and len(c) <= 120
    ]
    return [SearchCode(entry_id=entry_id, code=c) for c in own] + [
        SearchCode(entry_id=entry_id, code=c, mention=True) for c in quoted
    ]


def _store(
    source: registry.SearchSource, obj: Any, entry: registry.Entry, now: dt.datetime
) -> SearchEntry:
    body = entry.body[:BODY_LIMIT]
    row, _created = SearchEntry.objects.update_or_create(
        kind=source.kind,
        object_id=str(obj.pk),
        defaults={
            "label": str(source.label),
            "title": entry.title[:500],
            "body": body,
            "url": entry.url[:500],
            "date": entry.date,
            "year": entry.date.year if entry.date else None,
            "visible_from": entry.visible_from,
            "visible_until": entry.visible_until,
            "issuer": entry.issuer[:200],
            "validity": entry.validity[:20],
            "expires_on": entry.expires_on,
            "indexed_at": now,
        },
    )
    row.codes.all().delete()
    SearchCode.objects.bulk_create(_codes(row.pk, entry, body))
    title_tokens = tokens(entry.title)
    body_tokens = tokens(" ".join([entry.extra, " ".join(entry.codes), body]))
    backend_for().write(row.pk, title_tokens, body_tokens)
    _bump()
    return row


def _drop(kind: str, object_ids: Iterable[str]) -> None:
    ids = list(
        SearchEntry.objects.filter(
            kind=kind, object_id__in=list(object_ids)
        ).values_list("pk", flat=True)
    )
    backend_for().delete(ids)
    SearchEntry.objects.filter(pk__in=ids).delete()
    _bump()


@transaction.atomic
def search_index_object(
    *, model: type[models.Model], pk: Any, now: dt.datetime | None = None
) -> SearchEntry | None:
    """Describe one row again: replace its index entry, or remove it if not searchable."""
    source = registry.by_kind(model._meta.label_lower)
    if source is None:
        return None
    obj = source.queryset().filter(pk=pk).first()
    entry = source.entry(obj) if obj is not None else None
    if entry is None:
        _drop(source.kind, [str(pk)])
        return None
    return _store(source, obj, entry, now or timezone.now())


@transaction.atomic
def search_remove(*, model: type[models.Model], pk: Any) -> None:
    """Remove the index entry of one row."""
    _drop(model._meta.label_lower, [str(pk)])


def index_bulk(
    *,
    source: registry.SearchSource,
    items: list[tuple[Any, registry.Entry]],
    now: dt.datetime,
) -> int:
    """Add entries for rows that have none yet (reindex and bulk loads): a few
    statements per batch instead of several per row."""
    rows = [
        SearchEntry(
            kind=source.kind,
            object_id=str(pk),
            label=str(source.label),
            title=e.title[:500],
            body=e.body[:BODY_LIMIT],
            url=e.url[:500],
            date=e.date,
            year=e.date.year if e.date else None,
            visible_from=e.visible_from,
            visible_until=e.visible_until,
            issuer=e.issuer[:200],
            validity=e.validity[:20],
            expires_on=e.expires_on,
            indexed_at=now,
        )
        for pk, e in items
    ]
    created = SearchEntry.objects.bulk_create(rows, batch_size=500)
    if any(row.pk is None for row in created):  # backends without RETURNING
        ids = dict(
            SearchEntry.objects.filter(
                kind=source.kind, object_id__in=[r.object_id for r in rows]
            ).values_list("object_id", "pk")
        )
        for row in created:
            row.pk = ids[row.object_id]
    codes = [
        code
        for row, (_pk, e) in zip(created, items, strict=True)
        for code in _codes(row.pk, e, row.body)
    ]
    SearchCode.objects.bulk_create(codes, batch_size=1000)
    backend_for().write_many(
        [
            (
                row.pk,
                tokens(e.title),
                tokens(" ".join([e.extra, " ".join(e.codes), row.body])),
            )
            for row, (_pk, e) in zip(created, items, strict=True)
        ]
    )
    _bump()
    return len(created)


def search_reindex(
    *, kinds: list[str] | None = None, now: dt.datetime | None = None
) -> dict[str, int]:
    """Rebuild the entries of every (or the named) source; return counts per kind."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    with backend_for().bulk():
        for source in registry.sources():
            if kinds and source.kind not in kinds:
                continue
            counts[source.kind] = _reindex_source(source, now)
    backend_for().analyze()
    search_stats_refresh(now=now)
    return counts


def _reindex_source(source: registry.SearchSource, now: dt.datetime) -> int:
    """Replace the entries of one source in one transaction; return their number."""
    with transaction.atomic():
        old = list(
            SearchEntry.objects.filter(kind=source.kind).values_list("pk", flat=True)
        )
        backend_for().delete(old)
        SearchEntry.objects.filter(kind=source.kind).delete()
        done, batch = 0, []
        # Entry ids follow the rows' ids: the newest content has the highest ids.
        for obj in source.queryset().order_by("pk").iterator(chunk_size=500):
            entry = source.entry(obj)
            if entry is not None:
                batch.append((obj.pk, entry))
            if len(batch) >= 500:
                done += index_bulk(source=source, items=batch, now=now)
                batch = []
        done += index_bulk(source=source, items=batch, now=now)
    return done


@transaction.atomic
def search_stats_refresh(*, now: dt.datetime | None = None) -> SearchStats:
    """Rebuild the ranking statistics: each word's document frequency (words held
    by one entry are left out: a missing word counts as held by one), the number
    of entries and their average length. Like the planner's statistics they are
    refreshed, not kept current on each write: after a reindex, and nightly."""
    SearchTerm.objects.all().delete()
    backend_for().refresh_terms(min_entries=2)
    totals = SearchEntry.objects.aggregate(
        entries=models.Count("pk"),
        average=models.Avg(Length("title") + Length(Substr("body", 1, RANK_CHARS))),
    )
    stats, _created = SearchStats.objects.update_or_create(
        pk=1,
        defaults={
            "entries": totals["entries"],
            "average_length": totals["average"] or 0,
            "refreshed_at": now or timezone.now(),
        },
    )
    _bump()  # cached results were ranked with the old figures
    return stats
