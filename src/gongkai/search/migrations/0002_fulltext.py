"""The full-text structure of the database in use (FTS5 table or tsvector + GIN)."""

from django.db import migrations


def install(apps, schema_editor):
    from gongkai.search.backends import backend_for

    backend_for(schema_editor.connection).install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from gongkai.search.backends import backend_for

    backend_for(schema_editor.connection).uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
