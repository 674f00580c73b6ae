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
from typing import Any, Unpack

from django.utils.translation import gettext as _

from gongkai.accounts.permissions import check_can_import
from gongkai.accounts.types import Staff
from gongkai.common import importing as shared
from gongkai.common.importing import import_error_file
from gongkai.publishing.caching import content_changed
from gongkai.publishing.choices import Status
from gongkai.registers.audit_actions import RegistersAudit

from .models import Entry, ImportRowError, ImportRun, Register
from .schema import Schema
from .search import entries_index

__all__ = [
    "BATCH_SIZE",
    "import_error_file",
    "register_import",
    "register_import_stored",
]

BATCH_SIZE = 500


def _key(text: str) -> str:
    return text.strip().lower().replace(" ", "").replace("\u3000", "")


def register_columns(schema: Schema, headers: list[str]) -> shared.Columns:
    """The fields of the file's columns (labels or codes; required ones must be there)."""
    names: dict[str, str] = {}
    for f in schema.fields:
        names[_key(f.key)] = f.key
        names[_key(f.label)] = f.key
    return shared.Columns(
        headers,
        lookup=lambda header: names.get(_key(header)),
        labels={f.key: f.label for f in schema.fields},
        required=[f.key for f in schema.fields if f.required and f.kind != "file"],
    )


def register_import(
    *,
    register: Register,
    data: bytes,
    file_name: str,
    department: Any,
    by: Staff,
    publish: bool = False,
    **options: Unpack[shared.ImportOptions],
) -> ImportRun:
    """Import (or resume importing) a spreadsheet into ``register``; ``queue=True``
    only checks the file and queues it for the worker (``gongkai imports work``)."""
    check_can_import(by=by, obj=Entry(department=department), publish=publish)
    schema = Schema(register)
    options.setdefault("batch_size", BATCH_SIZE)
    result: ImportRun = shared.import_file(
        ImportRun,
        data=data,
        file_name=file_name,
        by=by,
        columns_for=lambda headers: register_columns(schema, headers),
        importer_for=lambda run, columns, now: RegisterImporter(
            schema=schema, columns=columns, by=by, now=now
        ),
        match={"register": register, "department": department, "publish": publish},
        **options,
    )
    return result


def register_import_stored(*, run: ImportRun, data: bytes) -> ImportRun:
    """Import a queued run's stored file (the worker): the same import, resumed."""
    return register_import(
        register=run.register,
        data=data,
        file_name=run.file_name,
        department=run.department,
        by=run.created_by,
        publish=run.publish,
    )


class RegisterImporter:
    """The register side of an import: check a row by its field types, write a batch."""

    audit_action = RegistersAudit.IMPORT_BATCH
    error_model = ImportRowError

    def __init__(
        self, *, schema: Schema, columns: shared.Columns, by: Staff, now: dt.datetime
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
    ) -> shared.Written:
        written = shared.Written()
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
                written.rejected.append(shared.Rejected(number, [problem], cells))
        created = Entry.objects.bulk_create(new, batch_size=500)
        written.created = [e.key for e in created]
        published = [e.pk for e in created if e.status == Status.PUBLISHED]
        if published:
            content_changed()  # bulk_create sends no post_save (public pages)
            # In the batch's transaction: public and searchable in one commit.
            entries_index(published)
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
