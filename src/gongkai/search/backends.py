"""Two full-text backends over the same tokens, chosen by the database vendor.

Text is segmented once in Python (``core.text.segment``, rjieba search mode plus
the domain dictionary) and each token is cut to its letter/digit runs, so both
engines see identical plain words and no engine-side parser decides anything:

* SQLite (``backend_sqlite``): an FTS5 table ``search_fts(title, body)``
  (tokenizer unicode61, which keeps a run of CJK letters as one token) whose
  rowid is ``SearchEntry.id``.
* PostgreSQL: ``search_searchentry.tsv`` built with the ``simple`` configuration
  and stripped of positions, GIN-indexed (and RUM-indexed by id where the
  extension is available); queries are tsquery literals of quoted lexemes (never
  parsed).

A query is a list of ``thesaurus.Group``: a row matches when it matches every
group (AND), and a group when it holds every word of one of its alternatives (OR);
the caller may ask for any group (OR) to build suggestions. ``newest`` returns
the newest matches, ``any_match`` whether each of several queries has one;
relevance is computed outside the engines, by one rule for both (``rules.bm25``).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from gongkai.core.text import segment

from . import statements
from .thesaurus import Group

if TYPE_CHECKING:
    from .backend_sqlite import SQLiteBackend

_WORD_RE = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Index tokens of ``text``: segmented, then cut to letter/digit runs."""
    return [w for token in segment(text) for w in _WORD_RE.findall(token)]


def query_tokens(text: str) -> list[str]:
    """Distinct index tokens of a query, first occurrence order (a search reads
    its query and each of its parts several times: segmented once each)."""
    return list(_query_tokens(text))


@lru_cache(maxsize=4096)
def _query_tokens(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tokens(text)))


# PostgresBackend.newest (a walked row and a row fetched by the GIN plan cost about
# the same; measurements in bench/search-plans.md): below PLANNER_MAX_MATCHES
# entries holding the rarest word the GIN plan is cheap whatever the planner guesses; PROBE_ROWS newest rows measure how many
# rows hold all of several words; a walk goes on only if it needs fewer than
# WALK_MAX_ROWS rows and fewer than the GIN plan would read (GIN_ROWS: the posting
# lists, in rows' worth).
PLANNER_MAX_MATCHES = 5_000
PROBE_ROWS = 2_000
WALK_MAX_ROWS = 20_000
GIN_ROWS = 5_000


# The words of title and body without positions or weights (``strip``): matching
# needs neither (ranking is computed from the stored text), and the row's tsvector
# is a third smaller, so walking the newest rows tests each twice as fast.
TSV = "strip(to_tsvector('simple', %s) || to_tsvector('simple', %s))"


class PostgresBackend:
    vendor = "postgresql"

    def install(self, conn: BaseDatabaseWrapper) -> None:
        with conn.cursor() as cur:
            cur.execute(
                "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS tsv tsvector"
            )
            cur.execute(
                "CREATE INDEX IF NOT EXISTS search_entry_tsv_gin "
                "ON search_searchentry USING gin (tsv)"
            )
        self.install_rum(conn)

    @staticmethod
    def install_rum(conn: BaseDatabaseWrapper) -> bool:
        """Add the RUM index where the ``rum`` extension can be created (Debian:
        postgresql-NN-rum; creating it needs a superuser); False where not."""
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
            if cur.fetchone() is None:
                return False
            try:
                with transaction.atomic(using=conn.alias):
                    cur.execute("CREATE EXTENSION IF NOT EXISTS rum")
            except DatabaseError:
                return False
            # Each word's entries kept in id order with the id beside them, so the
            # newest matches come out of the index without visiting the table.
            cur.execute(
                f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON search_searchentry "
                "USING rum (tsv rum_tsvector_addon_ops, id) "
                "WITH (attach = 'id', to = 'tsv')"
            )
        _rum.clear()
        return True

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """A bulk load (reindex): the RUM index is dropped and built again after.
        RUM has no pending list like GIN's fastupdate: filling 100k entries with
        it in place took 450 s instead of about 150 s."""
        rum = has_rum()
        if rum:
            with connection.cursor() as cur:
                cur.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
            _rum.clear()
        try:
            yield
        finally:
            if rum:
                with connection.cursor() as cur:
                    # Inside an outer transaction, deferred foreign-key checks
                    # still pending would forbid CREATE INDEX on the table.
                    cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                self.install_rum(connection)
                with connection.cursor() as cur:
                    cur.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default

    def uninstall(self, conn: BaseDatabaseWrapper) -> None:
        with conn.cursor() as cur:
            cur.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
            cur.execute("DROP INDEX IF EXISTS search_entry_tsv_gin")
            cur.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv")

    def write(self, entry_id: int, title: list[str], body: list[str]) -> None:
        with connection.cursor() as cur:
            cur.execute(
                f"UPDATE search_searchentry SET tsv = {TSV} WHERE id = %s",  # noqa: S608
                [" ".join(title), " ".join(body), entry_id],
            )

    def write_many(self, rows: Sequence[tuple[int, list[str], list[str]]]) -> None:
        """Set the tsvector of new entries, one statement per 500 rows."""
        with connection.cursor() as cur:
            for start in range(0, len(rows), 500):
                chunk = rows[start : start + 500]
                values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                params = [x for i, t, b in chunk for x in (i, " ".join(t), " ".join(b))]
                tsv = TSV.replace("%s", "v.t", 1).replace("%s", "v.b", 1)
                cur.execute(
                    f"UPDATE search_searchentry AS e SET tsv = {tsv} "  # noqa: S608
                    f"FROM (VALUES {values}) AS v(id, t, b) WHERE e.id = v.id::bigint",
                    params,
                )

    def delete(self, entry_ids: Sequence[int]) -> None:
        """The tsvector goes with its row."""

    def clear(self) -> None:
        """The tsvector goes with its rows."""

    def analyze(self) -> None:
        """Refresh the planner's statistics after a rebuild: with stale ones it takes
        a frequent word for a rare one and scans every match instead of walking
        the newest, and looks a 文号 up with parallel workers (bench/search-plans.md)."""
        with connection.cursor() as cur:
            cur.execute("ANALYZE search_searchentry")
            cur.execute("ANALYZE search_searchcode")

    def refresh_terms(self, min_entries: int) -> None:
        """Fill ``search_searchterm`` from the index (``ts_stat`` reads every tsvector)."""
        with connection.cursor() as cur:
            cur.execute(
                "INSERT INTO search_searchterm(term, entries) SELECT word, ndoc "
                "FROM ts_stat('SELECT tsv FROM search_searchentry') "
                "WHERE ndoc >= %s AND char_length(word) <= 100",
                [min_entries],
            )

    @staticmethod
    def body_prefix(chars: int) -> str:
        """SQL of the first ``chars`` characters of ``e.body``. ``substr`` counts
        the characters of UTF-8 text from its start, about 3.5 µs a row (half the
        time of ranking 500 short candidates went there); a body of at most
        ``chars`` bytes holds at most ``chars`` characters and is taken whole
        (``octet_length`` reads the stored size, without reading the text)."""
        n = int(chars)
        return (
            f"CASE WHEN octet_length(e.body) <= {n} THEN e.body "
            f"ELSE substr(e.body, 1, {n}) END"
        )

    def newest(
        self,
        *,
        select: str,
        where: str,
        params: Sequence[Any],
        groups: Sequence[Group],
        limit: int,
        any_term: bool = False,
        frequencies: Mapping[str, int] | None = None,
        entries: int = 0,
        top_id: int = 0,
        along: statements.Step | None = None,
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]] | None]:
        """The ``limit`` newest rows matching ``groups``, on a plan chosen here,
        and the rows of ``along`` (None: none), sent in the message of the
        walk's first statement where they can go together
        (``statements.together``): one round trip for both.

        The planner guesses how many rows hold all the words from per-word
        statistics and misjudges words that go together (it expects a few hundred
        rows and reads and sorts tens of thousands, where walking the primary key
        backward finds the newest few hundred; bench/search-plans.md).
        Which is cheaper depends on the share of rows that match: a walk reads
        about ``limit / share`` rows, the index plan about one per match. The
        share is known for one word (for OR: at least the commonest word's) from
        ``SearchTerm``; for several words it is measured by walking the newest
        ``PROBE_ROWS``. The walk tests ``ts_match_vq`` so that no full-text index
        can be chosen for it. What it did not reach comes from the index: the RUM
        index where there is one (``install_rum``; it yields the ids in order,
        without visiting the table), else the GIN index. ``top_id``: the highest
        entry id, where the caller read it (``plan_query`` does)."""
        steps = self._steps(
            select=select,
            where=where,
            params=params,
            groups=groups,
            limit=limit,
            any_term=any_term,
            frequencies=frequencies or {},
            entries=entries,
            top_id=top_id,
        )
        return statements.drive(steps, along)

    def newest_matching(
        self,
        candidates: Sequence[Sequence[Group]],
        *,
        select: str,
        where: str,
        params: Sequence[Any],
        groups: Sequence[Group],
        limit: int,
        any_term: bool = False,
        frequencies: Mapping[str, int] | None = None,
        entries: int = 0,
        top_id: int = 0,
    ) -> tuple[list[tuple[Any, ...]], list[bool]]:
        """``newest`` and ``any_match(candidates)`` (with the same ``where``,
        ``params`` and statistics), the match statement sent along."""
        frequencies = frequencies or {}
        match = self._match_step(
            candidates,
            where=where,
            params=params,
            frequencies=frequencies,
            entries=entries,
            top_id=top_id,
        )
        rows, matched = self.newest(
            select=select,
            where=where,
            params=params,
            groups=groups,
            limit=limit,
            any_term=any_term,
            frequencies=frequencies,
            entries=entries,
            top_id=top_id,
            along=match,
        )
        return rows, [bool(v) for v in matched[0]] if matched else []

    def any_match(
        self,
        candidates: Sequence[Sequence[Group]],
        *,
        where: str,
        params: Sequence[Any],
        frequencies: Mapping[str, int],
        entries: int,
        top_id: int,
    ) -> list[bool]:
        """Whether each of ``candidates`` (a query's groups) matches a row, in one
        statement (``_match_step``)."""
        step = self._match_step(
            candidates,
            where=where,
            params=params,
            frequencies=frequencies,
            entries=entries,
            top_id=top_id,
        )
        if step is None:
            return []
        (row,) = step[0](step[1], step[2])
        return [bool(v) for v in row]

    def _match_step(
        self,
        candidates: Sequence[Sequence[Group]],
        *,
        where: str,
        params: Sequence[Any],
        frequencies: Mapping[str, int],
        entries: int,
        top_id: int,
    ) -> statements.Step | None:
        """The statement of ``any_match``: one row, a column per candidate. Each
        column runs the statements ``newest`` would run for one row and find
        nothing with, each a subquery, the first to find one taken (``COALESCE``
        evaluates them in order and stops there). Subqueries, not ``EXISTS``:
        PostgreSQL drops an ``EXISTS``'s ``ORDER BY`` and ``LIMIT``, and without
        them the planner may scan the table instead of the index's order."""
        columns: list[str] = []
        args: list[Any] = []
        runs = set()
        for groups in candidates:
            tests = []
            steps = self._steps(
                select="1",
                where=where,
                params=params,
                groups=groups,
                limit=1,
                any_term=False,
                frequencies=frequencies,
                entries=entries,
                top_id=top_id,
            )
            with suppress(StopIteration):
                step = next(steps)
                while True:
                    tests.append(f"({step[1]})")
                    args += step[2]
                    runs.add(step[0])
                    step = steps.send(0)
            columns.append(
                f"COALESCE({', '.join(tests)}) IS NOT NULL" if tests else "FALSE"
            )
        if not columns:
            return None
        return statements.run_for(runs), "SELECT " + ", ".join(columns), args

    def _steps(
        self,
        *,
        select: str,
        where: str,
        params: Sequence[Any],
        groups: Sequence[Group],
        limit: int,
        any_term: bool,
        frequencies: Mapping[str, int],
        entries: int,
        top_id: int,
    ) -> Generator[statements.Step, int, None]:
        """``newest``'s statements, in order, as (how to run it, SQL, values):
        the caller sends back how many rows it holds after each."""
        joiner = " | " if any_term else " & "
        parts = [g.expression(_lexeme, " & ", " | ") for g in groups]
        query = joiner.join(parts)
        head = f"SELECT {select} FROM search_searchentry e WHERE {where}"  # noqa: S608
        held_by = [g.held_by(frequencies) for g in groups]
        # At most as many rows hold every word as hold the rarest; at least as
        # many hold any word as hold the commonest.
        expected = max(held_by) if any_term else min(held_by)
        found = 0
        older = ""
        older_params: list[Any] = []
        # The walk reads about limit / share rows, the index plan every match:
        # below PLANNER_MAX_MATCHES the walk is still cheaper for a word most
        # entries hold (expected² > limit × entries). On a small catalogue the
        # planner scanned and sorted every match of such a word, computing each
        # one's ranked prefix (3 ms for two common words at 2,000 entries).
        if entries and (
            expected > PLANNER_MAX_MATCHES or expected * expected > limit * entries
        ):
            top = (
                top_id
                or statements.fetch("SELECT MAX(id) FROM search_searchentry", [])[0][0]
                or 0
            )
            share = expected / entries
            if len(groups) > 1 and not any_term:
                found = yield self._walk(
                    head, params, query, top - PROBE_ROWS, top, limit
                )
                top -= PROBE_ROWS
                share = found / PROBE_ROWS
            need = limit - found
            if need > 0 and share > 0:
                to_walk = need / share
                if to_walk <= min(WALK_MAX_ROWS, share * top + GIN_ROWS):
                    window = math.ceil(1.5 * to_walk)
                    found = yield self._walk(
                        head, params, query, top - window, top, need
                    )
                    top -= window
            older, older_params = " AND e.id <= %s", [top]
        if found < limit:
            sql = f"{head} AND e.tsv @@ %s::tsquery{older}"
            rest = [*params, query, *older_params]
            if not has_rum():
                yield (
                    statements.fetch,
                    f"{sql} ORDER BY e.id DESC LIMIT %s",
                    [*rest, limit - found],
                )
                return
            # ``<=|`` is the distance below the bound, so the nearest is the
            # highest id: RUM yields the matches of the rarest word in that
            # order and the other words are tested on each row (cheaper than
            # asking RUM for the AND of both). Bitmap scans off for several
            # words: misjudging how many rows hold all (or, with OR, any) of
            # them, the planner would fetch every match from the table and
            # sort it (bench/search-plans.md; an OR of two words over 2,000
            # entries without fresh statistics: 9 ms against 1 ms).
            bound = older_params[0] if older else 2**63 - 1
            if len(groups) > 1 and not any_term:
                rarest = parts[held_by.index(min(held_by))]
                sql = (
                    f"{head} AND e.tsv @@ %s::tsquery"
                    f" AND ts_match_vq(e.tsv, %s::tsquery){older}"
                )
                rest = [*params, rarest, query, *older_params]
            yield (
                statements.without_bitmaps if len(groups) > 1 else statements.fetch,
                f"{sql} ORDER BY e.id <=| %s::bigint LIMIT %s",
                [*rest, bound, limit - found],
            )

    @staticmethod
    def _walk(
        head: str, params: Sequence[Any], query: str, low: int, high: int, limit: int
    ) -> statements.Step:
        """Matches with ``low < id <= high``, newest first, along the primary key."""
        return (
            statements.keyed,
            f"{head} AND ts_match_vq(e.tsv, %s::tsquery) AND e.id > %s AND e.id <= %s "
            "ORDER BY e.id DESC LIMIT %s",
            [*params, query, low, high, limit],
        )


RUM_INDEX = "search_entry_tsv_rum"
# Whether the RUM index exists, per database name: (answer, monotonic time to ask
# again). Looked up again after RUM_RECHECK_SECONDS, so that other processes see
# a reindex setting it aside (``bulk``) or ``gongkai search indexes`` adding it.
RUM_RECHECK_SECONDS = 30.0
_rum: dict[str, tuple[bool, float]] = {}


def has_rum() -> bool:
    """Whether the database in use has the RUM index."""
    name = str(connection.settings_dict["NAME"])
    known = _rum.get(name)
    if known is None or time.monotonic() >= known[1]:
        found = bool(
            statements.fetch(
                "SELECT 1 FROM pg_indexes WHERE indexname = %s", [RUM_INDEX]
            )
        )
        known = (found, time.monotonic() + RUM_RECHECK_SECONDS)
        _rum[name] = known
    return known[0]


def _lexeme(term: str) -> str:
    """A tsquery literal of one word, never parsed into operators."""
    return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"


def backend_for(
    conn: BaseDatabaseWrapper | None = None,
) -> SQLiteBackend | PostgresBackend:
    """The backend of the database in use."""
    vendor = (conn or connection).vendor
    if vendor == "postgresql":
        return PostgresBackend()
    if vendor == "sqlite":
        from .backend_sqlite import SQLiteBackend

        return SQLiteBackend()
    raise NotImplementedError(f"search has no backend for {vendor}")
