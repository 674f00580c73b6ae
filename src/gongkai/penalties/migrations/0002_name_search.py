"""Substring search on party names and decision numbers without a full scan:
an FTS5 trigram index (SQLite) or pg_trgm GIN indexes (PostgreSQL)."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE penalties_name_fts USING fts5("
    "party_name, decision_number, content='penalties_penalty', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER penalties_name_fts_ai AFTER INSERT ON penalties_penalty BEGIN "
    "INSERT INTO penalties_name_fts(rowid, party_name, decision_number) "
    "VALUES (new.id, new.party_name, new.decision_number); END",
    "CREATE TRIGGER penalties_name_fts_ad AFTER DELETE ON penalties_penalty BEGIN "
    "INSERT INTO penalties_name_fts(penalties_name_fts, rowid, party_name, "
    "decision_number) VALUES ('delete', old.id, old.party_name, old.decision_number); "
    "END",
    "CREATE TRIGGER penalties_name_fts_au AFTER UPDATE OF party_name, decision_number "
    "ON penalties_penalty BEGIN "
    "INSERT INTO penalties_name_fts(penalties_name_fts, rowid, party_name, "
    "decision_number) VALUES ('delete', old.id, old.party_name, old.decision_number); "
    "INSERT INTO penalties_name_fts(rowid, party_name, decision_number) "
    "VALUES (new.id, new.party_name, new.decision_number); END",
    "INSERT INTO penalties_name_fts(penalties_name_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS penalties_name_fts_ai",
    "DROP TRIGGER IF EXISTS penalties_name_fts_ad",
    "DROP TRIGGER IF EXISTS penalties_name_fts_au",
    "DROP TABLE IF EXISTS penalties_name_fts",
]
PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS penalties_party_name_trgm ON penalties_penalty "
    "USING gin (party_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS penalties_decision_number_trgm ON penalties_penalty "
    "USING gin (decision_number gin_trgm_ops)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS penalties_party_name_trgm",
    "DROP INDEX IF EXISTS penalties_decision_number_trgm",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("penalties", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}),
        )
    ]
