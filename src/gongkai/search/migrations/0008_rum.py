"""PostgreSQL: add the RUM index over the tsvector, ordered by entry id, where the
``rum`` extension is available (``backends.PostgresBackend.install_rum``): the
newest matches of any query come straight out of the index. Without it, searches
use the GIN index as before."""

from django.db import migrations


def rum(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        from gongkai.search.backends import PostgresBackend

        PostgresBackend.install_rum(schema_editor.connection)


def no_rum(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        from gongkai.search.backends import RUM_INDEX, _rum

        schema_editor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
        _rum.clear()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_term_stats")]

    operations = [migrations.RunPython(rum, no_rum)]
