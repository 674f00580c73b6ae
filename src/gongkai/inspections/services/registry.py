"""Registry writes: inspection items, targets, inspectors, conflicts, file imports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Generator
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Department
from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.inspections.audit_actions import InspectionsAudit
from gongkai.publishing.caching import content_changed
from gongkai.publishing.choices import Status
from gongkai.publishing.services import revision_save

from .. import importing
from ..models import Conflict, ImportBatch, InspectionItem, Inspector, Target
from ..permissions import can_manage_registry

ITEM_FIELDS = (
    "name",
    "sub_item",
    "legal_basis",
    "inspecting_body",
    "target_type",
    "method",
    "ratio",
    "frequency",
    "inspector_requirements",
    "kind",
    "note",
)
CHUNK = 2000
T = TypeVar("T")


def _check(by: Staff) -> None:
    if not can_manage_registry(by):
        raise PermissionDeniedError()


@transaction.atomic
def item_create(
    *,
    code: str,
    department: Department,
    by: Staff,
    now: dt.datetime | None = None,
    **fields: Any,
) -> InspectionItem:
    """Create an inspection item as a draft (first revision)."""
    _check(by)
    if InspectionItem.objects.filter(code=code).exists():
        raise InvalidInputError(
            _("编号 %(code)s 已存在。") % {"code": code}, code="inspections.item_code"
        )
    item = InspectionItem.objects.create(
        code=code,
        department=department,
        author=by,
        **{k: fields[k] for k in ITEM_FIELDS if k in fields},
    )
    revision_save(obj=item, by=by, now=now)
    audit_record(
        actor=by,
        action=InspectionsAudit.ITEM_CREATE,
        obj=item,
        changes={"code": code},
        now=now,
    )
    return item


@transaction.atomic
def item_update(
    *, item: InspectionItem, by: Staff, now: dt.datetime | None = None, **fields: Any
) -> InspectionItem:
    """Change a draft item; each change is a new revision (published items are reopened first)."""
    _check(by)
    item = InspectionItem.objects.select_for_update().get(pk=item.pk)
    if item.status != Status.DRAFT:
        raise InvalidInputError(
            _("只有草稿状态的抽查事项可以修改，请先重新编辑。"),
            code="inspections.item_not_draft",
        )
    changed = {
        k: v for k, v in fields.items() if k in ITEM_FIELDS and getattr(item, k) != v
    }
    for key, value in changed.items():
        setattr(item, key, value)
    item.save()
    revision_save(obj=item, by=by, now=now)
    audit_record(
        actor=by,
        action=InspectionsAudit.ITEM_UPDATE,
        obj=item,
        changes={"fields": sorted(changed)},
        now=now,
    )
    return item


@transaction.atomic
def target_save(*, by: Staff, now: dt.datetime | None = None, **record: Any) -> Target:
    """Create or update one target from a validated record (canonical USCC)."""
    _check(by)
    target, created = Target.objects.update_or_create(
        uscc=record["uscc"], defaults={k: v for k, v in record.items() if k != "uscc"}
    )
    audit_record(
        actor=by,
        action=InspectionsAudit.TARGET_CREATE
        if created
        else InspectionsAudit.TARGET_UPDATE,
        obj=target,
        now=now,
    )
    return target


@transaction.atomic
def inspector_save(
    *, by: Staff, now: dt.datetime | None = None, **record: Any
) -> Inspector:
    """Create or update one inspector."""
    _check(by)
    inspector, created = Inspector.objects.update_or_create(
        code=record["code"], defaults={k: v for k, v in record.items() if k != "code"}
    )
    audit_record(
        actor=by,
        action=InspectionsAudit.INSPECTOR_CREATE
        if created
        else InspectionsAudit.INSPECTOR_UPDATE,
        obj=inspector,
        now=now,
    )
    return inspector


@transaction.atomic
def conflict_add(
    *,
    inspector: Inspector,
    uscc: str,
    reason: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Conflict:
    """Record a declared conflict of interest (回避)."""
    _check(by)
    conflict, _created = Conflict.objects.get_or_create(
        inspector=inspector, uscc=uscc, defaults={"reason": reason[:200]}
    )
    audit_record(
        actor=by,
        action=InspectionsAudit.CONFLICT_ADD,
        obj=conflict,
        changes={"reason": reason},
        now=now,
    )
    return conflict


def registry_import(
    *,
    kind: str,
    filename: str,
    content: bytes,
    by: Staff,
    now: dt.datetime | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> ImportBatch:
    """Import a CSV/XLSX registry file: every row or none; row errors are recorded."""
    steps = registry_import_steps(
        kind=kind, filename=filename, content=content, by=by, now=now
    )
    while True:
        try:
            stage, count = next(steps)
        except StopIteration as done:
            batch: ImportBatch = done.value
            return batch
        if progress:
            progress(stage, count)


def registry_import_steps(
    *,
    kind: str,
    filename: str,
    content: bytes,
    by: Staff,
    now: dt.datetime | None = None,
) -> Generator[tuple[str, int], None, ImportBatch]:
    """:func:`registry_import` as a generator yielding ("read" | "write", rows) as it
    goes, for pages that show progress. Closing it early rolls the writes back."""
    _check(by)
    now = now or timezone.now()
    batch = ImportBatch(kind=kind, filename=filename[:200], by=by, at=now)
    try:
        header, rows = importing.read_table(filename, content)
        parsing = importing.parse_rows_steps(kind, header, rows)
        records, errors = yield from _tagged("read", parsing)
        if not errors:
            errors = _resolve(kind, records)
    except importing.TableError as exc:
        records, errors = [], [importing.RowError(0, "", str(exc))]
    batch.rows = len(records) + len(errors)
    batch.errors = [e.as_dict() for e in errors[:500]]
    if errors:
        batch.save()
        audit_record(
            actor=by,
            action=InspectionsAudit.IMPORT_REJECTED,
            obj=batch,
            changes={"errors": len(errors)},
            now=now,
        )
        return batch
    with transaction.atomic():
        batch.created, batch.updated = yield from _write(kind, records)
        batch.ok = True
        batch.save()
        audit_record(
            actor=by,
            action=InspectionsAudit.IMPORT,
            obj=batch,
            changes={
                "kind": kind,
                "rows": batch.rows,
                "created": batch.created,
                "updated": batch.updated,
            },
            now=now,
        )
    return batch


def _resolve(kind: str, records: list[dict[str, Any]]) -> list[importing.RowError]:
    """Foreign references: departments of inspectors, inspectors of conflicts."""
    errors = []
    if kind == "inspectors":
        departments = {d.code: d for d in Department.objects.all()}
        departments.update({d.name: d for d in departments.values()})
        for r in records:
            name = r.pop("department")
            if name and name not in departments:
                errors.append(
                    importing.RowError(r["_row"], "处室", _("没有这个处室：%s") % name)
                )
            r["department"] = departments.get(name)
    if kind == "conflicts":
        codes = {r["inspector"] for r in records}
        known = dict(Inspector.objects.filter(code__in=codes).values_list("code", "id"))
        for r in records:
            if r["inspector"] not in known:
                errors.append(
                    importing.RowError(
                        r["_row"],
                        "执法证号",
                        _("检查人员名录中没有 %s") % r["inspector"],
                    )
                )
            r["inspector_id"] = known.get(r["inspector"])
    return errors


def _tagged(
    stage: str, steps: Generator[int, None, T]
) -> Generator[tuple[str, int], None, T]:
    """Re-yield a step generator's counts tagged with ``stage``; return its result."""
    while True:
        try:
            count = next(steps)
        except StopIteration as done:
            result: T = done.value
            return result
        yield stage, count


def _write(
    kind: str, records: list[dict[str, Any]]
) -> Generator[tuple[str, int], None, tuple[int, int]]:
    """Upsert in chunks, yielding ("write", rows written); return (created, updated)."""
    model: Any = {"targets": Target, "inspectors": Inspector, "conflicts": Conflict}[
        kind
    ]
    fields = {
        "targets": ["name", "region", "industry", "risk", "status", "last_inspected"],
        "inspectors": ["name", "department", "home_region", "quals", "available"],
        "conflicts": ["reason"],
    }[kind]
    created = updated = 0
    for start in range(0, len(records), CHUNK):
        chunk = records[start : start + CHUNK]
        if kind == "conflicts":
            existing = {
                (c.inspector_id, c.uscc): c
                for c in Conflict.objects.filter(uscc__in=[r["uscc"] for r in chunk])
            }
            keyed = {(r["inspector_id"], r["uscc"]): r for r in chunk}
        else:
            key = "uscc" if kind == "targets" else "code"
            existing = {
                getattr(o, key): o
                for o in model.objects.filter(**{f"{key}__in": [r[key] for r in chunk]})
            }
            keyed = {r[key]: r for r in chunk}
        new, changed = [], []
        for k, r in keyed.items():
            values = {f: r[f] for f in fields}
            obj = existing.get(k)
            if obj is None:
                if kind == "conflicts":
                    new.append(
                        Conflict(
                            inspector_id=r["inspector_id"], uscc=r["uscc"], **values
                        )
                    )
                else:
                    new.append(
                        model(
                            **{("uscc" if kind == "targets" else "code"): k}, **values
                        )
                    )
            elif any(getattr(obj, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(obj, f, v)
                changed.append(obj)
        model.objects.bulk_create(new, batch_size=CHUNK)
        if changed:
            model.objects.bulk_update(changed, fields, batch_size=CHUNK)
        if model is Inspector and (new or changed):
            content_changed(model=Inspector)  # names on public task pages
        created, updated = created + len(new), updated + len(changed)
        yield "write", start + len(chunk)
    return created, updated
