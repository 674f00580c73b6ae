"""Import register entries from XLSX/CSV, with the penalty import's error handling.

Headers are the field names (labels) or field codes of the register; each row is
checked by its field types (rules.check_record); bad rows are kept with row, column
and reason for the error file; idempotent on the register's key fields (or on the
whole row when it has none); ``publish=True`` publishes valid rows at once
(reviewers only, audited), otherwise they enter review; one transaction per batch,
and an interrupted import resumes with the same file (common.importing).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.common.errors import PermissionDeniedError
from gongkai.common.importing import (
    Columns,
    Rejected,
    Written,
    import_error_file,
    import_rows,
    import_run_for,
    table_open,
)
from gongkai.core.tabular import Table
from gongkai.publishing.choices import Status

from .models import Entry, ImportRowError, ImportRun, Register
from .services import Schema

__all__ = ["BATCH_SIZE", "import_error_file", "register_import", "register_import_run"]

BATCH_SIZE = 500


def _key(text: str) -> str:
    return text.strip().lower().replace(" ", "").replace("\u3000", "")


def register_columns(schema: Schema, headers: list[str]) -> Columns:
    """The fields of the file's columns (labels or codes; required ones must be there)."""
    names: dict[str, str] = {}
    for f in schema.fields:
        names[_key(f.key)] = f.key
        names[_key(f.label)] = f.key
    return Columns(
        headers,
        lookup=lambda header: names.get(_key(header)),
        labels={f.key: f.label for f in schema.fields},
        required=[f.key for f in schema.fields if f.required and f.kind != "file"],
    )


def _check_permission(by: Any, department: Any, publish: bool) -> None:
    if not can_edit_content(by, Entry(department=department)):
        raise PermissionDeniedError()
    if publish and not can_review_content(by):
        raise PermissionDeniedError(
            _("只有公开办审核人员和管理员可以导入后直接发布。"),
            code="import.publish_denied",
        )


def register_import(
    *,
    register: Register,
    data: bytes,
    file_name: str,
    department: Any,
    by: Any,
    publish: bool = False,
    batch_size: int = BATCH_SIZE,
    now: dt.datetime | None = None,
    progress: Callable[[ImportRun], None] | None = None,
) -> ImportRun:
    """Import (or resume importing) a spreadsheet into ``register``."""
    now = now or timezone.now()
    _check_permission(by, department, publish)
    table = table_open(data, file_name)
    schema = Schema(register)
    columns = register_columns(schema, table.headers)
    run: ImportRun = import_run_for(  # type: ignore[assignment]
        ImportRun,
        sha=hashlib.sha256(data).hexdigest(),
        match={"register": register, "department": department, "publish": publish},
        create={
            "file_name": file_name[:200],
            "created_by": by,
            "headers": table.headers,
            "started_at": now,
            "rows_total": table.total,
            "message": columns.unknown_message(),
        },
    )
    return _run(run, schema, table, columns, by=by, now=now, batch_size=batch_size,
                progress=progress)  # fmt: skip


def register_import_run(
    *,
    run: ImportRun,
    data: bytes,
    now: dt.datetime | None = None,
    progress: Callable[[ImportRun], None] | None = None,
) -> ImportRun:
    """Process a queued (or interrupted) run from its stored file (the worker)."""
    now = now or timezone.now()
    _check_permission(run.created_by, run.department, run.publish)
    table = table_open(data, run.file_name)
    schema = Schema(run.register)
    columns = register_columns(schema, table.headers)
    return _run(run, schema, table, columns, by=run.created_by, now=now,
                batch_size=BATCH_SIZE, progress=progress)  # fmt: skip


def _run(
    run: ImportRun,
    schema: Schema,
    table: Table,
    columns: Columns,
    *,
    by: Any,
    now: dt.datetime,
    batch_size: int,
    progress: Callable[[ImportRun], None] | None,
) -> ImportRun:
    importer = RegisterImporter(schema=schema, columns=columns, by=by, now=now)
    result: ImportRun = import_rows(
        run=run,
        table=table,
        importer=importer,
        by=by,
        now=now,
        batch_size=batch_size,
        progress=progress,
    )
    return result


class RegisterImporter:
    """The register side of an import: check a row by its field types, write a batch."""

    audit_action = "register.import_batch"
    error_model = ImportRowError

    def __init__(
        self, *, schema: Schema, columns: Columns, by: Any, now: dt.datetime
    ) -> None:
        self.schema, self.columns, self.by, self.now = schema, columns, by, now

    def audit_context(self) -> dict[str, Any]:
        return {"register": self.schema.register.slug}

    def check(self, record: dict[str, Any]) -> tuple[str, Any, list[tuple[str, str]]]:
        values, problems = self.schema.check(record)
        if problems:
            return "", None, problems
        derived = self.schema.derived(values)
        return derived["key"], (values, derived), []

    def repeated(self, first_row: int) -> list[str]:
        return [_("唯一标识"), _("与第 %d 行重复") % first_row]

    def write(
        self, run: Any, rows: list[tuple[int, list[Any], Any]], *, now: dt.datetime
    ) -> Written:
        written = Written()
        existing = {
            e.key: e
            for e in Entry.objects.filter(
                register=run.register_id, key__in=[r[2][1]["key"] for r in rows]
            )
        }
        new: list[Entry] = []
        for number, cells, (values, derived) in rows:
            old = existing.get(derived["key"])
            if old is None:
                new.append(self._new(run, values, derived))
            elif old.data == values:
                written.unchanged += 1
            elif old.status == Status.DRAFT and old.department_id == run.department_id:
                old.data = values
                for name, value in derived.items():
                    setattr(old, name, value)
                old.revision += 1
                old.save()
                written.updated.append(old.key)
            else:
                message = _("该条目已存在（%s），导入不能修改；请在工作台撤回后修改")
                problem = [_("唯一标识"), message % old.get_status_display()]
                written.rejected.append(Rejected(number, [problem], cells))
        created = Entry.objects.bulk_create(new, batch_size=500)
        written.created = [e.key for e in created]
        published = [e.pk for e in created if e.status == Status.PUBLISHED]
        if published:
            transaction.on_commit(lambda: _index(published))
        return written

    def _new(self, run: ImportRun, values: dict[str, str], derived: Any) -> Entry:
        entry = Entry(
            register_id=run.register_id,
            data=values,
            department_id=run.department_id,
            author=self.by,
            import_run=run,
            **derived,
        )
        if run.publish:
            entry.status = Status.PUBLISHED
            entry.reviewer, entry.reviewed_at = self.by, self.now
            entry.publish_at = self.now
        else:
            entry.status = Status.IN_REVIEW
        return entry


def _index(ids: list[int]) -> None:
    from gongkai.search.services import search_index_object

    for pk in ids:
        search_index_object(model=Entry, pk=pk)
