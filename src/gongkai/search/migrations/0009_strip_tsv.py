"""PostgreSQL: keep the tsvector without positions and weights (``backends.TSV``).

Existing rows are stripped in one statement with the full-text indexes dropped
first and built again after (updating a GIN and a RUM index row by row would cost
far more than building them)."""

from django.db import migrations


def strip(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    from gongkai.search.backends import RUM_INDEX, PostgresBackend

    schema_editor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_tsv_gin")
    schema_editor.execute(
        "UPDATE search_searchentry SET tsv = strip(tsv) WHERE tsv <> strip(tsv)"
    )
    PostgresBackend().install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_rum")]

    # Positions are not needed by anything; the reverse keeps the stripped rows.
    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
