"""Reminder e-mails for clocks falling due: ``gongkai clocks remind``, daily from cron.

* The handler and the department head are e-mailed once when at most
  ``clock.remind.days_before`` working days remain (rule value, default 3), and once
  on the day the clock is overdue (``rules.reminder_kind``). The handler is the
  subject's author where it has one (documents, pages, penalties, register entries),
  otherwise the staff of the responsible department (information requests are
  handled by a department); the head is ``Department.head``.
* The office's reviewers get one digest a day of every overdue and due-soon clock.

Sending is idempotent: a ``Reminder`` row per clock, kind and due moment (unique per
clock, kind and day; one digest per day), written with its audit event in one
transaction; the mail leaves after commit. Running the command twice sends nothing
new; a due date that moves (extension, recomputation) is reminded again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.choices import Role
from gongkai.accounts.models import User
from gongkai.common.audit import audit_record
from gongkai.common.selectors import rule_value
from gongkai.core.workcal import WorkCalendar

from .audit_actions import ClocksAudit
from .models import CachedState, Clock, Reminder, ReminderKind
from .rules import OVERDUE_CATCH_UP, reminder_kind
from .selectors import SHANGHAI, work_calendar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RemindResult:
    due_soon: int
    overdue: int
    digest: bool


def clock_recipients(clock: Clock) -> list[User]:
    """The handler(s) and the department head of a clock who can receive mail."""
    people: list[User] = []
    author = getattr(clock.subject, "author", None)
    if isinstance(author, User):
        people.append(author)
    elif clock.department_id is not None:
        people.extend(
            User.objects.filter(
                department_id=clock.department_id, role=Role.STAFF
            ).order_by("id")
        )
    head = clock.department.head if clock.department is not None else None
    if head is not None:
        people.append(head)
    seen: set[int] = set()
    out = []
    for person in people:
        if person.pk not in seen and person.is_active and person.email:
            seen.add(person.pk)
            out.append(person)
    return out


def _due_day(clock: Clock) -> dt.date:
    assert clock.due_at is not None
    return (clock.due_at - dt.timedelta(microseconds=1)).astimezone(SHANGHAI).date()


def _line(clock: Clock, *, now: dt.datetime, calendar: WorkCalendar) -> str:
    """One clock in a mail: title, department, due day, how much time is left."""
    assert clock.due_at is not None
    due_day = _due_day(clock)
    if clock.due_at <= now:
        left = _("已逾期")
    else:
        today = now.astimezone(SHANGHAI).date()
        left = _("剩余 %(n)d 个工作日") % {
            "n": calendar.working_days_between(today, due_day)
        }
    provisional = _("（暂定）") if clock.provisional else ""
    department = clock.department.name if clock.department else _("未分配处室")
    url = reverse("workbench:clock-detail", args=[clock.pk])
    return _("《%(title)s》 %(dept)s 截止 %(due)s%(prov)s %(left)s %(url)s") % {
        "title": clock.title,
        "dept": department,
        "due": due_day.isoformat(),
        "prov": provisional,
        "left": left,
        "url": url,
    }


def _send_after_commit(subject: str, body: str, emails: list[str]) -> None:
    def send() -> None:
        try:
            send_mail(subject, body, None, emails)
        except Exception:
            log.exception("clocks: reminder mail %r failed", subject)

    if emails:
        transaction.on_commit(send)


@transaction.atomic
def reminder_send(
    *,
    clock: Clock,
    kind: str,
    calendar: WorkCalendar,
    now: dt.datetime | None = None,
) -> Reminder | None:
    """Remind the handler and the department head of one clock, once (module doc)."""
    now = now or timezone.now()
    if Reminder.objects.filter(clock=clock, kind=kind, due_at=clock.due_at).exists():
        return None
    people = clock_recipients(clock)
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                kind=kind,
                day=now.astimezone(SHANGHAI).date(),
                clock=clock,
                due_at=clock.due_at,
                recipients=[p.email for p in people],
                sent_at=now,
            )
    except IntegrityError:  # another run sent it today
        return None
    audit_record(
        actor=None,
        action=ClocksAudit.REMINDER_SENT,
        obj=clock,
        changes={
            "kind": kind,
            "due_at": clock.due_at,
            "recipients": [p.get_username() for p in people],
        },
        now=now,
    )
    if kind == ReminderKind.OVERDUE:
        subject = _("【时限已逾期】%(title)s") % {"title": clock.title}
        intro = _("以下事项已超过办理时限，请尽快办结并说明情况：")
    else:
        subject = _("【时限即将到期】%(title)s") % {"title": clock.title}
        intro = _("以下事项即将到期，请按时办结：")
    body = intro + "\n\n" + _line(clock, now=now, calendar=calendar) + "\n"
    _send_after_commit(subject, body, [p.email for p in people])
    return reminder


def _office() -> list[User]:
    return list(
        User.objects.filter(
            role=Role.REVIEWER, department__is_office=True, is_active=True
        )
        .exclude(email="")
        .order_by("id")
    )


@transaction.atomic
def office_digest_send(
    *,
    due_soon: list[Clock],
    calendar: WorkCalendar,
    now: dt.datetime | None = None,
) -> Reminder | None:
    """The office's daily digest of every overdue and due-soon clock, once a day."""
    now = now or timezone.now()
    today = now.astimezone(SHANGHAI).date()
    if Reminder.objects.filter(kind=ReminderKind.DIGEST, day=today).exists():
        return None
    overdue = list(
        Clock.objects.filter(state=CachedState.RUNNING, due_at__lte=now)
        .select_related("department")
        .order_by("due_at", "id")
    )
    people = _office()
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                kind=ReminderKind.DIGEST,
                day=today,
                recipients=[p.email for p in people],
                sent_at=now,
            )
    except IntegrityError:
        return None
    audit_record(
        actor=None,
        action=ClocksAudit.DIGEST_SENT,
        changes={
            "day": today,
            "overdue": len(overdue),
            "due_soon": len(due_soon),
            "recipients": [p.get_username() for p in people],
        },
        now=now,
    )
    if not (overdue or due_soon):
        return reminder
    parts = [_("%(day)s 时限汇总") % {"day": today.isoformat()}, ""]
    for title, clocks in ((_("已逾期"), overdue), (_("即将到期"), due_soon)):
        parts.append(_("%(title)s（%(n)d 件）：") % {"title": title, "n": len(clocks)})
        parts.extend(_line(c, now=now, calendar=calendar) for c in clocks)
        parts.append("")
    subject = _("【时限汇总】%(day)s：逾期 %(o)d 件，即将到期 %(s)d 件") % {
        "day": today.isoformat(),
        "o": len(overdue),
        "s": len(due_soon),
    }
    _send_after_commit(subject, "\n".join(parts), [p.email for p in people])
    return reminder


def clocks_remind(*, now: dt.datetime | None = None) -> RemindResult:
    """Send today's reminders and the office digest (idempotent; daily from cron)."""
    now = now or timezone.now()
    today = now.astimezone(SHANGHAI).date()
    days_before: int = rule_value("clock.remind.days_before", on=today)
    calendar = work_calendar()
    # a clock due on a rest day before the next working day is still "due soon"
    horizon_day = calendar.add_working_days(today, days_before + 1)
    horizon = dt.datetime.combine(horizon_day, dt.time.min, tzinfo=SHANGHAI)
    candidates = (
        Clock.objects.filter(
            state=CachedState.RUNNING,
            due_at__gt=now - OVERDUE_CATCH_UP,
            due_at__lte=horizon,
        )
        .select_related("department__head", "subject_type")
        .order_by("due_at", "id")
    )
    counts: dict[str, int] = {ReminderKind.DUE_SOON: 0, ReminderKind.OVERDUE: 0}
    due_soon: list[Clock] = []
    for clock in candidates:
        assert clock.due_at is not None
        kind: Any = reminder_kind(
            now=now,
            due_at=clock.due_at,
            calendar=calendar,
            days_before=days_before,
            tz=SHANGHAI,
        )
        if kind is None:
            continue
        if kind == ReminderKind.DUE_SOON:
            due_soon.append(clock)
        if reminder_send(clock=clock, kind=kind, calendar=calendar, now=now):
            counts[kind] += 1
    digest = office_digest_send(due_soon=due_soon, calendar=calendar, now=now)
    return RemindResult(
        due_soon=counts[ReminderKind.DUE_SOON],
        overdue=counts[ReminderKind.OVERDUE],
        digest=digest is not None,
    )
