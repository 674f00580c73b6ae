"""The SQLite full-text backend (``backends``: the tokens both engines see): an
FTS5 table ``search_fts(title, body)`` (tokenizer unicode61, which keeps a run of
CJK letters as one token) whose rowid is ``SearchEntry.id``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from .statements import Step, fetch, run
from .thesaurus import Group


def _fts_word(term: str) -> str:
    """An FTS5 string of one word, never parsed into operators."""
    return '"' + term.replace('"', '""') + '"'


class SQLiteBackend:
    vendor = "sqlite"

    def install(self, conn: BaseDatabaseWrapper) -> None:
        with conn.cursor() as cur:
            cur.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING "
                "fts5(title, body, tokenize='unicode61 remove_diacritics 0')"
            )

    def uninstall(self, conn: BaseDatabaseWrapper) -> None:
        with conn.cursor() as cur:
            cur.execute("DROP TABLE IF EXISTS search_fts")

    def write(self, entry_id: int, title: list[str], body: list[str]) -> None:
        with connection.cursor() as cur:
            cur.execute("DELETE FROM search_fts WHERE rowid = %s", [entry_id])
            cur.execute(
                "INSERT INTO search_fts(rowid, title, body) VALUES (%s, %s, %s)",
                [entry_id, " ".join(title), " ".join(body)],
            )

    def write_many(self, rows: Sequence[tuple[int, list[str], list[str]]]) -> None:
        """Insert the tokens of new entries (no previous tokens)."""
        with connection.cursor() as cur:
            cur.executemany(
                "INSERT INTO search_fts(rowid, title, body) VALUES (%s, %s, %s)",
                [(i, " ".join(t), " ".join(b)) for i, t, b in rows],
            )

    def delete(self, entry_ids: Sequence[int]) -> None:
        ids = list(entry_ids)
        with connection.cursor() as cur:
            for start in range(0, len(ids), 500):  # SQLite's bound-variable limit
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cur.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608

    def clear(self) -> None:
        with connection.cursor() as cur:
            cur.execute("DELETE FROM search_fts")

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """A bulk load (reindex): nothing to set aside on SQLite."""
        yield

    def analyze(self) -> None:
        """Refresh the planner's statistics after a rebuild."""
        with connection.cursor() as cur:
            cur.execute("ANALYZE search_searchentry")
            cur.execute("ANALYZE search_searchcode")

    def refresh_terms(self, min_entries: int) -> None:
        """Fill ``search_searchterm`` from the index: every word held by at least
        ``min_entries`` entries, with their number (FTS5's vocabulary table)."""
        with connection.cursor() as cur:
            cur.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_terms "
                "USING fts5vocab(main, search_fts, row)"
            )
            cur.execute(
                "INSERT INTO search_searchterm(term, entries) SELECT term, doc "
                "FROM temp.search_fts_terms WHERE doc >= %s AND length(term) <= 100",
                [min_entries],
            )

    @staticmethod
    def body_prefix(chars: int) -> str:
        """SQL of the first ``chars`` characters of ``e.body``."""
        return f"substr(e.body, 1, {int(chars)})"

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
        along: Step | None = None,
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]] | None]:
        """The ``limit`` newest rows matching ``groups`` (FTS5 walks its doclists
        newest first), and the rows of ``along`` (None: none), run first."""
        along_rows = run(along)
        joiner = " OR " if any_term else " AND "
        expr = joiner.join(g.expression(_fts_word, " AND ", " OR ") for g in groups)
        rows = fetch(
            f"SELECT {select} "  # noqa: S608
            "FROM search_searchentry e JOIN search_fts ON search_fts.rowid = e.id "
            f"WHERE {where} AND search_fts MATCH %s "
            "ORDER BY search_fts.rowid DESC LIMIT %s",
            [*params, expr, limit],
        )
        return rows, along_rows

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
        """``newest`` and ``any_match(candidates)``, one after the other."""
        rows, _none = self.newest(
            select=select, where=where, params=params, groups=groups, limit=limit,
            any_term=any_term,
        )  # fmt: skip
        matched = self.any_match(
            candidates, where=where, params=params,
            frequencies=frequencies or {}, entries=entries, top_id=top_id,
        )  # fmt: skip
        return rows, matched

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
        """Whether each of ``candidates`` (a query's groups) matches a row, one
        lookup each."""
        return [
            bool(
                self.newest(
                    select="e.id", where=where, params=params, groups=g, limit=1
                )[0]
            )
            for g in candidates
        ]
