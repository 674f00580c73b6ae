"""Writes on service guides, their materials, the power list and intermediary
services. Review (submit, approve, reject, reopen) is the shared lifecycle in
``publishing.services``; a guide is checked for completeness (rules.guide_problems)
before it is submitted, approved or published, and refused with every failing
element named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.importing.runner import new_keys_lock
from gongkai.common.services import insert_unique
from gongkai.core.doc_numbers import Shape, doc_number_info
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status

from .audit_actions import GovservicesAudit
from .choices import AdjustmentKind
from .errors import GuideIncompleteError
from .models import (
    Adjustment,
    ImportRun,
    IntermediaryService,
    Material,
    PowerItem,
    ServiceItem,
)
from .rules import LISTED, AdjustmentFact, guide_problems, power_list_on

# The fields of a guide a form, the API or an import may set.
SERVICE_FIELDS = (
    "name",
    "basic_code",
    "implementation_code",
    "item_type",
    "legal_basis",
    "implementing_body",
    "theme",
    "audience",
    "accept_conditions",
    "procedure",
    "statutory_limit",
    "statutory_unit",
    "statutory_note",
    "promised_limit",
    "promised_unit",
    "promised_note",
    "visits",
    "handling_type",
    "handling_forms",
    "online_level",
    "online_address",
    "charged",
    "fee_items",
    "fee_basis",
    "online_payment",
    "place",
    "hours",
    "consult_phone",
    "complaint_phone",
    "result_name",
)
POWER_FIELDS = (
    "name",
    "power_type",
    "legal_basis",
    "responsibilities",
    "accountability",
)


def _set(obj: Any, values: Mapping[str, Any], names: tuple[str, ...]) -> list[str]:
    changed = []
    for name in names:
        if name in values and getattr(obj, name) != values[name]:
            setattr(obj, name, values[name])
            changed.append(name)
    return changed


def guide_check(item: ServiceItem) -> None:
    """Refuse an incomplete guide, naming every failing element (RULES §7)."""
    problems = guide_problems(item.facts())
    if problems:
        raise GuideIncompleteError(problems)


@transaction.atomic
def service_create(
    *,
    values: Mapping[str, Any],
    department: Any,
    by: Staff,
    now: dt.datetime | None = None,
) -> ServiceItem:
    """Create a draft guide (an incomplete draft is kept; it cannot be published)."""
    now = now or timezone.now()
    item = ServiceItem(department=department, author=by)
    if not can_edit_content(by, item):
        raise PermissionDeniedError()
    _set(item, values, SERVICE_FIELDS)
    item.save()
    pub.revision_save(obj=item, by=by, now=now)
    audit_record(
        actor=by,
        action=GovservicesAudit.SERVICE_CREATE,
        obj=item,
        now=now,
        changes={"name": item.name, "department": department},
    )
    return item


@transaction.atomic
def service_update(
    *,
    item: ServiceItem,
    values: Mapping[str, Any],
    by: Staff,
    now: dt.datetime | None = None,
) -> ServiceItem:
    """Change a draft guide; a guide in review or published is reopened first."""
    if not can_edit_content(by, item):
        raise PermissionDeniedError()
    item = ServiceItem.objects.select_for_update().get(pk=item.pk)
    if item.status != Status.DRAFT:
        raise ConflictError(
            _("只能修改草稿；请先“重新编辑”。"), code="services.not_draft"
        )
    now = now or timezone.now()
    changed = _set(item, values, SERVICE_FIELDS)
    if changed:
        item.save()
        pub.revision_save(obj=item, by=by, now=now)
        audit_record(
            actor=by,
            action=GovservicesAudit.SERVICE_UPDATE,
            obj=item,
            now=now,
            changes={"fields": changed},
        )
    return item


@transaction.atomic
def material_add(
    *,
    item: ServiceItem,
    name: str,
    by: Staff,
    originals: int = 1,
    copies: int = 0,
    necessity: str = "required",
    source: str = "",
    note: str = "",
    blank_form: UploadedFile | None = None,
    sample: UploadedFile | None = None,
    now: dt.datetime | None = None,
) -> Material:
    """Add a material to a draft guide, with its blank form and sample if given."""
    if not can_edit_content(by, item):
        raise PermissionDeniedError()
    if item.status != Status.DRAFT:
        raise ConflictError(
            _("只能修改草稿；请先“重新编辑”。"), code="services.not_draft"
        )
    if not name.strip():
        raise InvalidInputError(_("请填写材料名称。"), code="services.material_name")
    material = Material(
        service=item,
        name=name.strip(),
        originals=originals,
        copies=copies,
        necessity=necessity,
        source=source,
        note=note,
        order=item.materials.count() + 1,
    )
    if blank_form is not None:
        material.blank_form.save(blank_form.name or "blank", blank_form, save=False)
    if sample is not None:
        material.sample.save(sample.name or "sample", sample, save=False)
    material.save()
    audit_record(
        actor=by,
        action=GovservicesAudit.MATERIAL_ADD,
        obj=item,
        now=now,
        changes={"material": material.name},
    )
    return material


@transaction.atomic
def material_delete(
    *, material: Material, by: Staff, now: dt.datetime | None = None
) -> None:
    """Remove a material from a draft guide."""
    item = material.service
    if not can_edit_content(by, item):
        raise PermissionDeniedError()
    if item.status != Status.DRAFT:
        raise ConflictError(
            _("只能修改草稿；请先“重新编辑”。"), code="services.not_draft"
        )
    name = material.name
    material.delete()
    audit_record(
        actor=by,
        action=GovservicesAudit.MATERIAL_DELETE,
        obj=item,
        now=now,
        changes={"material": name},
    )


def service_submit(
    *, item: ServiceItem, by: Staff, now: dt.datetime | None = None
) -> Any:
    """Send a complete guide to review (an incomplete one is refused)."""
    if not can_edit_content(by, item):
        raise PermissionDeniedError()
    guide_check(item)
    return pub.publishing_submit(obj=item, by=by, now=now)


def service_approve(
    *,
    item: ServiceItem,
    by: Staff,
    accept_warnings: bool = False,
    now: dt.datetime | None = None,
) -> Any:
    """Approve a complete guide (an incomplete one is refused)."""
    if not can_review_content(by, item):
        raise PermissionDeniedError()
    guide_check(item)
    return pub.publishing_approve(
        obj=item, by=by, accept_warnings=accept_warnings, now=now
    )


def service_publish(
    *,
    item: ServiceItem,
    by: Staff,
    publish_at: dt.datetime | None = None,
    unpublish_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Any:
    """Publish a complete guide (an incomplete one is refused)."""
    if not can_review_content(by, item):
        raise PermissionDeniedError()
    guide_check(item)
    return pub.publishing_publish(
        obj=item, by=by, publish_at=publish_at, unpublish_at=unpublish_at, now=now
    )


# ---------------------------------------------------------------- power list


def doc_number_flag(doc_number: str) -> str:
    """A note on a 文号 of no known shape (kept as written, core.doc_numbers)."""
    if doc_number.strip() and doc_number_info(doc_number).shape == Shape.UNKNOWN:
        return _("文号格式不常见，已按原样保存，请核对")
    return ""


@transaction.atomic
def power_item_create(
    *,
    code: str,
    values: Mapping[str, Any],
    department: Any,
    kind: str,
    effective_on: dt.date,
    doc_number: str,
    reason: str = "",
    delegated_to: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> PowerItem:
    """Put an item on the power list (新增, 保留 or 承接) from ``effective_on``."""
    now = now or timezone.now()
    item = PowerItem(code=code.strip(), department=department)
    if not can_edit_content(by, item):
        raise PermissionDeniedError()
    if kind not in LISTED - {"change"}:
        raise InvalidInputError(
            _("新列入清单的事项，调整类型应为新增、保留或承接。"),
            code="services.power_kind",
        )
    if not item.code:
        raise InvalidInputError(_("请填写事项编码。"), code="services.power_code")
    _set(item, values, POWER_FIELDS)
    # An import batch of the power list being written is waited for (its codes
    # are then seen); the unique index decides between two creates of one code.
    new_keys_lock(ImportRun)
    insert_unique(
        item.save,
        taken=lambda: PowerItem.objects.filter(code=item.code).exists(),
        refusal=ConflictError(
            _("事项编码“%s”已在清单中。") % item.code, code="services.power_duplicate"
        ),
    )
    _adjustment(item, kind, effective_on, doc_number, reason, delegated_to, by, now)
    audit_record(
        actor=by,
        action=GovservicesAudit.POWER_CREATE,
        obj=item,
        now=now,
        changes={"code": item.code, "kind": kind, "doc_number": doc_number},
    )
    return item


def _adjustment(
    item: PowerItem,
    kind: str,
    effective_on: dt.date,
    doc_number: str,
    reason: str,
    delegated_to: str,
    by: Staff,
    now: dt.datetime,
) -> Adjustment:
    return Adjustment.objects.create(
        item=item,
        kind=kind,
        effective_on=effective_on,
        doc_number=doc_number.strip(),
        reason=reason.strip(),
        delegated_to=delegated_to.strip(),
        snapshot=item.snapshot(),
        recorded_by=by,
        recorded_at=now,
    )


@transaction.atomic
def power_adjust(
    *,
    item: PowerItem,
    kind: str,
    effective_on: dt.date,
    doc_number: str,
    reason: str,
    delegated_to: str = "",
    values: Mapping[str, Any] | None = None,
    department: Any = None,
    by: Staff,
    now: dt.datetime | None = None,
) -> Adjustment:
    """Record one adjustment of a listed item: 取消, 下放, 调整 (with the new values),
    保留, or 承接/新增 of an item that was off the list."""
    now = now or timezone.now()
    if not can_edit_content(by, item):
        raise PermissionDeniedError()
    if kind not in AdjustmentKind.values:
        raise InvalidInputError(_("未知的调整类型。"), code="services.power_kind")
    item = PowerItem.objects.select_for_update().get(pk=item.pk)
    facts = [
        AdjustmentFact(item.code, a.kind, a.effective_on, {}, seq=a.pk)
        for a in item.adjustments.all()
    ]
    listed = item.code in power_list_on(facts, effective_on)
    if kind in ("add", "take_over") and listed:
        raise ConflictError(
            _("该事项在%s已列入清单，不能再新增或承接。") % effective_on,
            code="services.power_state",
        )
    if kind not in ("add", "take_over") and not listed:
        raise ConflictError(
            _("该事项在%s不在清单中，只能新增或承接。") % effective_on,
            code="services.power_state",
        )
    if not reason.strip() and kind in ("cancel", "delegate", "change"):
        raise InvalidInputError(
            _("取消、下放和调整事项应说明理由。"), code="services.power_reason"
        )
    if kind == "delegate" and not delegated_to.strip():
        raise InvalidInputError(
            _("下放事项应写明下放至哪一级或哪个部门。"), code="services.power_delegate"
        )
    if kind == "change":
        changed = _set(item, values or {}, POWER_FIELDS)
        if department is not None and department.pk != item.department_id:
            item.department = department
            changed.append("department")
        if not changed:
            raise InvalidInputError(
                _("调整事项应至少修改一项内容。"), code="services.power_unchanged"
            )
    item.save()  # the list, its search entry and page cache follow
    adjustment = _adjustment(
        item, kind, effective_on, doc_number, reason, delegated_to, by, now
    )
    audit_record(
        actor=by,
        action=GovservicesAudit.POWER_ADJUST,
        obj=item,
        now=now,
        changes={
            "kind": kind,
            "effective_on": effective_on,
            "doc_number": doc_number,
        },
    )
    return adjustment


# ---------------------------------------------------------------- intermediaries

INTERMEDIARY_FIELDS = ("name", "approval", "providers", "charging", "basis")


@transaction.atomic
def intermediary_create(
    *,
    values: Mapping[str, Any],
    department: Any,
    by: Staff,
    now: dt.datetime | None = None,
) -> IntermediaryService:
    """Create a draft intermediary service item."""
    now = now or timezone.now()
    obj = IntermediaryService(department=department, author=by)
    if not can_edit_content(by, obj):
        raise PermissionDeniedError()
    _set(obj, values, INTERMEDIARY_FIELDS)
    insert_unique(
        obj.save,
        taken=lambda: IntermediaryService.objects.filter(name=obj.name).exists(),
        refusal=ConflictError(
            _("中介服务事项“%s”已登记。") % obj.name,
            code="services.intermediary_duplicate",
        ),
    )
    pub.revision_save(obj=obj, by=by, now=now)
    audit_record(
        actor=by,
        action=GovservicesAudit.INTERMEDIARY_CREATE,
        obj=obj,
        now=now,
        changes={"name": obj.name},
    )
    return obj


@transaction.atomic
def intermediary_update(
    *,
    obj: IntermediaryService,
    values: Mapping[str, Any],
    by: Staff,
    now: dt.datetime | None = None,
) -> IntermediaryService:
    """Change a draft intermediary service item."""
    if not can_edit_content(by, obj):
        raise PermissionDeniedError()
    obj = IntermediaryService.objects.select_for_update().get(pk=obj.pk)
    if obj.status != Status.DRAFT:
        raise ConflictError(
            _("只能修改草稿；请先“重新编辑”。"), code="services.not_draft"
        )
    now = now or timezone.now()
    changed = _set(obj, values, INTERMEDIARY_FIELDS)
    if changed:
        obj.save()
        pub.revision_save(obj=obj, by=by, now=now)
        audit_record(
            actor=by,
            action=GovservicesAudit.INTERMEDIARY_UPDATE,
            obj=obj,
            now=now,
            changes={"fields": changed},
        )
    return obj
