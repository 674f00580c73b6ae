"""The built-in registers (registers.builtin), created the way an administrator would."""

from django.db import migrations


def create(apps, schema_editor):
    from gongkai.registers.builtin import BUILTIN, field_rows

    Register = apps.get_model("registers", "Register")
    RegisterField = apps.get_model("registers", "RegisterField")
    for definition in BUILTIN:
        register, created = Register.objects.get_or_create(
            slug=definition["slug"],
            defaults={
                "title": definition["title"],
                "description": definition["description"],
                "basis": definition["basis"],
                "order": definition["order"],
                "is_builtin": True,
            },
        )
        if created:
            RegisterField.objects.bulk_create(
                RegisterField(register=register, **row) for row in field_rows(definition)
            )


def remove(apps, schema_editor):
    from gongkai.registers.builtin import BUILTIN

    Register = apps.get_model("registers", "Register")
    Register.objects.filter(
        slug__in=[d["slug"] for d in BUILTIN], is_builtin=True, entries__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registers", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
