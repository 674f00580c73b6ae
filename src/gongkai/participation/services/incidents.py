"""Writes of incidents and public concern: record one (its hour clocks start at
``occurred_at``) and add its releases, press conference and responses (each stops
the clock it answers)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.choices import Role
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import has_role
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import clocks_for
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError

from ..audit_actions import ParticipationAudit
from ..clock_rules import OPINION_RESPONSE, PRESS_CONFERENCE, RELEASE
from ..models import Incident, IncidentKind, IncidentRelease, ReleaseKind

__all__ = ["can_handle_incident", "incident_create", "incident_release_add"]


def can_handle_incident(user: object, department_id: int | None) -> bool:
    """The office and admins; a department its own incidents."""
    if has_role(user, Role.REVIEWER, Role.ADMIN):
        return True
    return (
        has_role(user, Role.STAFF)
        and department_id is not None
        and (getattr(user, "department_id", None) == department_id)
    )


# (rule key, start event) of each kind's clocks
_CLOCKS: dict[str, tuple[tuple[str, str], ...]] = {
    IncidentKind.MAJOR: ((RELEASE, "occurred"), (PRESS_CONFERENCE, "occurred")),
    IncidentKind.CONCERN: ((OPINION_RESPONSE, "detected"),),
}
# the clock event each kind of release records
_STOPS: dict[str, str] = {
    ReleaseKind.RELEASE: "released",
    ReleaseKind.PRESS_CONFERENCE: "press_conference_held",
    ReleaseKind.RESPONSE: "responded",
}


@transaction.atomic
def incident_create(
    *,
    title: str,
    kind: str,
    occurred_at: dt.datetime,
    department: Department,
    summary: str = "",
    is_public: bool = True,
    by: Staff,
    now: dt.datetime | None = None,
) -> Incident:
    """Record an incident or a public concern and start its hour clocks."""
    now = now or timezone.now()
    if not can_handle_incident(by, department.pk):
        raise PermissionDeniedError()
    if kind not in IncidentKind.values:
        raise InvalidInputError(_("请选择事件类型。"), code="incident.kind")
    if not title.strip():
        raise InvalidInputError(_("请填写事件名称。"), code="incident.blank")
    if occurred_at > now:
        raise InvalidInputError(_("发生时间不能晚于现在。"), code="incident.future")
    incident = Incident.objects.create(
        title=title.strip()[:200],
        kind=kind,
        occurred_at=occurred_at.replace(second=0, microsecond=0),
        summary=summary.strip(),
        department=department,
        is_public=is_public,
        created_by=by,
    )
    for key, start in _CLOCKS[kind]:
        clock_start(
            subject=incident,
            rule_key=key,
            at=incident.occurred_at,
            title=incident.title,
            department=department,
            start_event=start,
            by=by,
            now=now,
        )
    audit_record(
        actor=by,
        action=ParticipationAudit.INCIDENT_CREATE,
        obj=incident,
        changes={"kind": kind, "occurred_at": incident.occurred_at},
        now=now,
    )
    return incident


@transaction.atomic
def incident_release_add(
    *,
    incident: Incident,
    kind: str,
    title: str,
    at: dt.datetime,
    url: str = "",
    body: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> IncidentRelease:
    """Add a release, press conference or response; the first of each kind stops
    the clock it answers."""
    now = now or timezone.now()
    if not can_handle_incident(by, incident.department_id):
        raise PermissionDeniedError()
    if kind not in ReleaseKind.values:
        raise InvalidInputError(_("请选择发布类型。"), code="incident.release_kind")
    if not title.strip():
        raise InvalidInputError(_("请填写标题。"), code="incident.blank")
    if at < incident.occurred_at or at > now:
        raise InvalidInputError(
            _("发布时间必须在事件发生之后、不晚于现在。"), code="incident.release_at"
        )
    release = IncidentRelease.objects.create(
        incident=incident,
        kind=kind,
        title=title.strip()[:200],
        at=at,
        url=url.strip(),
        body=body.strip(),
        created_by=by,
    )
    event = _STOPS[kind]
    for clock in clocks_for(incident):
        if clock.stopped_at is None and _answers(clock.rule_key, event):
            clock_event_add(clock=clock, kind=event, at=at, by=by, now=now)
    audit_record(
        actor=by,
        action=ParticipationAudit.INCIDENT_RELEASE,
        obj=incident,
        changes={"kind": kind, "at": at, "title": release.title},
        now=now,
    )
    return release


def _answers(rule_key: str, event: str) -> bool:
    return {
        RELEASE: "released",
        PRESS_CONFERENCE: "press_conference_held",
        OPINION_RESPONSE: "responded",
    }.get(rule_key) == event
