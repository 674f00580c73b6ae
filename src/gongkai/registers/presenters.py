"""What the public sees of an entry: its public fields, in order, typed for display."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .models import Entry, Register


def public_fields(register: Register) -> list[Any]:
    return [f for f in register.fields.all() if f.public]


def public_row(entry: Entry, fields: list[Any]) -> dict[str, Any]:
    """Field label → displayed value (downloads and API use the labels as columns)."""
    out: dict[str, Any] = {"id": entry.pk}
    for f in fields:
        if f.kind == "file":
            files = [x for x in entry.files.all() if x.field_key == f.key]
            out[f.label] = (
                reverse(
                    "registers:entry-file",
                    kwargs={
                        "slug": entry.register.slug,
                        "pk": entry.pk,
                        "file_id": files[0].pk,
                    },
                )
                if files
                else ""
            )
        else:
            out[f.label] = entry.data.get(f.key, "")
    out["url"] = entry.get_absolute_url()
    return out


def display_fields(entry: Entry, fields: list[Any]) -> list[dict[str, Any]]:
    """Rows for the detail page: label, value, kind, and a file link when any."""
    row = public_row(entry, fields)
    out = []
    for f in fields:
        value = row.get(f.label, "")
        if f.kind == "file":
            name = next((x.name for x in entry.files.all() if x.field_key == f.key), "")
            out.append({"label": f.label, "kind": f.kind, "value": name, "url": value})
        else:
            out.append({"label": f.label, "kind": f.kind, "value": value, "url": ""})
    return out
