"""Import penalties from a spreadsheet as staff keep it (XLSX or CSV).

* Headers may be the exchange codes, the exact labels or common aliases
  (fields.field_for_header); unknown columns are ignored and named in the run.
* Every row is validated in full (validation.validate_record); a bad row is kept with
  its row number, column and reason, and its cells, for the downloadable error file;
  the valid rows are imported.
* Idempotent on the decision number: a row equal to the stored record is "unchanged";
  a changed row updates a draft; a record already in review or published is not
  changed by an import (the row is reported instead); a number another import or
  create registers while the batch is written is a row error of this import, whose
  other rows are kept (bulk.Inserter skips it).
* ``publish=True`` publishes the valid rows at once (reviewers only, audited: each
  batch's audit event names the decision numbers it published); otherwise they enter
  review, each on its publication clock.
* One transaction per batch, resumable (common.importing): the run records the first
  row not yet committed, so an interrupted import resumes where it stopped when the
  same file is imported again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Unpack

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import check_can_import
from gongkai.accounts.types import Staff
from gongkai.common.importing import (
    BATCH_SIZE,
    Columns,
    ImportOptions,
    Rejected,
    Written,
    import_error_file,
    import_file,
)
from gongkai.penalties.audit_actions import PenaltiesAudit
from gongkai.publishing.caching import content_changed
from gongkai.publishing.choices import Status
from gongkai.publishing.services import revisions_record_many
from gongkai.search.registry import by_kind
from gongkai.search.services import index_bulk

from .bulk import Inserter
from .derive import RulesOn, today_in_shanghai
from .fields import FIELDS, FieldSpec, field_for_header
from .models import ImportRowError, ImportRun, Penalty
from .name_index import name_index_bulk
from .services import penalties_clock_start_bulk, visibility_end_of

__all__ = [
    "BATCH_SIZE",
    "import_error_file",
    "penalty_import",
    "penalty_import_stored",
    "record_columns",
    "stored_row_write",
]

_COMPARED = [f.attr for f in FIELDS] + ["publish_required"]
# What an existing record needs for the comparison and for a draft's update.
_LOADED = [
    *_COMPARED,
    "earliest_end",
    "window_basis",
    "publish_due_on",
    "gsxt_due_on",
    "status",
    "department",
    "revision",
]


def record_columns(
    headers: list[str],
    *,
    fields: Sequence[FieldSpec],
    field_for_header: Callable[[str], FieldSpec | None],
    hint: str,
) -> Columns:
    """The data items of a file's columns, named by exchange code, label or alias
    (penalties and licensing decisions); missing required columns refused."""

    def lookup(header: str) -> str | None:
        spec = field_for_header(header)
        return spec.code if spec else None

    return Columns(
        headers,
        lookup=lookup,
        labels={f.code: f.label for f in fields},
        required=[f.code for f in fields if f.required],
        hint=hint,
    )


def stored_row_write(
    written: Written,
    old: Any,
    values: dict[str, Any],
    *,
    compared: Sequence[str],
    run: Any,
    by: Staff,
    now: dt.datetime,
) -> bool:
    """A row whose 文号 is stored: unchanged if equal, else a draft of the run's
    department is updated; False if the record is beyond draft (caller rejects)."""
    if all(getattr(old, k) == values.get(k) for k in compared if k in values):
        written.unchanged += 1
    elif old.status == Status.DRAFT and old.department_id == run.department_id:
        for key, value in values.items():
            setattr(old, key, value)
        old.revision += 1
        old.save()
        revisions_record_many(objs=[old], by=by, now=now)
        written.updated.append(old.decision_number)
    else:
        return False
    return True


def penalty_columns(headers: list[str]) -> Columns:
    """The data items of the file's columns (missing required columns refused)."""
    return record_columns(
        headers,
        fields=FIELDS,
        field_for_header=field_for_header,
        hint=_("列名可以是数据项名称或代码（如 CF_WSH）。"),
    )


def penalty_import(
    *,
    data: bytes,
    file_name: str,
    department: Any,
    by: Staff,
    publish: bool = False,
    index: bool = True,
    **options: Unpack[ImportOptions],
) -> ImportRun:
    """Import (or resume importing) a penalty spreadsheet; see the module docstring.

    ``index=False`` leaves the site-search index to ``gongkai search reindex`` (for
    very large imports); ``queue=True`` only checks the file and queues it for the
    worker (``gongkai imports work``), which calls ``penalty_import_stored``.
    """
    check_can_import(by=by, obj=Penalty(department=department), publish=publish)

    def importer(run: ImportRun, columns: Columns, now: dt.datetime) -> PenaltyImporter:
        return PenaltyImporter(columns=columns, run=run, by=by, now=now, index=index)

    result: ImportRun = import_file(
        ImportRun,
        data=data,
        file_name=file_name,
        by=by,
        columns_for=penalty_columns,
        importer_for=importer,
        match={"department": department, "publish": publish},
        options={"index": index},
        **options,
    )
    return result


def penalty_import_stored(*, run: ImportRun, data: bytes) -> ImportRun:
    """Import a queued run's stored file (the worker): the same import, resumed."""
    return penalty_import(
        data=data,
        file_name=run.file_name,
        department=run.department,
        by=run.created_by,
        publish=run.publish,
        index=bool(run.options.get("index", True)),
    )


class PenaltyImporter:
    """The penalty side of an import: check a row, write a batch."""

    audit_action = PenaltiesAudit.IMPORT_BATCH
    error_model = ImportRowError

    def __init__(
        self,
        *,
        columns: Columns,
        run: ImportRun,
        by: Staff,
        now: dt.datetime,
        index: bool,
    ) -> None:
        self.columns, self.by, self.now, self.index = columns, by, now, index
        self.rules = RulesOn()
        self.today = today_in_shanghai(now)
        self.publish = run.publish
        constants: dict[str, Any] = {
            "department_id": run.department_id,
            "author_id": by.pk,
            "import_run_id": run.pk,
            # The imported row is the record's origin (its import run, file and
            # row); revisions start with the first edit in the workbench.
            "revision": 0,
            "status": Status.IN_REVIEW,
        }
        if run.publish:
            constants.update(reviewer_id=by.pk, reviewed_at=now)
        self._ends: dict[dt.date, dt.datetime] = {}  # visibility_end_of, remembered
        self.inserter = Inserter(
            Penalty, conflict="decision_number", constants=constants, now=now
        )

    def audit_context(self) -> dict[str, Any]:
        return {}

    def check(self, record: dict[str, Any]) -> tuple[str, Any, list[tuple[str, str]]]:
        result = self.rules.validate(record, now=self.now)
        return result.values.get("decision_number") or "", result.values, result.errors

    def repeated(self, first_row: int) -> list[str]:
        return [
            self.columns.name("CF_WSH"),
            _("与第 %d 行的决定书文号重复") % first_row,
        ]

    def write(
        self, run: Any, rows: list[tuple[int, list[Any], Any]], *, now: dt.datetime
    ) -> Written:
        written = Written()
        numbers = [values["decision_number"] for _n, _c, values in rows]
        known = _stored_numbers(numbers)
        existing = (
            Penalty.objects.filter(decision_number__in=known)
            .only(*_LOADED)
            .in_bulk(field_name="decision_number")
            if known
            else {}
        )
        new: list[dict[str, Any]] = []
        origin: dict[str, tuple[int, list[Any]]] = {}
        for number, cells, checked in rows:
            values = self.rules.model_values(checked)
            old = existing.get(values["decision_number"])
            if old is None:
                new.append(self._new(values))
                origin[values["decision_number"]] = (number, cells)
            elif not stored_row_write(
                written, old, values, compared=_COMPARED, run=run, by=self.by, now=now
            ):
                message = _("该文号已登记（%s），导入不能修改；请在工作台撤回后修改")
                problem = [
                    self.columns.name("CF_WSH"),
                    message % old.get_status_display(),
                ]
                written.rejected.append(Rejected(number, [problem], cells))
        written.created = self._insert(new)
        for key in set(origin) - set(written.created):
            number, cells = origin[key]
            problem = [
                self.columns.name("CF_WSH"),
                _("该文号已由其他导入或录入同时登记"),
            ]
            written.rejected.append(Rejected(number, [problem], cells))
        self._after_insert(new, written.created)
        return written

    def _insert(self, new: list[dict[str, Any]]) -> list[str]:
        if not new:
            return []
        with name_index_bulk():
            return self.inserter.insert(new)

    def _new(self, values: dict[str, Any]) -> dict[str, Any]:
        row = values
        if not self.publish:
            return row
        # 总局令第45号 第十三条: the period runs from today's publication; a later
        # 公示截止期 in the file stands.
        window = self.rules.window_on_publication(
            decided_on=values["decided_on"],
            types=tuple(t for t in values["penalty_types"].split(",") if t),
            fine_amount=values.get("fine_amount"),
            sector=values.get("sector") or "general",
            restriction_until=values.get("restriction_until"),
            published_on=self.today,
        )
        if window.until > values["publicity_until"]:
            row.update(publicity_until=window.until, window_basis=window.basis)
        row["earliest_end"] = window.earliest_end
        until = row["publicity_until"]
        end = self._ends.get(until)
        if end is None:
            end = self._ends[until] = visibility_end_of(until)
        if not values["publish_required"] or end <= self.now:
            # Warning-only (not publicised) or its window is already over.
            row["status"] = Status.APPROVED
        else:
            row.update(status=Status.PUBLISHED, publish_at=self.now, unpublish_at=end)
        return row

    def _after_insert(self, new: list[dict[str, Any]], created: list[str]) -> None:
        if not created:
            return
        if not self.publish:
            penalties_clock_start_bulk(
                Penalty.objects.filter(decision_number__in=created)
                .only(
                    "pk",
                    "decision_number",
                    "decided_on",
                    "department_id",
                    "publish_required",
                )
                .order_by("pk"),
                by=self.by,
                now=self.now,
            )
            return
        stored = set(created)
        published = [
            row["decision_number"]
            for row in new
            if row["status"] == Status.PUBLISHED and row["decision_number"] in stored
        ]
        if published:
            # No post_save is sent for these rows: the public pages change with
            # this batch's commit.
            content_changed()
        if self.index and published:
            # Indexed in the batch's own transaction: one commit makes the rows
            # public and searchable together, so no interruption leaves a
            # published row out of search (resume starts after the commit).
            _index(published)


def _stored_numbers(numbers: list[str]) -> list[str]:
    """Which of ``numbers`` are stored: one plain query (a new import's batch finds
    none, and the ORM's IN of a thousand parameters costs more than the query)."""
    if not numbers:
        return []
    q = connection.ops.quote_name
    column = q(Penalty._meta.get_field("decision_number").column)
    marks = ", ".join(["%s"] * len(numbers))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {q(Penalty._meta.db_table)} "  # noqa: S608 (quoted names)
            f"WHERE {column} IN ({marks})",
            numbers,
        )
        return [row[0] for row in cursor.fetchall()]


def _index(numbers: list[str]) -> None:
    source = by_kind(Penalty._meta.label_lower)
    if source is None:
        return
    items = []
    for penalty in Penalty.objects.filter(decision_number__in=numbers):
        entry = source.entry(penalty)
        if entry is not None:
            items.append((penalty.pk, entry))
    with transaction.atomic():
        index_bulk(source=source, items=items, now=timezone.now())
