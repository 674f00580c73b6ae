"""The fees register names the budget's non-tax income line each fee is paid into
(budgets links its 行政事业性收费收入 line to the fees listed under it)."""

from django.db import migrations


def add(apps, schema_editor):
    from gongkai.registers.builtin import BUILTIN, field_rows

    Register = apps.get_model("registers", "Register")
    RegisterField = apps.get_model("registers", "RegisterField")
    register = Register.objects.filter(slug="fees", is_builtin=True).first()
    if register is None:
        return
    fees = next(d for d in BUILTIN if d["slug"] == "fees")
    row = next(r for r in field_rows(fees) if r["key"] == "income_line")
    RegisterField.objects.get_or_create(
        register=register, key="income_line", defaults={**row, "key": "income_line"}
    )


def remove(apps, schema_editor):
    RegisterField = apps.get_model("registers", "RegisterField")
    RegisterField.objects.filter(register__slug="fees", key="income_line").delete()


class Migration(migrations.Migration):
    dependencies = [("registers", "0004_window_indexes")]
    operations = [migrations.RunPython(add, remove)]
