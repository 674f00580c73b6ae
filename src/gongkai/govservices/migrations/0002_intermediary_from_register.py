"""Move the generic register "intermediary-services" (registers.builtin, 工作方案 第10项)
into govservices.IntermediaryService, then retire the register.

Each entry becomes one item with its lifecycle state, dates, department, author,
reviewer and revision number; its revisions and clocks follow it (their generic
keys are repointed); its search rows are dropped (``gongkai search reindex`` indexes
the new items). The register, its fields and its import runs are then deleted; the
built-in definition is gone from registers.builtin, so new databases never have it.
The reverse leaves the items in place (nothing is lost).
"""

from django.db import migrations

SLUG = "intermediary-services"
CHARGING = {
    "政府定价": "government_price",
    "政府指导价": "guide_price",
    "市场调节价": "market_price",
    "不收费": "free",
}
LIFECYCLE = (
    "status", "department_id", "author_id", "reviewer_id", "reviewed_at", "review_note",
    "publish_at", "unpublish_at", "withdrawn_at", "withdraw_reason", "formed_on",
    "revision", "created_at",
)  # fmt: skip


def _name(data, entry, taken):
    name = str(data.get("item") or entry.title or entry.key or f"中介服务事项{entry.pk}")[:300]
    # The register's key was the item name; a repeat gets its entry number.
    if name in taken:
        name = f"{name}（{entry.pk}）"[:300]
    taken.add(name)
    return name


def forward(apps, schema_editor):
    Register = apps.get_model("registers", "Register")
    Entry = apps.get_model("registers", "Entry")
    Item = apps.get_model("govservices", "IntermediaryService")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("publishing", "Revision")
    Clock = apps.get_model("clocks", "Clock")
    SearchEntry = apps.get_model("search", "SearchEntry")
    register = Register.objects.filter(slug=SLUG).first()
    if register is None:
        return
    old_type, _ = ContentType.objects.get_or_create(app_label="registers", model="entry")
    new_type, _ = ContentType.objects.get_or_create(
        app_label="govservices", model="intermediaryservice"
    )
    taken = set(Item.objects.values_list("name", flat=True))
    moved = []
    for entry in Entry.objects.filter(register=register).order_by("pk"):
        data = entry.data or {}
        item = Item(
            name=_name(data, entry, taken),
            approval=str(data.get("approval") or "")[:300],
            providers=str(data.get("providers") or ""),
            charging=CHARGING.get(str(data.get("charging") or ""), ""),
            basis=str(data.get("basis") or ""),
            **{f: getattr(entry, f) for f in LIFECYCLE},
        )
        item.save()
        Item.objects.filter(pk=item.pk).update(created_at=entry.created_at)
        for model, type_field, id_field in (
            (Revision, "content_type", "object_id"),
            (Clock, "subject_type", "subject_id"),
        ):
            model.objects.filter(**{type_field: old_type, id_field: str(entry.pk)}).update(
                **{type_field: new_type, id_field: str(item.pk)}
            )
        moved.append(str(entry.pk))
    SearchEntry.objects.filter(kind="registers.entry", object_id__in=moved).delete()
    Entry.objects.filter(register=register).delete()
    register.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("govservices", "0001_initial"),
        ("registers", "0004_window_indexes"),
        ("publishing", "0002_siteversion"),
        ("clocks", "0006_reminder"),
        ("search", "0010_thesaurus_analytics"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
