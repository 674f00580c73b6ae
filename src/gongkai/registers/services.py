"""Writes on registers: define a register (administrators), create and edit entries,
attach files. Review and publication are the shared lifecycle (publishing.services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_configure, can_edit_content
from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.importing.runner import new_keys_lock
from gongkai.common.services import insert_unique
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status
from gongkai.registers.audit_actions import RegistersAudit

from . import rules
from .builtin import BUILTIN, field_rows
from .models import Entry, EntryFile, ImportRun, Register, RegisterField
from .redefine import entries_migrate, entries_plan
from .schema import Schema

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FieldInput:
    """One field of a register definition as an administrator enters it."""

    key: str
    label: str
    kind: str
    required: bool = False
    options: tuple[str, ...] = ()
    is_key: bool = False
    is_title: bool = False
    listed: bool = True
    filterable: bool = False
    searchable: bool = True
    public: bool = True
    old_key: str = ""  # on redefinition: the key this field had (a rename)


@transaction.atomic
def register_define(
    *,
    slug: str,
    title: str,
    fields: Sequence[FieldInput],
    by: Staff,
    description: str = "",
    basis: str = "",
    department: Any = None,
    now: dt.datetime | None = None,
) -> Register:
    """Create a register, or redefine its fields (administrators only)."""
    if not can_configure(by):
        raise PermissionDeniedError(_("只有管理员可以定义公开名录。"))
    defs = [
        rules.FieldDef(f.key, f.label.strip(), f.kind, f.required, f.options, f.public)
        for f in fields
    ]
    problems = rules.field_problems(defs)
    if not slug or not title.strip():
        problems.insert(0, "名录需要名称和网址名。")
    if problems:
        raise InvalidInputError(problems[0], code="register.invalid", detail=problems)
    register = Register.objects.filter(slug=slug).first()
    if Register.objects.filter(title=title.strip()).exclude(slug=slug).exists():
        raise ConflictError(_("已有同名的名录。"), code="register.duplicate")
    created = register is None
    plan = None
    renames = {f.key: f.old_key for f in fields if f.old_key and f.old_key != f.key}
    if register is None:
        register = Register(slug=slug)
    else:
        old = [f.as_def() for f in register.fields.all()]
        plan = entries_plan(register, old=old, new=defs, renames=renames)
    register.title, register.description = title.strip(), description.strip()
    register.basis, register.department = basis.strip(), department
    register.save()
    register.fields.all().delete()
    RegisterField.objects.bulk_create(
        RegisterField(
            register=register,
            key=f.key,
            label=f.label.strip(),
            kind=f.kind,
            required=f.required,
            options=list(f.options),
            is_key=f.is_key,
            is_title=f.is_title,
            listed=f.listed,
            filterable=f.filterable,
            searchable=f.searchable,
            public=f.public,
            order=i,
        )
        for i, f in enumerate(fields)
    )
    changes: dict[str, Any] = {
        "fields": [f.key for f in fields],
        "title": register.title,
    }
    if plan is not None:
        changes.update(
            renamed=renames,
            removed=plan["removed"],
            entries_migrated=entries_migrate(register, plan),
        )
    audit_record(
        actor=by,
        action=RegistersAudit.DEFINE if created else RegistersAudit.REDEFINE,
        obj=register,
        now=now,
        changes=changes,
    )
    return register


def _invalid(schema: Schema, errors: list[tuple[str, str]]) -> InvalidInputError:
    labels = {f.key: f.label for f in schema.fields}
    detail = [{"field": k, "label": labels.get(k, k), "message": m} for k, m in errors]
    return InvalidInputError(
        "{label}：{message}".format(**detail[0]), code="entry.invalid", detail=detail
    )


@transaction.atomic
def entry_create(
    *,
    register: Register,
    record: Mapping[str, Any],
    department: Any,
    by: Staff,
    now: dt.datetime | None = None,
) -> Entry:
    """Create a draft entry from cells keyed by field key."""
    if not can_edit_content(by, Entry(department=department)):
        raise PermissionDeniedError()
    schema = Schema(register)
    values, errors = schema.check(record)
    if errors:
        raise _invalid(schema, errors)
    derived = schema.derived(values)
    duplicate = ConflictError(
        _("该名录中已有相同标识的条目：%s") % derived["key"], code="entry.duplicate"
    )
    # An import batch of entries being written is waited for (its keys are then
    # seen); the unique index decides between two creates of one key.
    new_keys_lock(ImportRun)
    entry = insert_unique(
        lambda: Entry.objects.create(
            register=register, data=values, department=department, author=by, **derived
        ),
        taken=lambda: Entry.objects.filter(
            register=register, key=derived["key"]
        ).exists(),
        refusal=duplicate,
    )
    pub.revision_save(obj=entry, by=by, now=now)
    audit_record(
        actor=by,
        action=RegistersAudit.ENTRY_CREATE,
        obj=entry,
        now=now,
        changes={"register": register.slug, "key": entry.key},
    )
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    record: Mapping[str, Any],
    by: Staff,
    now: dt.datetime | None = None,
) -> Entry:
    """Change a draft entry; a new revision is kept."""
    if not can_edit_content(by, entry):
        raise PermissionDeniedError()
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != Status.DRAFT:
        raise ConflictError(
            _("只有草稿可以修改；已发布内容请先撤回再重新编辑。"),
            code="publishing.not_draft",
        )
    schema = Schema(entry.register)
    values, errors = schema.check(record)
    if errors:
        raise _invalid(schema, errors)
    derived = schema.derived(values)
    if (
        Entry.objects.filter(register=entry.register, key=derived["key"])
        .exclude(pk=entry.pk)
        .exists()
    ):
        raise ConflictError(
            _("该名录中已有相同标识的条目：%s") % derived["key"],
            code="entry.duplicate",
        )
    changed = [
        k for k in set(values) | set(entry.data) if values.get(k) != entry.data.get(k)
    ]
    entry.data = values
    for name, value in derived.items():
        setattr(entry, name, value)
    entry.save()
    pub.revision_save(obj=entry, by=by, now=now)
    audit_record(
        actor=by,
        action=RegistersAudit.ENTRY_UPDATE,
        obj=entry,
        now=now,
        changes={"changed": sorted(changed)},
    )
    return entry


@transaction.atomic
def entry_attach(
    *,
    entry: Entry,
    field_key: str,
    upload: Any,
    by: Staff,
    now: dt.datetime | None = None,
) -> EntryFile:
    """Attach a file to a file field of a draft entry (replacing the previous one)."""
    if not can_edit_content(by, entry):
        raise PermissionDeniedError()
    field = entry.register.fields.filter(key=field_key, kind="file").first()
    if field is None:
        raise InvalidInputError(
            _("该名录没有这个附件字段。"), code="entry.no_file_field"
        )
    if entry.status != Status.DRAFT:
        raise ConflictError(_("只有草稿可以更换附件。"), code="publishing.not_draft")
    if upload.size > MAX_FILE_BYTES:
        raise InvalidInputError(_("附件不能超过 20 MB。"), code="entry.file_too_large")
    entry.files.filter(field_key=field_key).delete()
    name = str(upload.name)[-200:]
    attached = EntryFile.objects.create(
        entry=entry, field_key=field_key, file=upload, name=name, size=upload.size
    )
    audit_record(
        actor=by,
        action=RegistersAudit.ENTRY_ATTACH,
        obj=entry,
        now=now,
        changes={"field": field_key, "name": name, "size": upload.size},
    )
    return attached


@transaction.atomic
def builtin_registers_ensure(*, now: dt.datetime | None = None) -> list[Register]:
    """Create any missing built-in register (as the data migration does); existing
    registers, and any changes administrators made to them, are left alone."""
    made = []
    for definition in BUILTIN:
        if Register.objects.filter(slug=definition["slug"]).exists():
            continue
        register = Register.objects.create(
            slug=definition["slug"],
            title=definition["title"],
            description=definition["description"],
            basis=definition["basis"],
            order=definition["order"],
            is_builtin=True,
        )
        RegisterField.objects.bulk_create(
            RegisterField(register=register, **row) for row in field_rows(definition)
        )
        audit_record(
            actor=None,
            action=RegistersAudit.BUILTIN,
            obj=register,
            now=now,
            changes={"slug": register.slug},
        )
        made.append(register)
    return made
