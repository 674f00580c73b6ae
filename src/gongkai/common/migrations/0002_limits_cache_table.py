"""The database table of the ``limits`` cache (used when no Redis is configured)."""

from typing import Any

from django.core.management import call_command
from django.db import migrations

TABLE = (
    "gongkai_limits"  # gongkai.common.limits.LIMITS_TABLE, settings CACHES["limits"]
)


def create(apps: Any, schema_editor: Any) -> None:
    call_command(
        "createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0
    )


def drop(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
