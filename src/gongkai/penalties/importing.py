"""Import penalties from a spreadsheet as staff keep it (XLSX or CSV).

* Headers may be the exchange codes, the exact labels or common aliases
  (fields.field_for_header); unknown columns are ignored and named in the run.
* Every row is validated in full (validation.validate_record); a bad row is kept with
  its row number, column and reason, and its cells, for the downloadable error file;
  the valid rows are imported.
* Idempotent on the decision number: a row equal to the stored record is "unchanged";
  a changed row updates a draft; a record already in review or published is not
  changed by an import (the row is reported instead).
* ``publish=True`` publishes the valid rows at once (reviewers only, audited);
  otherwise they enter review, each on its publication clock.
* One transaction per batch: the run records the first row not yet committed, so an
  interrupted import resumes where it stopped when the same file is imported again.
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
from gongkai.core.tabular import Table, TableError, read_table, write_csv, write_xlsx
from gongkai.publishing.choices import Status
from gongkai.publishing.services import revisions_record_many

from .bulk import Inserter
from .choices import ImportState
from .derive import RulesOn
from .fields import FIELDS, field_for_header
from .models import ImportRowError, ImportRun, Penalty
from .services import penalty_clock_start, visibility_end_of

BATCH_SIZE = 1000
MAX_FILE_BYTES = 64 * 1024 * 1024
_COMPARED = [f.attr for f in FIELDS] + ["publish_required"]
# What an existing record needs for the comparison and for a draft's update.
_LOADED = [
    *_COMPARED,
    "earliest_end",
    "window_basis",
    "publish_rule_key",
    "publish_due_on",
    "status",
    "department",
    "revision",
]


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
    """Which column of the file holds which data item."""

    def __init__(self, headers: list[str]) -> None:
        self.headers = headers
        self.index: dict[str, int] = {}
        self.header_of: dict[str, str] = {}
        self.unknown: list[str] = []
        for i, header in enumerate(headers):
            spec = field_for_header(header) if header else None
            if spec is None:
                if header:
                    self.unknown.append(header)
                continue
            if spec.code in self.index:
                raise InvalidInputError(
                    _("“%(a)s”和“%(b)s”是同一数据项，请删除其中一列。")
                    % {"a": self.headers[self.index[spec.code]], "b": header},
                    code="import.duplicate_column",
                )
            self.index[spec.code] = i
            self.header_of[spec.code] = header
        missing = [f.label for f in FIELDS if f.required and f.code not in self.index]
        if missing:
            raise InvalidInputError(
                _("缺少必填列：%s。列名可以是数据项名称或代码（如 CF_WSH）。")
                % "、".join(missing),
                code="import.missing_columns",
                detail=missing,
            )

    def record(self, cells: list[Any]) -> dict[str, Any]:
        return {code: cells[i] for code, i in self.index.items()}

    def name(self, code: str) -> str:
        spec = next(f for f in FIELDS if f.code == code)
        return self.header_of.get(code, spec.label)


def _open(data: bytes, file_name: str) -> Table:
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInputError(
            _("文件超过 64 MB，请分成几个文件导入。"), code="import.too_large"
        )
    try:
        return read_table(data, file_name)
    except TableError as exc:
        raise InvalidInputError(str(exc), code="import.unreadable") from exc


def _run_for(
    *,
    sha: str,
    file_name: str,
    department: Any,
    by: Any,
    publish: bool,
    headers: list[str],
    now: dt.datetime,
) -> ImportRun:
    unfinished = (
        ImportRun.objects.filter(sha256=sha, department=department, publish=publish)
        .exclude(state=ImportState.DONE)
        .order_by("-started_at")
        .first()
    )
    if unfinished is not None:
        return unfinished
    return ImportRun.objects.create(
        file_name=file_name[:200],
        sha256=sha,
        department=department,
        created_by=by,
        publish=publish,
        headers=headers,
        started_at=now,
    )


def penalty_import(
    *,
    data: bytes,
    file_name: str,
    department: Any,
    by: Any,
    publish: bool = False,
    batch_size: int = BATCH_SIZE,
    now: dt.datetime | None = None,
    progress: Callable[[ImportRun], None] | None = None,
    index: bool = True,
) -> ImportRun:
    """Import (or resume importing) a penalty spreadsheet; see the module docstring.

    ``index=False`` leaves the site-search index to ``gongkai search reindex`` (for
    very large imports).
    """
    now = now or timezone.now()
    if not can_edit_content(by, Penalty(department=department)):
        raise PermissionDeniedError()
    if publish and not can_review_content(by):
        raise PermissionDeniedError(
            _("只有公开办审核人员和管理员可以导入后直接发布。"),
            code="import.publish_denied",
        )
    table = _open(data, file_name)
    columns = _Columns(table.headers)
    run = _run_for(
        sha=hashlib.sha256(data).hexdigest(),
        file_name=file_name,
        department=department,
        by=by,
        publish=publish,
        headers=table.headers,
        now=now,
    )
    if columns.unknown and not run.message:
        run.message = (_("未识别的列已忽略：%s") % "、".join(columns.unknown))[:500]
        run.save(update_fields=["message"])
    importer = _Batch(run=run, columns=columns, by=by, now=now, index=index)
    batch: list[tuple[int, list[Any]]] = []
    try:
        for number, cells in table.rows:
            if number < run.next_row:
                continue  # committed by an earlier, interrupted run
            batch.append((number, cells))
            if len(batch) >= batch_size:
                importer.commit(batch)
                batch = []
                if progress:
                    progress(importer.run)
        if batch:
            importer.commit(batch)
        run = importer.run
    except TableError as exc:
        run.state, run.message = ImportState.FAILED, str(exc)[:500]
        run.save(update_fields=["state", "message"])
        raise InvalidInputError(str(exc), code="import.unreadable") from exc
    run.state, run.finished_at = ImportState.DONE, timezone.now()
    run.save(update_fields=["state", "finished_at"])
    if progress:
        progress(run)
    return run


class _Batch:
    def __init__(
        self,
        *,
        run: ImportRun,
        columns: _Columns,
        by: Any,
        now: dt.datetime,
        index: bool = True,
    ):
        self.run, self.columns, self.by, self.now = run, columns, by, now
        self.index = index
        self.inserter = Inserter(Penalty)
        self.rules = RulesOn()
        # Decision numbers met earlier in this file (row number), to report repeats.
        self.seen: dict[str, int] = {}

    @transaction.atomic
    def commit(self, batch: list[tuple[int, list[Any]]]) -> None:
        run = ImportRun.objects.select_for_update().get(pk=self.run.pk)
        errors: list[ImportRowError] = []
        valid: list[tuple[int, list[Any], dict[str, Any]]] = []
        for number, cells in batch:
            result = self.rules.validate(self.columns.record(cells), now=self.now)
            problems = [[self.columns.name(c), m] for c, m in result.errors]
            num = result.values.get("decision_number")
            if not problems and num in self.seen:
                problems.append(
                    [
                        self.columns.name("CF_WSH"),
                        _("与第 %d 行的决定书文号重复") % self.seen[num],
                    ]
                )
            if problems:
                errors.append(_error(run, number, problems, cells))
                continue
            self.seen[num] = number
            valid.append((number, cells, self.rules.model_values(result.values)))
        created, updated, unchanged = self._write(run, valid, errors)
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
            action="penalty.import_batch",
            obj=run,
            now=self.now,
            changes={
                "rows": [batch[0][0], batch[-1][0]],
                "publish": run.publish,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "failed": [e.row for e in errors],
            },
        )

    def _write(
        self,
        run: ImportRun,
        valid: list[tuple[int, list[Any], dict[str, Any]]],
        errors: list[ImportRowError],
    ) -> tuple[list[str], list[str], int]:
        numbers = [v["decision_number"] for _n, _c, v in valid]
        existing = (
            Penalty.objects.filter(decision_number__in=numbers)
            .only(*_LOADED)
            .in_bulk(field_name="decision_number")
        )
        new: list[dict[str, Any]] = []
        updated: list[str] = []
        unchanged = 0
        for number, cells, values in valid:
            old = existing.get(values["decision_number"])
            if old is None:
                new.append(self._new(run, values))
                continue
            if all(getattr(old, k) == values.get(k) for k in _COMPARED if k in values):
                unchanged += 1
            elif old.status == Status.DRAFT and old.department_id == run.department_id:
                for key, value in values.items():
                    setattr(old, key, value)
                old.revision += 1
                old.save()
                revisions_record_many(objs=[old], by=self.by, now=self.now)
                updated.append(old.decision_number)
            else:
                message = _("该文号已登记（%s），导入不能修改；请在工作台撤回后修改")
                column = self.columns.name("CF_WSH")
                problem = [column, message % old.get_status_display()]
                errors.append(_error(run, number, [problem], cells))
        self.inserter.insert(new, now=self.now)
        created_numbers = [row["decision_number"] for row in new]
        published = [row for row in new if row["status"] == Status.PUBLISHED]
        if self.index and published:
            # No post_save is sent for these rows: index them after commit.
            numbers = [row["decision_number"] for row in published]
            transaction.on_commit(lambda: _index(numbers))
        if not run.publish:
            for penalty in Penalty.objects.filter(decision_number__in=created_numbers):
                penalty_clock_start(penalty, by=self.by, now=self.now)
        return created_numbers, updated, unchanged

    def _new(self, run: ImportRun, values: dict[str, Any]) -> dict[str, Any]:
        row = dict(values)
        row.update(
            department_id=run.department_id,
            author_id=self.by.pk,
            import_run_id=run.pk,
            # The imported row is the record's origin (its import run, file and
            # row); revisions start with the first edit in the workbench.
            revision=0,
        )
        if not run.publish:
            row["status"] = Status.IN_REVIEW
            return row
        end = visibility_end_of(values["publicity_until"])
        if not values["publish_required"] or end <= self.now:
            # Warning-only (not publicised) or its window is already over.
            row["status"] = Status.APPROVED
        else:
            row.update(status=Status.PUBLISHED, publish_at=self.now, unpublish_at=end)
        row.update(reviewer_id=self.by.pk, reviewed_at=self.now)
        return row


def _index(numbers: list[str]) -> None:
    from gongkai.search.services import search_index_object

    ids = Penalty.objects.filter(decision_number__in=numbers).values_list(
        "id", flat=True
    )
    for pk in ids:
        search_index_object(model=Penalty, pk=pk)


def _error(
    run: ImportRun, number: int, problems: list[list[str]], cells: list[Any]
) -> ImportRowError:
    return ImportRowError(
        run=run,
        row=number,
        problems=problems,
        cells=[_jsonable(c) for c in cells] if cells is not None else [],
    )


ERROR_COLUMNS = ("原行号", "错误原因")


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
