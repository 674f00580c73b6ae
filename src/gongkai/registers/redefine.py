"""Existing entries follow a register's new field definition (rules.migrate_values),
or the redefinition is refused as a whole with the entries and reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from gongkai.common.errors import InvalidInputError
from gongkai.publishing.choices import Status

from . import rules
from .models import Entry, EntryFile, Register
from .schema import Schema
from .search import entries_index

SHOWN = 5  # entries named in a refusal


def _refuse(message: str, details: list[str]) -> InvalidInputError:
    shown = "；".join(details[:SHOWN])
    more = _("……共 %d 处") % len(details) if len(details) > SHOWN else ""
    # The page lists ``detail`` one line each: the heading first, then every entry.
    heading = message.rstrip("：") + "。"
    return InvalidInputError(
        f"{message}{shown}{more}",
        code="register.redefine_refused",
        detail=[heading, *details],
    )


def entries_plan(
    register: Register,
    *,
    old: Sequence[rules.FieldDef],
    new: Sequence[rules.FieldDef],
    renames: Mapping[str, str],
) -> dict[str, Any]:
    """Check that every entry (and attachment) can move to ``new``; the plan, or
    InvalidInputError naming the entries that cannot (nothing is changed)."""
    sources, removed, problems = rules.field_sources(old, new, renames)
    if problems:
        raise InvalidInputError(problems[0], code="register.invalid", detail=problems)
    by_key = {f.key: f for f in old}
    new_kind = {sources[f.key]: f.kind for f in new if sources[f.key]}
    lost_files = [
        _("附件字段“%(label)s”已有 %(n)d 个附件，删除或改为其他类型会丢失附件")
        % {"label": by_key[key].label, "n": count}
        for key in (f.key for f in old if f.kind == "file")
        if new_kind.get(key) != "file"
        and (count := EntryFile.objects.filter(entry__register=register, field_key=key).count())
    ]  # fmt: skip
    if lost_files:
        raise _refuse(_("名录定义未修改："), lost_files)
    moved: list[tuple[Entry, dict[str, str]]] = []
    refused: list[str] = []
    entries = Entry.objects.filter(register=register).only(
        "id", "title", "data", "status"
    )
    for entry in entries:
        values, reasons = rules.migrate_values(
            entry.data, old=by_key, new=new, sources=sources, removed=removed
        )
        refused.extend(f"“{entry.title}”{label}：{why}" for label, why in reasons)
        moved.append((entry, values))
    if refused:
        raise _refuse(_("已有条目不能按新定义保留，名录定义未修改："), refused)
    return {"sources": sources, "removed": removed, "entries": moved}


def entries_migrate(register: Register, plan: Mapping[str, Any]) -> int:
    """Apply the plan once the new fields are saved: values, derived columns
    (title, key, search text), attachments of renamed fields; returns the number of
    entries rewritten. A key that becomes ambiguous refuses the whole change."""
    schema = Schema(register)
    changed: list[Entry] = []
    keys: dict[str, str] = {}
    for entry, values in plan["entries"]:
        derived = schema.derived(values)
        if derived["key"] in keys:
            raise _refuse(
                _("按新的唯一标识有重复条目，名录定义未修改："),
                [f"“{keys[derived['key']]}”与“{entry.title}”"],
            )
        keys[derived["key"]] = entry.title
        entry.data = values
        for name, value in derived.items():
            setattr(entry, name, value)
        changed.append(entry)
    Entry.objects.bulk_update(changed, ["data", "title", "key", "search_text"])
    renamed = {new: old for new, old in plan["sources"].items() if old and old != new}
    files = EntryFile.objects.filter(entry__register=register)
    # Two steps, so that swapping two fields' names does not mix their files.
    for i, (_new, old) in enumerate(renamed.items()):
        files.filter(field_key=old).update(field_key=f"~{i}")
    for i, new in enumerate(renamed):
        files.filter(field_key=f"~{i}").update(field_key=new)
    published = [e.pk for e in changed if e.status == Status.PUBLISHED]
    if published:
        entries_index(published)  # in the same transaction: search never lags
    return len(changed)
