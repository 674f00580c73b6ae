"""Import service items, power items and adjustments from XLSX/CSV, with the penalty
import's row errors (common.importing): every bad cell and every failing guide
element is reported with its row and column, the valid rows are imported, one
transaction per batch, resumable with the same file.

* Service items: identity is the 实施编码. A complete guide enters review (or is
  published at once by a reviewer with ``publish``); a guide that fails the
  completeness checks (rules.guide_problems) is refused with every element named;
  an existing draft of the same department is updated; a guide in review or
  published is not changed by an import.
* Power items: identity is the 事项编码; a new item enters the list with its first
  adjustment (新增/保留/承接, default 保留); an item already on the list is refused
  (adjustments are imported as such).
* Adjustments: each row is one adjustment of a listed item (services.power_adjust).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Unpack

from django.utils.translation import gettext as _

from gongkai.accounts.models import Department
from gongkai.accounts.permissions import check_can_import
from gongkai.accounts.types import Staff
from gongkai.common import importing as shared
from gongkai.common.errors import GongkaiError
from gongkai.publishing.caching import content_changed
from gongkai.publishing.choices import Status
from gongkai.publishing.services import revisions_record_many

from . import services
from .audit_actions import GovservicesAudit
from .models import ImportRowError, ImportRun, Material, PowerItem, ServiceItem
from .rules import guide_problems
from .sheets import KINDS, Column, read_row

__all__ = ["govservices_import", "govservices_import_stored"]


def _key(text: str) -> str:
    return text.strip().replace(" ", "").replace("\u3000", "").replace("*", "")


def kind_columns(columns: tuple[Column, ...], headers: list[str]) -> shared.Columns:
    """The columns of the file (by label or key; required ones must be there)."""
    names: dict[str, str] = {}
    for c in columns:
        names[_key(c.key)] = c.key
        names[_key(c.label)] = c.key
    return shared.Columns(
        headers,
        lookup=lambda header: names.get(_key(header)),
        labels={c.key: c.label for c in columns},
        required=[c.key for c in columns if c.required],
    )


def govservices_import(
    *,
    kind: str,
    data: bytes,
    file_name: str,
    department: Any,
    by: Staff,
    publish: bool = False,
    **options: Unpack[shared.ImportOptions],
) -> ImportRun:
    """Import (or resume importing) a spreadsheet of ``kind`` (services, powers,
    adjustments); ``queue=True`` only checks the file and queues it."""
    if kind not in KINDS:
        raise GongkaiError(_("未知的导入内容。"), code="import.kind")
    check_can_import(by=by, obj=ServiceItem(department=department), publish=publish)
    columns = KINDS[kind][1]
    importer_class = IMPORTERS[kind]
    result: ImportRun = shared.import_file(
        ImportRun,
        data=data,
        file_name=file_name,
        by=by,
        columns_for=lambda headers: kind_columns(columns, headers),
        importer_for=lambda run, cols, now: importer_class(
            columns=cols, specs=columns, by=by, now=now
        ),
        match={"department": department, "publish": publish, "kind": kind},
        **options,
    )
    return result


def govservices_import_stored(*, run: ImportRun, data: bytes) -> ImportRun:
    """Import a queued run's stored file (the worker): the same import, resumed."""
    return govservices_import(
        kind=run.kind,
        data=data,
        file_name=run.file_name,
        department=run.department,
        by=run.created_by,
        publish=run.publish,
    )


class _Base:
    audit_action = GovservicesAudit.IMPORT_BATCH
    error_model = ImportRowError
    key_field = "code"

    def __init__(
        self,
        *,
        columns: shared.Columns,
        specs: tuple[Column, ...],
        by: Staff,
        now: dt.datetime,
    ) -> None:
        self.columns, self.specs, self.by, self.now = columns, specs, by, now

    def audit_context(self) -> dict[str, Any]:
        return {}

    def repeated(self, first_row: int) -> list[str]:
        return [self.columns.name(self.key_field), _("与第 %d 行重复") % first_row]

    def check(self, record: dict[str, Any]) -> tuple[str, Any, list[tuple[str, str]]]:
        values, problems = read_row(self.specs, record)
        if problems:
            return "", None, problems
        return str(values[self.key_field]), values, []


class ServiceImporter(_Base):
    key_field = "implementation_code"

    def check(self, record: dict[str, Any]) -> tuple[str, Any, list[tuple[str, str]]]:
        key, values, problems = super().check(record)
        if problems:
            return key, values, problems
        item = ServiceItem(**{k: v for k, v in values.items() if k != "materials"})
        found = guide_problems(item.facts(materials=len(values.get("materials", []))))
        if found:
            return "", None, [(p.element, p.message) for p in found]
        return key, values, []

    def write(
        self, run: Any, rows: list[tuple[int, list[Any], Any]], *, now: dt.datetime
    ) -> shared.Written:
        written = shared.Written()
        keys = [values["implementation_code"] for _n, _c, values in rows]
        existing = {
            s.implementation_code: s
            for s in ServiceItem.objects.filter(implementation_code__in=keys)
        }
        touched: list[ServiceItem] = []
        for number, cells, values in rows:
            materials = values.pop("materials", [])
            old = existing.get(values["implementation_code"])
            if old is not None and (
                old.status != Status.DRAFT or old.department_id != run.department_id
            ):
                message = _("该事项已存在（%s），导入不能修改；请在工作台撤回后修改")
                problem = [self.columns.name("implementation_code"),
                           message % old.get_status_display()]  # fmt: skip
                written.rejected.append(shared.Rejected(number, [problem], cells))
                continue
            item = old or ServiceItem(department_id=run.department_id, author=self.by)
            for name, value in values.items():
                setattr(item, name, value)
            if run.publish:
                item.status, item.reviewer, item.reviewed_at = (
                    Status.PUBLISHED, self.by, now
                )  # fmt: skip
                item.publish_at = now
            else:
                item.status = Status.IN_REVIEW
            item.revision += 1
            item.save()
            item.materials.all().delete()
            Material.objects.bulk_create(
                Material(service=item, name=name, order=i)
                for i, name in enumerate(materials, 1)
            )
            touched.append(item)
            (written.updated if old else written.created).append(
                item.implementation_code
            )
        revisions_record_many(objs=list(touched), by=self.by, now=now)
        if run.publish and touched:
            content_changed()
        return written


class PowerImporter(_Base):
    def write(
        self, run: Any, rows: list[tuple[int, list[Any], Any]], *, now: dt.datetime
    ) -> shared.Written:
        written = shared.Written()
        for number, cells, values in rows:
            department = run.department
            if values.get("department"):
                department = Department.objects.filter(
                    name=values["department"]
                ).first()
                if department is None:
                    problem = [self.columns.name("department"),
                               _("没有名为“%s”的处室") % values["department"]]  # fmt: skip
                    written.rejected.append(shared.Rejected(number, [problem], cells))
                    continue
            try:
                services.power_item_create(
                    code=values["code"],
                    values=values,
                    department=department,
                    kind=values.get("kind") or "retain",
                    effective_on=values["effective_on"],
                    doc_number=values.get("doc_number", ""),
                    reason=values.get("reason", ""),
                    by=self.by,
                    now=now,
                )
            except GongkaiError as exc:
                problem = [self.columns.name("code"), str(exc.message)]
                written.rejected.append(shared.Rejected(number, [problem], cells))
                continue
            written.created.append(values["code"])
        return written


class AdjustmentImporter(_Base):
    def repeated(self, first_row: int) -> list[str]:
        return [self.columns.name("code"), _("与第 %d 行重复") % first_row]

    def check(self, record: dict[str, Any]) -> tuple[str, Any, list[tuple[str, str]]]:
        key, values, problems = super().check(record)
        if problems:
            return key, values, problems
        # One item may be adjusted more than once in a file, on different days.
        return f"{key}|{values['effective_on']}|{values['kind']}", values, []

    def write(
        self, run: Any, rows: list[tuple[int, list[Any], Any]], *, now: dt.datetime
    ) -> shared.Written:
        written = shared.Written()
        items = {
            p.code: p
            for p in PowerItem.objects.filter(code__in=[r[2]["code"] for r in rows])
        }
        for number, cells, values in rows:
            item = items.get(values["code"])
            if item is None:
                problem = [self.columns.name("code"), _("清单中没有此事项编码")]
                written.rejected.append(shared.Rejected(number, [problem], cells))
                continue
            changes = {k: v for k in ("name", "legal_basis", "responsibilities",
                                      "accountability") if (v := values.get(k))}  # fmt: skip
            try:
                services.power_adjust(
                    item=item,
                    kind=values["kind"],
                    effective_on=values["effective_on"],
                    doc_number=values.get("doc_number", ""),
                    reason=values.get("reason", ""),
                    delegated_to=values.get("delegated_to", ""),
                    values=changes,
                    by=self.by,
                    now=now,
                )
            except GongkaiError as exc:
                problem = [self.columns.name("kind"), str(exc.message)]
                written.rejected.append(shared.Rejected(number, [problem], cells))
                continue
            written.created.append(f"{values['code']} {values['kind']}")
        return written


IMPORTERS: dict[str, type[_Base]] = {
    "services": ServiceImporter,
    "powers": PowerImporter,
    "adjustments": AdjustmentImporter,
}
