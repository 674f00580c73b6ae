"""Reads of the search index: ranked, filtered, faceted results with snippets.

Only rows visible at ``now`` are found (``visible_from <= now < visible_until``),
so the public never sees drafts, withdrawn or out-of-window content.  A query that
is a 文号 (lenient forms accepted) or another registered code puts the row that
carries it first; the other rows follow by relevance (BM25, ``rules.bm25``) or date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gongkai.core.doc_numbers import doc_number_key
from gongkai.core.ids import IdentifierError, parse_doc_number

from . import ranktexts, statements
from .backends import backend_for, query_tokens
from .expansion import MAX_NEAREST, nearest_candidates, nearest_queries, plan_query
from .models import SearchEntry
from .ranktexts import HIT_COLUMNS, OPENING, TITLE, YEAR, rank_rows
from .rules import highlight_terms, idf
from .snippets import marker, snippet
from .state import search_state
from .statements import Step, keyed
from .statements import fetch as _fetch
from .thesaurus import Group, Plan

MAX_QUERY = 200
# Ranking, totals and facets look at the CANDIDATES most recent matches at most, so a
# common word costs the same on 10k or 1M documents; ``Result.capped`` says so.
CANDIDATES = 500  # scoring and the row lookup cost a few µs per candidate
# A query that matched nothing shows five related entries: the best of this many of
# the newest holding any of its words (each is read and scored: about 20 µs).
SUGGEST_CANDIDATES = 100
PER_PAGE = 20
SORTS = ("relevance", "date")
FACETS = ("label", "issuer", "year", "validity")


@dataclass(frozen=True)
class Filters:
    label: str = ""
    issuer: str = ""
    year: int | None = None
    validity: str = ""


@dataclass
class Hit:
    id: int
    kind: str
    label: str
    title: str
    url: str
    date: dt.date | None
    issuer: str
    validity: str
    snippet: SafeString
    exact: bool = False


@dataclass
class Result:
    query: str
    terms: list[str]
    total: int
    page: int
    pages: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestions: list[Hit] = field(default_factory=list)
    nearest: list[str] = field(default_factory=list)  # queries that do match
    capped: bool = False  # more matches than CANDIDATES: the newest ones are ranked


def _codes_of(query: str) -> list[str]:
    # The query as typed, and the 文号 match key that entries register as a code
    # (core.doc_numbers: any written form of the same number gives the same key).
    codes = [query, doc_number_key(query)]
    with contextlib.suppress(IdentifierError, ValueError):
        codes.append(str(parse_doc_number(query)))
    return [c for c in dict.fromkeys(codes) if c]


def _validity_sql(now: dt.datetime) -> tuple[str, list[Any]]:
    """The validity shown on the day of ``now``: 已失效 once past ``expires_on``."""
    today = timezone.localdate(now)
    return (
        "(CASE WHEN e.expires_on IS NOT NULL AND e.expires_on < %s THEN %s "
        "ELSE e.validity END)",
        [today, _("已失效")],
    )


def _where(now: dt.datetime, filters: Filters) -> tuple[list[str], list[Any]]:
    clauses = [
        "e.visible_from IS NOT NULL",
        "e.visible_from <= %s",
        "(e.visible_until IS NULL OR e.visible_until > %s)",
    ]
    params: list[Any] = [now, now]
    for name in ("label", "issuer"):
        value = getattr(filters, name)
        if value:
            clauses.append(f"e.{name} = %s")
            params.append(value)
    if filters.validity:
        expr, expr_params = _validity_sql(now)
        clauses.append(f"{expr} = %s")
        params += [*expr_params, filters.validity]
    if filters.year:
        clauses.append("e.year = %s")
        params.append(filters.year)
    return clauses, params


# A hit's columns, its title and its body (``ranktexts`` keeps the same with the
# body's opening).
_COLUMNS = HIT_COLUMNS + ", e.title, e.body"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str):  # SQLite raw cursor
        return dt.date.fromisoformat(value)
    return value  # type: ignore[no-any-return]


def _validity(row: tuple[Any, ...], today: dt.date, expired: str) -> str:
    """The validity of a row of HIT_COLUMNS shown on ``today`` (``expired``:
    已失效 in the page's language), as ``_validity_sql`` gives it."""
    expires_on, validity = _date(row[7]), row[6]
    return expired if expires_on is not None and expires_on < today else str(validity)


def _candidates(
    scored: list[tuple[float, tuple[Any, ...]]], today: dt.date
) -> list[tuple[Any, ...]]:
    """Kept rows with their scores as candidates (id, -score, date, label, issuer,
    year, validity): the walk read only their ids. (``_validity`` written out:
    a search has up to 500 candidates.)"""
    expired = _("已失效")
    return [
        (r[0], -score, r[4], r[2], r[5], r[YEAR],
         str(r[6]) if (end := _date(r[7])) is None or end >= today else expired)
        for score, r in scored
    ]  # fmt: skip


def _hit(
    row: tuple[Any, ...], excerpt: SafeString, today: dt.date, exact: bool, expired: str
) -> Hit:
    """A row of ``_COLUMNS`` as a hit, with its excerpt (``expired``: 已失效 in the
    page's language)."""
    validity = _validity(row, today, expired)
    return Hit(
        id=row[0],
        kind=row[1],
        label=row[2],
        title=row[TITLE],
        url=row[3],
        date=_date(row[4]),
        issuer=row[5],
        validity=validity,
        snippet=excerpt,
        exact=exact,
    )


class _Unread:
    """``search_run``'s state when the caller did not read it."""


_UNREAD = _Unread()


def search_run_cached(
    *, query: str, now: dt.datetime | None = None, **options: Any
) -> Result:
    """``search_run`` through the cache, keyed by the query and ``search_state``
    (which costs no statement on most requests)."""
    now = now or timezone.now()
    state = search_state(now)
    if state is None:
        return search_run(query=query, now=now, state=None, **options)
    key_parts = [state, get_language() or "", query, repr(sorted(options.items()))]
    key = "search:" + hashlib.sha256("|".join(key_parts).encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        # Not ``get_or_set``: it reads the entry back (unpickling the whole result)
        # against a race that would only store the same result twice.
        result = search_run(query=query, now=now, state=state, **options)
        cache.set(key, result, timeout=600)
    assert isinstance(result, Result)
    return result


def search_run(
    *,
    query: str,
    now: dt.datetime | None = None,
    filters: Filters | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
    facets: bool = True,
    state: str | _Unread | None = _UNREAD,
) -> Result:
    """Search the public index as of ``now`` (``state``: ``search_state(now)``,
    where the caller read it; the ranked texts are kept for it).

    A query equal to a code (文号 in any lenient form, 索引号 ...) is answered from the
    code table: the rows carrying it first, then the rows whose text quotes it.
    Where the search state has not yet told whether an entry carries one of the
    query's codes, those rows are asked with the walk's first statement (one
    round trip) and answer if there are any. Any other query walks the full-text
    matches newest first and keeps the ids of at most CANDIDATES of them; the
    total, facets and ranking are over those candidates, from their kept rows
    (``ranktexts``)."""
    now = now or timezone.now()
    filters = filters or Filters()
    query = " ".join(query.split())[:MAX_QUERY]
    terms = query_tokens(query) if query else []
    page = max(1, page)
    if not query:
        return Result(query=query, terms=terms, total=0, page=1, pages=0, hits=[])
    if isinstance(state, _Unread):
        state = search_state(now)
    today = timezone.localdate(now)
    clauses, params = _where(now, filters)
    base_where = " AND ".join(clauses)
    validity, validity_params = _validity_sql(now)

    codes = _codes_of(query)
    plan = plan_query(query, also=terms, codes=codes, state=state)
    marks = ",".join(["%s"] * len(codes))
    carrying: Step = (
        keyed,
        f"SELECT e.id, c.mention, e.date, e.label, e.issuer, e.year, {validity} "  # noqa: S608
        "FROM search_searchcode c JOIN search_searchentry e ON e.id = c.entry_id "
        f"WHERE c.code IN ({marks}) AND {base_where} "
        "ORDER BY c.mention, e.date DESC, e.id DESC LIMIT %s",
        validity_params + codes + params + [CANDIDATES + 1],
    )
    walk: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]] | None] | None = None
    coded: list[tuple[Any, ...]] = []
    if plan.coded is None and terms:  # not looked up: asked along the walk
        walk = _newest(base_where, params, plan, carrying)
        coded = walk[1] or []
    elif plan.coded is not False:
        coded = _fetch(carrying[1], carrying[2])
    if coded or not terms:
        seen: dict[int, tuple[Any, ...]] = {}
        for row in coded:
            seen.setdefault(row[0], row)
        # Own codes first (any sort), then quoting rows by the chosen order.
        own = [r for r in seen.values() if not r[1]]
        quoting = [r for r in seen.values() if r[1]]
        candidates = own + _ordered(quoting, sort, relevance=False)
        exact = {r[0] for r in own}
        marked = highlight_terms(query, terms)
        return _result(
            query, marked, candidates, exact, page, per_page, facets, today, state
        )

    if walk is None:
        walk = _newest(base_where, params, plan)
    scored = _ranked(walk[0], plan, state)
    shown = highlight_terms(query, [*terms, *plan.ranked])
    if not scored:
        result = Result(query=query, terms=shown, total=0, page=1, pages=0, hits=[])
        result.suggestions, result.nearest = _nothing_found(
            plan, terms, base_where, params, today, shown, state
        )
        return result
    return _result(
        query,
        shown,
        _ordered(_candidates(scored, today), sort, relevance=True),
        set(),
        page,
        per_page,
        facets,
        today,
        state,
    )


def _newest(
    where: str,
    params: list[Any],
    plan: Plan,
    along: Step | None = None,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]] | None]:
    """The ids of the newest matches (at most CANDIDATES + 1: the rest of each
    candidate comes from its kept row, ``_ranked``), and the rows of ``along``
    (None: none), sent with the walk's first statement (``newest``)."""
    if not plan.groups:
        return [], statements.run(along)
    return backend_for().newest(
        select="e.id",
        where=where,
        params=params,
        groups=plan.groups,
        limit=CANDIDATES + 1,
        frequencies=plan.frequencies,
        entries=plan.entries,
        top_id=plan.top_id,
        along=along,
    )


def _ranked(
    rows: list[tuple[Any, ...]], plan: Plan, state: str | None
) -> list[tuple[float, tuple[Any, ...]]]:
    """The kept rows (``ranktexts``) of ``rows`` (each starting with e.id), in
    their order, with their BM25 scores (``rules.bm25``) from the index
    statistics."""
    kept = rank_rows([r[0] for r in rows], state)
    ranked = [row for r in rows if (row := kept.get(r[0])) is not None]
    if not ranked:  # (an entry removed since is left out)
        return []
    terms, entries, average = plan.ranked, plan.entries, plan.average
    if entries:
        idfs = [idf(plan.frequencies.get(t, 1), entries) for t in terms]
    else:  # never refreshed: every word weighs the same, lengths against each other
        idfs = [1.0] * len(terms)
        average = sum(len(k[TITLE]) + len(k[OPENING]) for k in ranked) / len(ranked)
    scores = ranktexts.scores(ranked, terms, idfs, average, state)
    return list(zip(scores, ranked, strict=True))


def _ordered(
    rows: list[tuple[Any, ...]], sort: str, *, relevance: bool
) -> list[tuple[Any, ...]]:
    """Candidates (id, score, date, ...) best first: by score (ascending), or by date."""
    if sort != "date" and relevance:
        return sorted(rows, key=lambda r: (r[1], -r[0]))
    dated = [r for r in rows if r[2] is not None]
    undated = [r for r in rows if r[2] is None]
    dated.sort(key=lambda r: (str(r[2]), r[0]), reverse=True)
    return dated + sorted(undated, key=lambda r: -r[0])


def _result(
    query: str,
    terms: list[str],
    candidates: list[tuple[Any, ...]],
    exact: set[int],
    page: int,
    per_page: int,
    facets: bool,
    today: dt.date,
    state: str | None,
) -> Result:
    """The page of ``candidates`` (id, score, date, label, issuer, year, validity) as
    hits with snippets, the total and the facets (``state``: the search's, for the
    kept rows)."""
    capped = len(candidates) > CANDIDATES
    if capped:
        # The walk was newest first: drop the oldest, not the worst ranked.
        oldest = min(r[0] for r in candidates)
        candidates = [r for r in candidates if r[0] != oldest]
    total = len(candidates)
    first = (page - 1) * per_page
    ids = [r[0] for r in candidates[first : first + per_page]]
    return Result(
        query=query,
        terms=terms,
        total=total,
        page=page,
        pages=(total + per_page - 1) // per_page,
        hits=_hits(ids, terms, today, exact, state),
        facets=_facets(candidates) if facets and total else {},
        capped=capped,
    )


def _facets(rows: list[tuple[Any, ...]]) -> dict[str, list[tuple[str, int]]]:
    """Facet counts over the candidates (their label, issuer, year and validity):
    each value counted by ``Counter`` over its column (a loop over the rows took
    a tenth of a search of two common words)."""
    out = {}
    for column, name in enumerate(FACETS, start=3):
        counts: dict[str, int] = {}
        for value, n in Counter(r[column] for r in rows).items():
            if value not in (None, ""):
                counts[str(value)] = counts.get(str(value), 0) + n
        out[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    out["year"] = sorted(out["year"], key=lambda kv: kv[0], reverse=True)
    return out


def _nothing_found(
    plan: Plan,
    terms: list[str],
    base_where: str,
    params: list[Any],
    today: dt.date,
    marked: list[str],
    state: str | None,
) -> tuple[list[Hit], list[str]]:
    """For a query that matched nothing: the suggestions, rows matching any word
    of the query (its tokens, a compound's parts included, and the thesaurus
    alternatives), the best five of the newest SUGGEST_CANDIDATES by the same
    relevance rule; and the nearest queries that match (``nearest_queries``).
    The first lookup of the nearest queries goes with the suggestions' first
    statement (``newest_matching``: one round trip on PostgreSQL)."""
    candidates = nearest_candidates(plan, state)
    words = list(dict.fromkeys([*terms, *plan.ranked]))
    if len(words) < 2:
        return [], nearest_queries(plan, base_where, params, candidates)
    # ``plan_query`` looked up each of them: its groups' words, their parts and
    # the query's tokens.
    wide = Plan(
        [Group(w, ((w,),)) for w in words],
        words,
        plan.frequencies,
        plan.entries,
        plan.average,
        top_id=plan.top_id,
    )
    rows, first = backend_for().newest_matching(
        candidates[:MAX_NEAREST],
        select="e.id",
        where=base_where,
        params=params,
        groups=wide.groups,
        limit=SUGGEST_CANDIDATES,
        any_term=True,
        frequencies=wide.frequencies,
        entries=wide.entries,
        top_id=wide.top_id,
    )
    scored = _ranked(rows, wide, state)
    best = sorted(scored, key=lambda s: (-s[0], -s[1][0]))[:5]
    # Shown as read for ranking: the excerpt is of the body's first RANK_CHARS.
    mark, expired = marker(marked), _("已失效")
    suggestions = [
        _hit(r, snippet(r[OPENING], marked, mark), today, False, expired)
        for _s, r in best
    ]
    return suggestions, nearest_queries(plan, base_where, params, candidates, first)


def _hits(
    ids: list[int],
    terms: Sequence[str],
    today: dt.date,
    exact: set[int],
    state: str | None,
) -> list[Hit]:
    """The entries ``ids``, in that order, as hits with snippets: from the rows
    kept for ranking (``ranktexts``) where their opening decides the excerpt,
    the others read with their whole bodies."""
    if not ids:
        return []
    mark, expired = marker(terms), _("已失效")
    shown: dict[int, Hit] = {}
    for i, row in rank_rows(ids, state, read=False).items():
        whole = ranktexts.whole(row)
        if (excerpt := snippet(row[OPENING], terms, mark, whole=whole)) is not None:
            shown[i] = _hit(row, excerpt, today, i in exact, expired)
    if rest := [i for i in ids if i not in shown]:
        marks = ",".join(["%s"] * len(rest))
        for row in _fetch(
            f"SELECT {_COLUMNS} FROM search_searchentry e WHERE e.id IN ({marks})",  # noqa: S608
            rest,
        ):
            excerpt = snippet(row[OPENING] or "", terms, mark)
            shown[row[0]] = _hit(row, excerpt, today, row[0] in exact, expired)
    return [shown[i] for i in ids if i in shown]


def entry_urls_public(*, now: dt.datetime, limit: int) -> list[tuple[str, dt.datetime]]:
    """(url, indexed at) of the entries visible at ``now``, newest first: every
    published item of every module, as the search finds it (for the sitemap)."""
    rows = (
        SearchEntry.objects.filter(visible_from__isnull=False, visible_from__lte=now)
        .filter(Q(visible_until__isnull=True) | Q(visible_until__gt=now))
        .order_by("-visible_from", "-id")
        .values_list("url", "indexed_at")[:limit]
    )
    return list(rows)
