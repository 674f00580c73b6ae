"""The SQLite name index (migration 0002: FTS5 trigram over party name and 文号) under
bulk writes.

Its insert trigger costs about 60 µs a row even when it does nothing (SQLite opens
the FTS table for each row), more than the row itself. An import therefore drops
the trigger inside its batch transaction, inserts, adds the new rows to the index
in one INSERT … SELECT and creates the trigger again — all in the same transaction:
SQLite has one writer at a time and DDL is transactional, so no other writer ever
inserts without the trigger, and a failed batch rolls the trigger back with it.
PostgreSQL's pg_trgm indexes need none of this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

# As created by migration 0002.
INSERT_TRIGGER = (
    "CREATE TRIGGER penalties_name_fts_ai AFTER INSERT ON penalties_penalty BEGIN "
    "INSERT INTO penalties_name_fts(rowid, party_name, decision_number) "
    "VALUES (new.id, new.party_name, new.decision_number); END"
)


@contextmanager
def name_index_bulk() -> Iterator[None]:
    """Index the penalties inserted inside the block in one statement (SQLite);
    call inside a transaction."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM penalties_penalty")
        (last,) = cursor.fetchone()
        cursor.execute("DROP TRIGGER IF EXISTS penalties_name_fts_ai")
        try:
            yield
            cursor.execute(
                "INSERT INTO penalties_name_fts(rowid, party_name, decision_number) "
                "SELECT id, party_name, decision_number FROM penalties_penalty "
                "WHERE id > %s",
                [last],
            )
        finally:
            cursor.execute(INSERT_TRIGGER)
