# Task secrets are sealed at rest (inspections/sealing.py): existing ones are sealed,
# then the clear-text column is dropped.

from django.db import migrations, models


def seal_existing(apps, schema_editor):
    from gongkai.inspections.sealing import draw_binding, seal

    Draw = apps.get_model("inspections", "Draw")
    for d in Draw.objects.exclude(secret_hex="").only("pk", "task_id", "number", "secret_hex"):
        d.secret_sealed = seal(d.secret_hex, draw_binding(d.task_id, d.number))
        d.save(update_fields=["secret_sealed"])


def unseal_existing(apps, schema_editor):
    from gongkai.inspections.sealing import draw_binding, unseal

    Draw = apps.get_model("inspections", "Draw")
    for d in Draw.objects.exclude(secret_sealed=""):
        d.secret_hex = unseal(d.secret_sealed, draw_binding(d.task_id, d.number))
        d.save(update_fields=["secret_hex"])


class Migration(migrations.Migration):

    dependencies = [
        ("inspections", "0003_draw_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="draw",
            name="secret_sealed",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(seal_existing, unseal_existing),
        migrations.RemoveField(
            model_name="draw",
            name="secret_hex",
        ),
    ]
