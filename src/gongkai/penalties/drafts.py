"""Service steps that penalties and licensing decisions share, inside their services'
transactions. What the two laws (行政处罚法, 行政许可法) make different (validation,
clocks and deadlines, the wording of messages) stays in each kind's services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import clocks_for
from gongkai.clocks.services import clock_event_add
from gongkai.common.audit import AuditAction, audit_record
from gongkai.common.errors import ConflictError, InvalidInputError
from gongkai.common.importing.runner import new_keys_lock
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Publishable

from .validation import Result

R = TypeVar("R", bound=Publishable)


def record_invalid_error(
    result: Result, *, fields: Mapping[str, Any], code: str
) -> InvalidInputError:
    """A refused record as one error: the first problem as the message, every problem
    with its field code and label (``fields[code].label``) in the detail."""
    detail = [
        {"field": field, "label": fields[field].label, "message": msg}
        for field, msg in result.errors
    ]
    return InvalidInputError(
        _("%(label)s：%(message)s") % detail[0], code=code, detail=detail
    )


def draft_create(
    model: type[R],
    *,
    values: Mapping[str, Any],
    department: Any,
    by: Staff,
    now: dt.datetime,
    action: AuditAction,
) -> R:
    """Store a new draft with its first revision and the audit event ``action``."""
    obj = model.objects.create(**values, department=department, author=by)
    pub.revision_save(obj=obj, by=by, now=now)
    audit_record(
        actor=by,
        action=action,
        obj=obj,
        now=now,
        changes={
            "decision_number": values["decision_number"],
            "department": department,
        },
    )
    return obj


def record_insert(model: type[R], create: Callable[[], R], *, number: str) -> R | None:
    """``create()`` in a savepoint; None when the 文号 ``number`` is registered
    already. The unique index decides, not a look beforehand: another import or
    create may register the number between a look and the insert (the insert then
    waits for it and fails), and the caller's other writes stand. An import batch
    of ``model`` being written is waited for first (``new_keys_lock``)."""
    run_model = model._meta.get_field("import_run").related_model
    assert isinstance(run_model, type), run_model  # a model class, not "self"
    new_keys_lock(run_model)
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        if model.objects.filter(decision_number=number).exists():
            return None
        raise


def draft_lock(model: type[R], obj: R, *, not_draft: str) -> R:
    """``obj`` locked for an update; refused with ``not_draft`` unless a draft."""
    locked: R = model.objects.select_for_update().get(pk=obj.pk)
    if locked.status != Status.DRAFT:
        raise ConflictError(not_draft, code="publishing.not_draft")
    return locked


def draft_update(
    obj: R,
    *,
    values: Mapping[str, Any],
    by: Staff,
    now: dt.datetime,
    action: AuditAction,
) -> R:
    """Store a locked draft's new values as a revision; ``action`` names the changes."""
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for key, value in values.items():
        setattr(obj, key, value)
    obj.save()
    pub.revision_save(obj=obj, by=by, now=now)
    audit_record(
        actor=by, action=action, obj=obj, now=now, changes={"changed": changed}
    )
    return obj


def record_personal_data_view(
    obj: Any, *, by: Staff, now: dt.datetime | None, action: AuditAction
) -> bool:
    """Record that a staff user was shown a natural person's full identifiers
    (DESIGN: full values only for staff, and every such view is audited)."""
    names = [
        name
        for name in ("party_id_number", "legal_rep_id_number")
        if getattr(obj, name)
    ]
    if not names:
        return False
    audit_record(actor=by, action=action, obj=obj, now=now, changes={"fields": names})
    return True


def record_clocks_stop(
    obj: Any,
    *,
    rule_key: str,
    kind: str,
    at: dt.datetime,
    by: Staff,
    now: dt.datetime,
) -> None:
    """Stop the clocks of ``rule_key`` still running on ``obj`` (event ``kind``)."""
    for clock in (
        clocks_for(obj).filter(rule_key=rule_key).exclude(state=CachedState.STOPPED)
    ):
        clock_event_add(clock=clock, kind=kind, at=at, by=by, now=now)
