"""No b-tree indexes on party_name, penalty_types and authority: they are searched by
substring only (0002), and every index costs every import.

State only through AlterField: on SQLite, Django would rebuild the table to drop an
index, and dropping the table drops the name index's triggers (0002); the indexes
are dropped by name instead.
"""

from django.db import migrations, models

INDEXES = [
    "penalties_penalty_authority_2f11bd55",
    "penalties_penalty_party_name_9291bc78",
    "penalties_penalty_penalty_types_5ebc1707",
]


def _drop(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
        if postgresql:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}_like"')


def _create(apps, schema_editor):
    for name in INDEXES:
        column = name.removeprefix("penalties_penalty_").rsplit("_", 1)[0]
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "penalties_penalty" ("{column}")'
        )


class Migration(migrations.Migration):
    dependencies = [("penalties", "0004_decision_number_trgm_upper")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="penalty",
                    name="authority",
                    field=models.CharField(max_length=200, verbose_name="处罚机关"),
                ),
                migrations.AlterField(
                    model_name="penalty",
                    name="party_name",
                    field=models.CharField(
                        max_length=200, verbose_name="行政相对人名称"
                    ),
                ),
                migrations.AlterField(
                    model_name="penalty",
                    name="penalty_types",
                    field=models.CharField(max_length=300, verbose_name="处罚类别"),
                ),
            ],
            database_operations=[migrations.RunPython(_drop, _create)],
        )
    ]
