"""Import licensing decisions from a spreadsheet (XLSX or CSV), as penalties do.

* Headers may be the exchange codes (XK_WSH …), the exact labels or common aliases;
  unknown columns are ignored and named in the run.
* Every row is validated in full (licences.validation); a bad row is kept with its
  row number, column and reason for the downloadable error file; the valid rows are
  imported (common.importing: one transaction and one audit event per batch,
  resumable).
* Idempotent on the 文书号: an equal row is "unchanged", a changed row updates a
  draft of the same department, a decision in review or published is not changed;
  a number another import or create registers while the batch is written is a
  row error of this import, whose other rows are kept.
* ``publish=True`` (reviewers only) publishes the valid rows at once, stopping their
  site clocks; otherwise they enter review, each on its 7-working-day clock.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any, Unpack

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import check_can_import
from gongkai.accounts.types import Staff
from gongkai.common.importing import (
    Columns,
    ImportOptions,
    Rejected,
    Written,
    import_error_file,
    import_file,
)
from gongkai.publishing.choices import Status

from ..audit_actions import LicencesAudit
from ..derive import today_in_shanghai
from ..drafts import record_insert
from ..importing import record_columns, stored_row_write
from . import rules, services
from .fields import INPUT_FIELDS, licence_field_for_header
from .models import LicenceDecision, LicenceImportRowError, LicenceImportRun
from .validation import validate_licence

__all__ = ["import_error_file", "licence_import", "licence_import_stored"]

_COMPARED = [f.attr for f in INPUT_FIELDS]


def licence_columns(headers: list[str]) -> Columns:
    """The data items of the file's columns (missing required columns refused)."""
    return record_columns(
        headers,
        fields=INPUT_FIELDS,
        field_for_header=licence_field_for_header,
        hint=_("列名可以是数据项名称或代码（如 XK_WSH）。"),
    )


def licence_import(
    *,
    data: bytes,
    file_name: str,
    department: Any,
    by: Staff,
    publish: bool = False,
    **options: Unpack[ImportOptions],
) -> LicenceImportRun:
    """Import (or resume importing) a licence spreadsheet (module docstring)."""
    check_can_import(by=by, obj=LicenceDecision(department=department), publish=publish)

    def importer(
        run: LicenceImportRun, columns: Columns, now: dt.datetime
    ) -> LicenceImporter:
        return LicenceImporter(columns=columns, run=run, by=by, now=now)

    result: LicenceImportRun = import_file(
        LicenceImportRun,
        data=data,
        file_name=file_name,
        by=by,
        columns_for=licence_columns,
        importer_for=importer,
        match={"department": department, "publish": publish},
        **options,
    )
    return result


def licence_import_stored(*, run: LicenceImportRun, data: bytes) -> LicenceImportRun:
    """Import a queued run's stored file (the worker)."""
    return licence_import(
        data=data,
        file_name=run.file_name,
        department=run.department,
        by=run.created_by,
        publish=run.publish,
    )


class LicenceImporter:
    """The licence side of an import: check a row, write a batch."""

    audit_action = LicencesAudit.IMPORT_BATCH
    error_model = LicenceImportRowError

    def __init__(
        self, *, columns: Columns, run: LicenceImportRun, by: Staff, now: dt.datetime
    ) -> None:
        self.columns, self.by, self.now, self.run = columns, by, now, run
        self.today = today_in_shanghai(now)

    def audit_context(self) -> dict[str, Any]:
        return {}

    def check(self, record: dict[str, Any]) -> tuple[str, Any, list[tuple[str, str]]]:
        result = validate_licence(record, today=self.today)
        return result.values.get("decision_number") or "", result.values, result.errors

    def repeated(self, first_row: int) -> list[str]:
        return [self.columns.name("XK_WSH"), _("与第 %d 行的文书号重复") % first_row]

    def write(
        self, run: Any, rows: list[tuple[int, list[Any], Any]], *, now: dt.datetime
    ) -> Written:
        written = Written()
        numbers = [values["decision_number"] for _n, _c, values in rows]
        existing = LicenceDecision.objects.in_bulk(
            numbers, field_name="decision_number"
        )
        new: list[tuple[int, list[Any], dict[str, Any]]] = []
        for number, cells, checked in rows:
            values = services.licence_model_values(checked)
            old = existing.get(values["decision_number"])
            if old is None:
                new.append((number, cells, values))
            elif not stored_row_write(
                written, old, values, compared=_COMPARED, run=run, by=self.by, now=now
            ):
                message = _("该文书号已登记（%s），导入不能修改；请在工作台撤回后修改")
                problem = [
                    self.columns.name("XK_WSH"),
                    message % old.get_status_display(),
                ]
                written.rejected.append(Rejected(number, [problem], cells))
        created = self._insert(new, written)
        written.created = [lic.decision_number for lic in created]
        services.licences_clock_start_bulk(created, by=self.by, now=self.now)
        published = [lic for lic in created if lic.status == Status.PUBLISHED]
        for lic in published:
            services.licence_clock_stop(
                lic, kind="published", at=self.now, by=self.by, now=self.now
            )
        return written

    def _insert(
        self, new: list[tuple[int, list[Any], dict[str, Any]]], written: Written
    ) -> list[LicenceDecision]:
        """Create the decisions whose numbers were not stored when the batch looked.

        Another import or a create may register one of them before its insert (the
        unique index refuses it then). All are inserted under one savepoint; when
        one is refused, they are inserted again one by one, each under its own
        (``record_insert``), and the number taken meanwhile is a row error: the
        rest of the batch is kept, and one savepoint, not one a row, is the cost
        when nothing collides."""
        try:
            with transaction.atomic():
                return [self._create(values) for _n, _c, values in new]
        except IntegrityError:
            pass
        created: list[LicenceDecision] = []
        for number, cells, values in new:
            licence = record_insert(
                LicenceDecision,
                partial(self._create, values),
                number=values["decision_number"],
            )
            if licence is None:
                taken = _("该文书号已由其他导入或录入同时登记")
                problem = [self.columns.name("XK_WSH"), taken]
                written.rejected.append(Rejected(number, [problem], cells))
            else:
                created.append(licence)
        return created

    def _create(self, values: dict[str, Any]) -> LicenceDecision:
        extra: dict[str, Any] = {"status": Status.IN_REVIEW}
        if self.run.publish:
            extra = {
                "status": Status.PUBLISHED,
                "publish_at": self.now,
                "reviewer": self.by,
                "reviewed_at": self.now,
            }
        return LicenceDecision.objects.create(
            **values,
            **extra,
            department_id=self.run.department_id,
            author=self.by,
            import_run=self.run,
        )


# The field codes the template of the import page lists (exchange order).
IMPORT_COLUMNS = INPUT_FIELDS
LONG_TERM_WORDS = sorted(rules.LONG_TERM_WORDS)
