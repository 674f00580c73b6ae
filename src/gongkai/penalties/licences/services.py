"""Writes on licensing decisions: create/update a draft (starting the site clock),
publish (stopping it), withdraw (stopping a clock still running), and the audited view
of a natural person's full identifiers.

Review (submit, approve, reject, reopen) is the shared lifecycle in
``publishing.services``. The site clock ``licence.publish`` runs 7 working days from
the decision (licences.rules: 国办发〔2018〕118号 and the work plan); a decision
entered after its clock ran out is still recorded, and the clock shows it late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import clock_rule, work_calendar
from gongkai.clocks.services import (
    ClockStartItem,
    clock_start,
    clocks_start_bulk,
)
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.publishing import services as pub

from ..audit_actions import LicencesAudit
from ..derive import start_of_day, today_in_shanghai
from ..drafts import (
    draft_create,
    draft_lock,
    draft_update,
    record_clocks_stop,
    record_insert,
    record_invalid_error,
    record_personal_data_view,
)
from . import rules
from .fields import BY_CODE
from .models import LicenceDecision
from .validation import validate_licence


def licence_due_on(decided_on: dt.date) -> dt.date:
    """The last day of the site clock: 7 working days after the decision."""
    length = clock_rule(rules.SITE_RULE_KEY, start=decided_on).length
    due = work_calendar().add_working_days(decided_on, length)
    return dt.date(due.year, due.month, due.day)


def licence_model_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validated values as model field values, with the site clock's due day."""
    out = {k: ("" if v is None else v) for k, v in values.items()}
    out["publish_due_on"] = licence_due_on(values["decided_on"])
    return out


def _title(licence: LicenceDecision) -> str:
    return _("许可公示（网站）：%s") % licence.decision_number


def licence_clock_start(
    licence: LicenceDecision, *, by: Staff, now: dt.datetime
) -> None:
    """Start the site clock on the decision day; callers hold the transaction."""
    clock_start(
        subject=licence,
        rule_key=rules.SITE_RULE_KEY,
        at=min(start_of_day(licence.decided_on), now),
        title=_title(licence),
        department=licence.department,
        start_event="decided",
        by=by,
        now=now,
    )


def licences_clock_start_bulk(
    licences: Iterable[LicenceDecision], *, by: Staff, now: dt.datetime
) -> None:
    """``licence_clock_start`` for an import batch: one bulk start."""
    items = [
        ClockStartItem(
            subject=licence,
            at=min(start_of_day(licence.decided_on), now),
            title=_title(licence),
            department_id=licence.department_id,
        )
        for licence in licences
    ]
    if items:
        clocks_start_bulk(
            rule_key=rules.SITE_RULE_KEY,
            items=items,
            start_event="decided",
            by=by,
            now=now,
        )


@transaction.atomic
def licence_create(
    *,
    record: Mapping[str, Any],
    department: Any,
    by: Staff,
    now: dt.datetime | None = None,
) -> LicenceDecision:
    """Create a draft licensing decision from raw cells keyed by exchange code."""
    now = now or timezone.now()
    if not can_edit_content(by, LicenceDecision(department=department)):
        raise PermissionDeniedError()
    result = validate_licence(record, today=today_in_shanghai(now))
    if not result.ok:
        raise record_invalid_error(result, fields=BY_CODE, code="licence.invalid")
    number = result.values["decision_number"]
    licence = record_insert(
        LicenceDecision,
        lambda: draft_create(
            LicenceDecision,
            values=licence_model_values(result.values),
            department=department,
            by=by,
            now=now,
            action=LicencesAudit.CREATE,
        ),
        number=number,
    )
    if licence is None:
        raise ConflictError(
            _("行政许可决定文书号“%s”已经登记。") % number, code="licence.duplicate"
        )
    licence_clock_start(licence, by=by, now=now)
    return licence


@transaction.atomic
def licence_update(
    *,
    licence: LicenceDecision,
    record: Mapping[str, Any],
    by: Staff,
    now: dt.datetime | None = None,
) -> LicenceDecision:
    """Change a draft (the 文书号 stays); a new revision is kept."""
    now = now or timezone.now()
    if not can_edit_content(by, licence):
        raise PermissionDeniedError()
    licence = draft_lock(
        LicenceDecision,
        licence,
        not_draft=_("只有草稿可以修改；已发布的许可信息请先撤回。"),
    )
    result = validate_licence(record, today=today_in_shanghai(now))
    if not result.ok:
        raise record_invalid_error(result, fields=BY_CODE, code="licence.invalid")
    if result.values["decision_number"] != licence.decision_number:
        raise InvalidInputError(
            _("行政许可决定文书号不能修改。"), code="licence.number_fixed"
        )
    return draft_update(
        licence,
        values=licence_model_values(result.values),
        by=by,
        now=now,
        action=LicencesAudit.UPDATE,
    )


def licence_clock_stop(
    licence: LicenceDecision, *, kind: str, at: dt.datetime, by: Staff, now: dt.datetime
) -> None:
    """Stop the site clock if it still runs (published, or withdrawn)."""
    record_clocks_stop(
        licence, rule_key=rules.SITE_RULE_KEY, kind=kind, at=at, by=by, now=now
    )


@transaction.atomic
def licence_publish(
    *,
    licence: LicenceDecision,
    by: Staff,
    publish_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> LicenceDecision:
    """Publish an approved decision (no end: it stays, its 当前状态 shows whether the
    licence is still valid); stops the site clock, on time or late."""
    now = now or timezone.now()
    start = publish_at or now
    licence = pub.publishing_publish(  # type: ignore[assignment]
        obj=licence, by=by, publish_at=start, unpublish_at=None, now=now
    )
    licence_clock_stop(licence, kind="published", at=start, by=by, now=now)
    return licence


@transaction.atomic
def licence_withdraw(
    *,
    licence: LicenceDecision,
    reason: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> LicenceDecision:
    """Withdraw a published decision with its public reason (a clock still running
    stops as withdrawn)."""
    now = now or timezone.now()
    if not can_review_content(by, licence):
        raise PermissionDeniedError()
    licence = pub.publishing_withdraw(obj=licence, by=by, reason=reason, now=now)  # type: ignore[assignment]
    licence_clock_stop(licence, kind="withdrawn", at=now, by=by, now=now)
    return licence


def licence_personal_data_view(
    *, licence: LicenceDecision, by: Staff, now: dt.datetime | None = None
) -> bool:
    """Record that a staff user was shown a natural person's full identifiers."""
    return record_personal_data_view(
        licence, by=by, now=now, action=LicencesAudit.PERSONAL_DATA_VIEW
    )
