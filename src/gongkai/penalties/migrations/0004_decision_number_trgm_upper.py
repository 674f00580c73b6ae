"""PostgreSQL: the trigram index of 文号 moves to UPPER(decision_number).

pg_trgm (1.4+) also serves ``=``, and the planner chose the trigram index for the
import's ``decision_number IN (…)`` look-ups: every 文号 shares most trigrams with
every other, so each batch's look-up rechecked the whole table (about 2 s per 1,000
rows). On an expression the equality look-ups use the unique b-tree again; the
substring search (``decision_number__icontains``: UPPER(…) LIKE UPPER(…)) still
uses the trigram index.
"""

from django.db import migrations

PG_UP = [
    "DROP INDEX IF EXISTS penalties_decision_number_trgm",
    "CREATE INDEX IF NOT EXISTS penalties_decision_number_upper_trgm "
    "ON penalties_penalty USING gin (UPPER(decision_number::text) gin_trgm_ops)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS penalties_decision_number_upper_trgm",
    "CREATE INDEX IF NOT EXISTS penalties_decision_number_trgm ON penalties_penalty "
    "USING gin (decision_number gin_trgm_ops)",
]


def _postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("penalties", "0003_import_jobs")]
    operations = [migrations.RunPython(_postgresql(PG_UP), _postgresql(PG_DOWN))]
