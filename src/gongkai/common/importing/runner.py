"""The import loop: batches, rejected rows, resumability, audit, error file.

* ``table_open`` reads the file (size limit, unreadable file → a Chinese message).
* ``import_run_for`` finds the unfinished run of the same file (by SHA-256) or
  starts one: importing the same file again after an interruption resumes it.
* ``import_rows`` checks every row through the app's ``Importer`` and commits one
  batch per transaction: the written rows, the rejected rows (row, column, reason,
  cells), the run's counters and ``next_row`` (the first row not yet committed), and
  one audit event naming the rows (first and last row number, SHA-256 of the rows as
  read) and the keys created or updated — nothing is half-done when interrupted.
  A key met twice in one file is rejected the second time.
* ``import_error_file`` gives the rejected rows with their reasons as XLSX or CSV,
  with the file's own headers, so they can be fixed and imported again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, Protocol, TypedDict

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.common.audit import AuditAction, audit_record
from gongkai.common.errors import InvalidInputError
from gongkai.core.tabular import Table, TableError, read_table, write_csv, write_xlsx

from .jobs import import_enqueue
from .models import ImportRowErrorBase, ImportRunBase, ImportState

BATCH_SIZE = 1000
MAX_FILE_BYTES = 64 * 1024 * 1024
ERROR_COLUMNS = ("原行号", "错误原因")
# Columns of a run written after each batch (never the stored file).
_PROGRESS_FIELDS = [
    "rows_seen",
    "created",
    "updated",
    "unchanged",
    "failed",
    "next_row",
    "heartbeat_at",
    "state",
]


def jsonable(value: Any) -> Any:
    """A cell as JSON keeps it for the error file (dates as ISO, whole floats as int)."""
    if isinstance(value, dt.datetime) and value.time() == dt.time.min:
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# What json.dumps(…, ensure_ascii=False, separators=(",", ":"), default=jsonable)
# would build for every call: made once.
_DIGEST_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), default=jsonable
)


def batch_digest(batch: Iterable[tuple[int, list[Any]]]) -> str:
    """SHA-256 of the rows as read: one JSON array ``[row, cell, ...]`` per line."""
    encode = _DIGEST_ENCODER.encode
    lines = [encode([number, *cells]) for number, cells in batch]
    lines.append("")  # every line ends with a line break
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def table_open(data: bytes, file_name: str) -> Table:
    """The file as a table, or InvalidInputError with a Chinese message."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInputError(
            _("文件超过 64 MB，请分成几个文件导入。"), code="import.too_large"
        )
    try:
        return read_table(data, file_name)
    except TableError as exc:
        raise InvalidInputError(str(exc), code="import.unreadable") from exc


class Columns:
    """Which column of the file holds which field (by the app's key)."""

    def __init__(
        self,
        headers: list[str],
        *,
        lookup: Callable[[str], str | None],
        labels: Mapping[str, str],
        required: Iterable[str],
        hint: str = "",
    ) -> None:
        self.headers = headers
        self.labels = labels
        self.index: dict[str, int] = {}
        self.header_of: dict[str, str] = {}
        self.unknown: list[str] = []
        for i, header in enumerate(headers):
            key = lookup(header) if header else None
            if key is None:
                if header:
                    self.unknown.append(header)
                continue
            if key in self.index:
                raise InvalidInputError(
                    _("“%(a)s”和“%(b)s”是同一数据项，请删除其中一列。")
                    % {"a": headers[self.index[key]], "b": header},
                    code="import.duplicate_column",
                )
            self.index[key], self.header_of[key] = i, header
        missing = [labels.get(k, k) for k in required if k not in self.index]
        if missing:
            raise InvalidInputError(
                _("缺少必填列：%s。") % "、".join(missing) + hint,
                code="import.missing_columns",
                detail=missing,
            )
        self._pairs = list(self.index.items())

    def record(self, cells: list[Any]) -> dict[str, Any]:
        """The cells of a row by field key."""
        return {key: cells[i] for key, i in self._pairs}

    def name(self, key: str) -> str:
        """The column as the file names it (or the field's label)."""
        return self.header_of.get(key, self.labels.get(key, key))

    def unknown_message(self) -> str:
        if not self.unknown:
            return ""
        return (_("未识别的列已忽略：%s") % "、".join(self.unknown))[:500]


class Rejected(NamedTuple):
    row: int
    problems: list[list[str]]  # [column, reason]
    cells: list[Any]


@dataclass
class Written:
    """What an app's write of one batch did (keys of the rows)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)


class Importer(Protocol):
    """What an app provides: its columns, the check of one row, the write of a batch."""

    audit_action: AuditAction
    columns: Columns
    error_model: type[ImportRowErrorBase]

    def check(self, record: dict[str, Any]) -> tuple[str, Any, list[tuple[str, str]]]:
        """(key, values, [(field key, reason)]) of one row's cells by field key."""
        ...

    def repeated(self, first_row: int) -> list[str]:
        """[column, reason] for a key already met at ``first_row`` of the file."""
        ...

    def write(
        self, run: Any, rows: list[tuple[int, list[Any], Any]], *, now: dt.datetime
    ) -> Written:
        """Write the valid rows (number, cells, values) of one batch."""
        ...

    def audit_context(self) -> dict[str, Any]:
        """Extra items of every batch's audit event."""
        ...


def import_run_for(
    model: type[ImportRunBase],
    *,
    sha: str,
    match: Mapping[str, Any],
    create: Mapping[str, Any],
) -> ImportRunBase:
    """The unfinished run of this file (resume), or a new one."""
    unfinished = (
        model.objects.filter(sha256=sha, **match)
        .exclude(state=ImportState.DONE)
        .defer("upload")
        .order_by("-started_at", "-id")
        .first()
    )
    if unfinished is not None:
        return unfinished
    return model.objects.create(sha256=sha, **match, **create)


class ImportOptions(TypedDict, total=False):
    """How an app's import service runs (passed on to ``import_file``)."""

    now: dt.datetime | None
    batch_size: int
    progress: Callable[[Any], None] | None
    queue: bool  # only check the file and queue it for the worker
    inline_rows: int | None  # queue it when it has more rows than this


def import_file(
    model: type[ImportRunBase],
    *,
    data: bytes,
    file_name: str,
    by: AbstractBaseUser,
    columns_for: Callable[[list[str]], Columns],
    importer_for: Callable[[Any, Columns, dt.datetime], Importer],
    match: Mapping[str, Any],
    options: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
    queue: bool = False,
    inline_rows: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Any], None] | None = None,
) -> Any:
    """Read the file and check its columns; find its unfinished run (to resume) or
    start one; import its rows — or, with ``queue``, keep the file on the run for
    the worker (jobs.py) and return at once. ``options`` are kept on the run."""
    now = now or timezone.now()
    table = table_open(data, file_name)
    columns = columns_for(table.headers)
    if inline_rows is not None and (table.total or 0) > inline_rows:
        queue = True
    create: dict[str, Any] = {
        "file_name": file_name[:200],
        "created_by": by,
        "headers": table.headers,
        "started_at": now,
        "rows_total": table.total,
        "message": columns.unknown_message(),
        "options": dict(options or {}),
    }
    run = import_run_for(
        model, sha=hashlib.sha256(data).hexdigest(), match=match, create=create
    )
    if queue:
        return import_enqueue(run, data)
    return import_rows(
        run=run,
        table=table,
        importer=importer_for(run, columns, now),
        by=by,
        now=now,
        batch_size=batch_size,
        progress=progress,
    )


def import_rows(
    *,
    run: Any,
    table: Table,
    importer: Importer,
    by: AbstractBaseUser,
    now: dt.datetime,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Any], None] | None = None,
) -> Any:
    """Import the rows of ``table`` not yet committed for ``run``; returns the run."""
    batcher = _Batcher(run, importer, by=by, now=now)
    batch: list[tuple[int, list[Any]]] = []
    try:
        for number, cells in table.rows:
            if number < run.next_row:
                continue  # committed by an earlier, interrupted run
            batch.append((number, cells))
            if len(batch) >= batch_size:
                batcher.commit(batch)
                batch = []
                if progress:
                    progress(batcher.run)
        if batch:
            batcher.commit(batch)
    except TableError as exc:
        run = batcher.run
        run.state, run.message = ImportState.FAILED, str(exc)[:500]
        run.save(update_fields=["state", "message"])
        raise InvalidInputError(str(exc), code="import.unreadable") from exc
    run = batcher.run
    run.state, run.finished_at = ImportState.DONE, timezone.now()
    run.rows_total, run.upload = run.rows_seen, None
    run.save(update_fields=["state", "finished_at", "rows_total", "upload"])
    if progress:
        progress(run)
    return run


def new_keys_lock(run_model: type[models.Model]) -> None:
    """Hold, until the transaction ends, the right to write new keys of the import
    kind of ``run_model`` (PostgreSQL: a transaction advisory lock named after it):
    every import batch takes it, and a manual create of such a key
    (``penalties.drafts.record_insert``).

    Two imports writing the same new keys in opposite orders would each hold one
    key's unique-index entry and wait for the other's; a create that inserted a
    key of the batch would wait for the row of site versions the batch updated
    while the batch waited for its key. PostgreSQL ends such a deadlock by failing
    one of them whole. One at a time, the later one waits, then finds the key
    stored (a row error, or the create's refusal). SQLite writes one transaction
    at a time already."""
    if connection.vendor != "postgresql":
        return
    name = f"gongkai.import:{run_model._meta.label_lower}".encode()
    digest = hashlib.blake2b(name, digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s)",
            [int.from_bytes(digest, "big", signed=True)],
        )


class _Batcher:
    def __init__(
        self, run: Any, importer: Importer, *, by: AbstractBaseUser, now: dt.datetime
    ):
        self.run, self.importer, self.by, self.now = run, importer, by, now
        self.model = type(run)
        self.seen: dict[str, int] = {}  # key -> first row of the file with it

    @transaction.atomic
    def commit(self, batch: list[tuple[int, list[Any]]]) -> None:
        new_keys_lock(self.model)
        run = self.model.objects.select_for_update().defer("upload").get(pk=self.run.pk)
        # Another worker may have committed some of these rows meanwhile.
        batch = [item for item in batch if item[0] >= run.next_row]
        if not batch:
            self.run = run
            return
        importer, columns = self.importer, self.importer.columns
        rejected: list[Rejected] = []
        valid: list[tuple[int, list[Any], Any]] = []
        for number, cells in batch:
            key, values, problems = importer.check(columns.record(cells))
            found = [[columns.name(k), m] for k, m in problems]
            if not found and key in self.seen:
                found.append(importer.repeated(self.seen[key]))
            if found:
                rejected.append(Rejected(number, found, cells))
                continue
            self.seen[key] = number
            valid.append((number, cells, values))
        written = importer.write(run, valid, now=self.now)
        rejected.extend(written.rejected)
        rejected.sort(key=lambda r: r.row)
        importer.error_model.objects.bulk_create(
            importer.error_model(
                run=run,
                row=r.row,
                problems=r.problems,
                cells=[jsonable(c) for c in r.cells],
            )
            for r in rejected
        )
        run.rows_seen += len(batch)
        run.created += len(written.created)
        run.updated += len(written.updated)
        run.unchanged += written.unchanged
        run.failed += len(rejected)
        run.next_row = batch[-1][0] + 1
        run.heartbeat_at = timezone.now()
        run.state = ImportState.RUNNING
        run.save(update_fields=_PROGRESS_FIELDS)
        self.run = run
        audit_record(
            actor=self.by,
            action=importer.audit_action,
            obj=run,
            now=self.now,
            changes={
                **importer.audit_context(),
                "rows": [batch[0][0], batch[-1][0]],
                "sha256": batch_digest(batch),
                "publish": run.publish,
                "created": written.created,
                "updated": written.updated,
                "unchanged": written.unchanged,
                "failed": [r.row for r in rejected],
            },
        )


def import_error_file(run: Any, *, fmt: str = "xlsx") -> bytes:
    """The rejected rows with their reasons, to fix and import again."""
    headers = [*run.headers, *ERROR_COLUMNS]
    width = len(run.headers)

    def rows() -> Any:
        errors: models.QuerySet[Any] = run.errors.all()
        for err in errors.iterator():
            cells = list(err.cells) + [None] * (width - len(err.cells))
            reason = "；".join(f"{col}：{msg}" for col, msg in err.problems)
            yield [*cells[:width], err.row, reason]

    if fmt == "csv":
        return write_csv(headers, rows())
    return write_xlsx(headers, rows(), sheet="errors")
