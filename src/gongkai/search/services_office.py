"""Writes of the office's search tools: the thesaurus (audited) and the query
counts behind the search analytics.

The counts are statistics, like the index: they write no audit event and hold
nothing about who searched (no address, no session; ``rules.query_key`` masks
personal data typed into a query).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_review_content
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError

from .audit_actions import SearchAudit
from .models import SearchQueryWeek, SearchSynonym
from .rules import query_key, week_of
from .services import _bump

MAX_PHRASES = 10
MAX_PHRASE_CHARS = 60


def _phrases(phrases: Sequence[str]) -> list[str]:
    cleaned = list(dict.fromkeys(" ".join(p.split()) for p in phrases if p.strip()))
    if len(cleaned) < 2:
        raise InvalidInputError(
            _("请至少填写两个同义的词语，每行一个。"), code="search.synonym_too_few"
        )
    if len(cleaned) > MAX_PHRASES:
        raise InvalidInputError(
            _("一组同义词最多 %(n)d 个。") % {"n": MAX_PHRASES},
            code="search.synonym_too_many",
        )
    too_long = [p for p in cleaned if len(p) > MAX_PHRASE_CHARS]
    if too_long:
        raise InvalidInputError(
            _("词语不能超过 %(n)d 个字：%(p)s")
            % {"n": MAX_PHRASE_CHARS, "p": too_long[0][:20]},
            code="search.synonym_too_long",
        )
    return cleaned


def _check(by: Staff) -> None:
    if not can_review_content(by):
        raise PermissionDeniedError()


@transaction.atomic
def synonym_create(
    *,
    by: Staff,
    phrases: Sequence[str],
    directed: bool = False,
    now: dt.datetime | None = None,
) -> SearchSynonym:
    """Add a set of synonyms (the office only); searches use it at once."""
    _check(by)
    now = now or timezone.now()
    cleaned = _phrases(phrases)
    row = SearchSynonym.objects.create(
        phrases="\n".join(cleaned), directed=directed, updated_at=now
    )
    audit_record(
        actor=by,
        action=SearchAudit.SYNONYM_CREATE,
        obj=row,
        changes={"phrases": cleaned, "directed": directed},
        now=now,
    )
    _bump()  # cached results were read without it
    return row


@transaction.atomic
def synonym_update(
    *,
    by: Staff,
    synonym: SearchSynonym,
    phrases: Sequence[str],
    directed: bool = False,
    now: dt.datetime | None = None,
) -> SearchSynonym:
    """Change a set of synonyms (the office only)."""
    _check(by)
    now = now or timezone.now()
    cleaned = _phrases(phrases)
    before = {"phrases": synonym.phrase_list(), "directed": synonym.directed}
    synonym.phrases = "\n".join(cleaned)
    synonym.directed = directed
    synonym.updated_at = now
    synonym.save()
    audit_record(
        actor=by,
        action=SearchAudit.SYNONYM_UPDATE,
        obj=synonym,
        changes={"before": before, "after": {"phrases": cleaned, "directed": directed}},
        now=now,
    )
    _bump()
    return synonym


@transaction.atomic
def synonym_delete(
    *, by: Staff, synonym: SearchSynonym, now: dt.datetime | None = None
) -> None:
    """Remove a set of synonyms (the office only)."""
    _check(by)
    audit_record(
        actor=by,
        action=SearchAudit.SYNONYM_DELETE,
        obj=synonym,
        changes={"phrases": synonym.phrase_list(), "directed": synonym.directed},
        now=now,
    )
    synonym.delete()
    _bump()


def _week(now: dt.datetime | None) -> dt.date:
    return week_of((now or timezone.now()).astimezone(SHANGHAI).date())


def search_counts_record(
    *, query: str, searches: int, zero_results: int, now: dt.datetime | None = None
) -> None:
    """Count ``searches`` searches of ``query`` this week, ``zero_results`` of them
    finding nothing."""
    search_counts_record_many([(query, searches, zero_results, now)])


# Rows of one upsert: four values each, well inside SQLite's bound-variable limit.
UPSERT_ROWS = 200


def search_counts_record_many(
    counts: Iterable[tuple[str, int, int, dt.datetime | None]],
) -> int:
    """Count (query, searches, zero results, when) of many queries at once
    (``counting`` writes what it gathered): one ``INSERT … ON CONFLICT DO UPDATE``
    per UPSERT_ROWS (week, query) rows, adding to a row that exists, in one
    transaction. One statement per query and a commit each cost a search page
    about a millisecond of the server when every search is a new query
    (bench/static.md). The rows go in (week, query) order: two workers flushing
    the same queries lock their rows in one order, so neither deadlocks the
    other (PostgreSQL failed one flush whole). Returns the number of rows written."""
    totals: dict[tuple[dt.date, str], list[int]] = {}
    for query, searches, zero_results, now in counts:
        key = query_key(query)
        if key and searches >= 1:
            slot = totals.setdefault((_week(now), key), [0, 0])
            slot[0] += searches
            slot[1] += zero_results
    table = connection.ops.quote_name(SearchQueryWeek._meta.db_table)
    week_field = SearchQueryWeek._meta.get_field("week")
    rows = [
        (week_field.get_db_prep_value(week, connection), key, searches, zero)
        for (week, key), (searches, zero) in sorted(totals.items())
    ]
    if not rows:
        return 0
    with transaction.atomic(), connection.cursor() as cur:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            values = ", ".join(["(%s, %s, %s, %s, 0)"] * len(chunk))
            cur.execute(
                f"INSERT INTO {table} (week, query, searches, zero_results, clicks) "  # noqa: S608
                f"VALUES {values} ON CONFLICT (week, query) DO UPDATE SET "
                f"searches = {table}.searches + excluded.searches, "
                f"zero_results = {table}.zero_results + excluded.zero_results",
                [value for row in chunk for value in row],
            )
    return len(rows)


def search_click_record(
    *, query: str, now: dt.datetime | None = None, times: int = 1
) -> None:
    """Count ``times`` opened results of ``query`` this week; a query not searched
    this week is not counted (a click link cannot create rows)."""
    key = query_key(query)
    if key and times > 0:
        SearchQueryWeek.objects.filter(week=_week(now), query=key).update(
            clicks=F("clicks") + times
        )
