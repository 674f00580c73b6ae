"""Writes of open meetings (会议开放): create and change a draft meeting page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Department
from gongkai.accounts.permissions import can_edit_content
from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status

from ..audit_actions import ConsultationsAudit
from ..models import OpenMeeting

__all__ = ["MeetingData", "meeting_create", "meeting_update"]


@dataclass(frozen=True)
class MeetingData:
    title: str
    held_at: dt.datetime
    agenda: str
    place: str = ""
    participants: str = ""
    livestream_url: str = ""
    recording_url: str = ""
    outcome: str = ""


def _check(data: MeetingData) -> None:
    if not data.title.strip() or not data.agenda.strip():
        raise InvalidInputError(
            _("请填写会议名称和议程。"),
            detail=[{"field": "agenda", "message": _("请填写会议名称和议程。")}],
        )


def _values(data: MeetingData) -> dict[str, object]:
    return {
        f.name: (v.strip() if isinstance(v := getattr(data, f.name), str) else v)
        for f in fields(data)
    }


@transaction.atomic
def meeting_create(
    *,
    data: MeetingData,
    department: Department,
    by: Staff,
    now: dt.datetime | None = None,
) -> OpenMeeting:
    """Create a draft meeting page."""
    now = now or timezone.now()
    if not can_edit_content(by, OpenMeeting(department=department)):
        raise PermissionDeniedError()
    _check(data)
    meeting = OpenMeeting.objects.create(
        **_values(data), department=department, author=by
    )
    pub.revision_save(obj=meeting, by=by, now=now)
    audit_record(
        actor=by,
        action=ConsultationsAudit.MEETING_CREATE,
        obj=meeting,
        now=now,
        changes={"held_at": data.held_at},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: OpenMeeting,
    data: MeetingData,
    by: Staff,
    now: dt.datetime | None = None,
) -> OpenMeeting:
    """Change a draft meeting page (e.g. add the recording and the outcome)."""
    now = now or timezone.now()
    if not can_edit_content(by, meeting):
        raise PermissionDeniedError()
    meeting = OpenMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Status.DRAFT:
        raise ConflictError(
            _("只有草稿可以修改；已发布的请先撤回或重新编辑。"),
            code="publishing.not_draft",
        )
    _check(data)
    values = _values(data)
    changed = [k for k, v in values.items() if getattr(meeting, k) != v]
    for key, value in values.items():
        setattr(meeting, key, value)
    meeting.save()
    pub.revision_save(obj=meeting, by=by, now=now)
    audit_record(
        actor=by,
        action=ConsultationsAudit.MEETING_UPDATE,
        obj=meeting,
        now=now,
        changes={"fields": changed},
    )
    return meeting
