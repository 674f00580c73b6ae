"""Import register entries from XLSX/CSV, with the penalty import's error handling.

Headers are the field names (labels) or field codes of the register; each row is
checked by its field types (rules.check_record); bad rows are kept with row, column
and reason for the error file; idempotent on the register's key fields (or on the
whole row when it has none); ``publish=True`` publishes valid rows at once
(reviewers only, audited), otherwise they enter review; one transaction per batch,
and an interrupted import resumes with the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.core.tabular import TableError, read_table, write_csv, write_xlsx
from gongkai.publishing.choices import Status

from .choices import ImportState
from .models import Entry, ImportRowError, ImportRun, Register
from .services import Schema

BATCH_SIZE = 500
MAX_FILE_BYTES = 64 * 1024 * 1024
ERROR_COLUMNS = ("原行号", "错误原因")


def _key(text: str) -> str:
    return text.strip().lower().replace(" ", "").replace("\u3000", "")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.time() == dt.time.min:
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class _Columns:
    def __init__(self, schema: Schema, headers: list[str]) -> None:
        names: dict[str, str] = {}
        for f in schema.fields:
            names[_key(f.key)] = f.key
            names[_key(f.label)] = f.key
        self.labels = {f.key: f.label for f in schema.fields}
        self.index: dict[str, int] = {}
        self.header_of: dict[str, str] = {}
        self.unknown: list[str] = []
        for i, header in enumerate(headers):
            key = names.get(_key(header)) if header else None
            if key is None:
                if header:
                    self.unknown.append(header)
                continue
            if key in self.index:
                raise InvalidInputError(
                    _("“%(a)s”和“%(b)s”是同一字段，请删除其中一列。")
                    % {"a": headers[self.index[key]], "b": header},
                    code="import.duplicate_column",
                )
            self.index[key], self.header_of[key] = i, header
        missing = [
            f.label
            for f in schema.fields
            if f.required and f.kind != "file" and f.key not in self.index
        ]
        if missing:
            raise InvalidInputError(
                _("缺少必填列：%s。") % "、".join(missing),
                code="import.missing_columns",
                detail=missing,
            )

    def record(self, cells: list[Any]) -> dict[str, Any]:
        return {key: cells[i] for key, i in self.index.items()}

    def name(self, key: str) -> str:
        return self.header_of.get(key, self.labels.get(key, key))


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
    if not can_edit_content(by, Entry(department=department)):
        raise PermissionDeniedError()
    if publish and not can_review_content(by):
        raise PermissionDeniedError(
            _("只有公开办审核人员和管理员可以导入后直接发布。"),
            code="import.publish_denied",
        )
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInputError(_("文件超过 64 MB。"), code="import.too_large")
    try:
        table = read_table(data, file_name)
    except TableError as exc:
        raise InvalidInputError(str(exc), code="import.unreadable") from exc
    schema = Schema(register)
    columns = _Columns(schema, table.headers)
    sha = hashlib.sha256(data).hexdigest()
    run = (
        ImportRun.objects.filter(
            register=register, sha256=sha, department=department, publish=publish
        )
        .exclude(state=ImportState.DONE)
        .first()
    ) or ImportRun.objects.create(
        register=register,
        file_name=file_name[:200],
        sha256=sha,
        department=department,
        created_by=by,
        publish=publish,
        headers=table.headers,
        started_at=now,
        message=(_("未识别的列已忽略：%s") % "、".join(columns.unknown))[:500]
        if columns.unknown
        else "",
    )
    batcher = _Batch(run, schema, columns, by, now)
    batch: list[tuple[int, list[Any]]] = []
    for number, cells in table.rows:
        if number < run.next_row:
            continue
        batch.append((number, cells))
        if len(batch) >= batch_size:
            batcher.commit(batch)
            batch = []
            if progress:
                progress(batcher.run)
    if batch:
        batcher.commit(batch)
    run = batcher.run
    run.state, run.finished_at = ImportState.DONE, timezone.now()
    run.save(update_fields=["state", "finished_at"])
    return run


class _Batch:
    def __init__(
        self, run: ImportRun, schema: Schema, columns: _Columns, by: Any, now: Any
    ) -> None:
        self.run, self.schema, self.columns = run, schema, columns
        self.by, self.now = by, now
        self.seen: dict[str, int] = {}

    @transaction.atomic
    def commit(self, batch: list[tuple[int, list[Any]]]) -> None:
        run = ImportRun.objects.select_for_update().get(pk=self.run.pk)
        errors: list[ImportRowError] = []
        rows: list[tuple[int, list[Any], dict[str, str], dict[str, Any]]] = []
        for number, cells in batch:
            values, problems = self.schema.check(self.columns.record(cells))
            found = [[self.columns.name(k), m] for k, m in problems]
            derived = self.schema.derived(values) if not found else {}
            if not found and derived["key"] in self.seen:
                found.append(
                    [_("唯一标识"), _("与第 %d 行重复") % self.seen[derived["key"]]]
                )
            if found:
                errors.append(_error(run, number, found, cells))
                continue
            self.seen[derived["key"]] = number
            rows.append((number, cells, values, derived))
        existing = {
            e.key: e
            for e in Entry.objects.filter(
                register=run.register_id, key__in=[r[3]["key"] for r in rows]
            )
        }
        new: list[Entry] = []
        updated: list[str] = []
        unchanged = 0
        for number, cells, values, derived in rows:
            old = existing.get(derived["key"])
            if old is None:
                new.append(self._new(run, values, derived))
            elif old.data == values:
                unchanged += 1
            elif old.status == Status.DRAFT and old.department_id == run.department_id:
                old.data = values
                for name, value in derived.items():
                    setattr(old, name, value)
                old.revision += 1
                old.save()
                updated.append(old.key)
            else:
                message = _("该条目已存在（%s），导入不能修改；请在工作台撤回后修改")
                problem = [_("唯一标识"), message % old.get_status_display()]
                errors.append(_error(run, number, [problem], cells))
        created = Entry.objects.bulk_create(new, batch_size=500)
        ImportRowError.objects.bulk_create(errors)
        run.rows_seen += len(batch)
        run.created += len(created)
        run.updated += len(updated)
        run.unchanged += unchanged
        run.failed += len(errors)
        run.next_row = batch[-1][0] + 1
        run.save()
        self.run = run
        audit_record(
            actor=self.by,
            action="register.import_batch",
            obj=run,
            now=self.now,
            changes={
                "register": self.schema.register.slug,
                "rows": [batch[0][0], batch[-1][0]],
                "publish": run.publish,
                "created": [e.key for e in created],
                "updated": updated,
                "failed": [e.row for e in errors],
            },
        )
        published = [e.pk for e in created if e.status == Status.PUBLISHED]
        if published:
            transaction.on_commit(lambda: _index(published))

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


def _error(
    run: ImportRun, number: int, problems: list[list[str]], cells: list[Any]
) -> ImportRowError:
    return ImportRowError(
        run=run, row=number, problems=problems, cells=[_jsonable(c) for c in cells]
    )


def import_error_file(run: ImportRun, *, fmt: str = "xlsx") -> bytes:
    """The rejected rows with their reasons, to fix and import again."""
    headers = [*run.headers, *ERROR_COLUMNS]
    width = len(run.headers)

    def rows() -> Any:
        for err in run.errors.all().iterator():
            cells = list(err.cells) + [None] * (width - len(err.cells))
            reason = "；".join(f"{col}：{msg}" for col, msg in err.problems)
            yield [*cells[:width], err.row, reason]

    if fmt == "csv":
        return write_csv(headers, rows())
    return write_xlsx(headers, rows(), sheet="errors")
