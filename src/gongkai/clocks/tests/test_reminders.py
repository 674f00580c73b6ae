"""Reminder e-mails (gongkai clocks remind): who gets them, when, and only once.

The information request received on 2026-02-10 is due at the end of 2026-03-16
(Monday, 20 working days, 条例 第三十三条); with 3 working days' notice the reminder
goes out on Wednesday 2026-03-11 (3-12, 3-13 and 3-16 remain).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from gongkai.accounts.models import User
from gongkai.clocks.models import Reminder
from gongkai.clocks.reminders import clock_recipients, clocks_remind
from gongkai.clocks.rules import reminder_kind
from gongkai.clocks.services import clock_event_add
from gongkai.clocks.tests.factories import ClockFactory
from gongkai.clocks.tests.support import SHANGHAI, at, end_of
from gongkai.common.models import AuditEvent
from gongkai.common.services import rule_value_set
from gongkai.core.workcal import WorkCalendar
from gongkai.publishing.tests.factories import PageFactory

CAL = WorkCalendar.official()


@pytest.mark.parametrize(
    ("now", "due_at", "expected"),
    [
        (at(2026, 3, 10, 18), end_of(2026, 3, 16), None),  # 4 working days left
        (at(2026, 3, 11, 8), end_of(2026, 3, 16), "due_soon"),  # 3 left
        (at(2026, 3, 14, 8), end_of(2026, 3, 16), "due_soon"),  # a Saturday
        (at(2026, 3, 16, 23, 59), end_of(2026, 3, 16), "due_soon"),  # the last day
        (at(2026, 3, 17, 0, 0), end_of(2026, 3, 16), "overdue"),
        (at(2026, 3, 19, 23, 59), end_of(2026, 3, 16), "overdue"),  # catching up
        (at(2026, 3, 20, 0, 0), end_of(2026, 3, 16), None),  # left to the digest
        # Spring Festival 2026: 2-15..2-23 off, Saturday 2-14 worked
        (at(2026, 2, 12, 9), end_of(2026, 2, 25), None),  # 2-13, 2-14, 2-24, 2-25
        (at(2026, 2, 13, 9), end_of(2026, 2, 25), "due_soon"),  # 2-14, 2-24, 2-25
        # 2027 not announced: 元旦 is off by law (Friday 2027-01-01)
        (at(2026, 12, 29, 9), end_of(2027, 1, 5), None),  # 12-30, 12-31, 1-4, 1-5
        (at(2026, 12, 30, 9), end_of(2027, 1, 5), "due_soon"),
    ],
)
def test_reminder_kind_table(now, due_at, expected):
    kind = reminder_kind(
        now=now, due_at=due_at, calendar=CAL, days_before=3, tz=SHANGHAI
    )
    assert kind == expected


@pytest.fixture
def people(db, department, office):
    handler = User.objects.create_user(
        username="handler", email="handler@example.gov.cn", department=department
    )
    User.objects.create_user(username="nomail", department=department)  # no address
    head = User.objects.create_user(
        username="head", email="head@example.gov.cn", department=department
    )
    department.head = head
    department.save()
    office_reviewer = User.objects.create_user(
        username="office", email="office@example.gov.cn", role="reviewer",
        department=office,
    )  # fmt: skip
    return {"handler": handler, "head": head, "office": office_reviewer}


def _remind(capture, now):
    with capture(execute=True):
        return clocks_remind(now=now)


def test_due_soon_then_overdue_each_once(
    people, department, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    clock = ClockFactory(department=department, title="关于电梯维保单位名单的申请")
    assert clock.due_at == end_of(2026, 3, 16)

    result = _remind(capture, at(2026, 3, 10, 8))
    assert (result.due_soon, result.overdue) == (0, 0)

    result = _remind(capture, at(2026, 3, 11, 8))
    assert (result.due_soon, result.overdue) == (1, 0)
    reminder, digest = mailoutbox[-2:]
    assert reminder.subject == "【时限即将到期】关于电梯维保单位名单的申请"
    assert sorted(reminder.to) == ["handler@example.gov.cn", "head@example.gov.cn"]
    assert "截止 2026-03-16" in reminder.body and "剩余 3 个工作日" in reminder.body
    assert digest.to == ["office@example.gov.cn"]
    assert digest.subject == "【时限汇总】2026-03-11：逾期 0 件，即将到期 1 件"

    sent = len(mailoutbox)
    for now in (at(2026, 3, 11, 9), at(2026, 3, 12, 8)):  # same day again, next day
        result = _remind(capture, now)
        assert (result.due_soon, result.overdue) == (0, 0)
    assert len(mailoutbox) == sent + 1  # only the next day's digest

    result = _remind(capture, at(2026, 3, 17, 8))
    assert (result.due_soon, result.overdue) == (0, 1)
    overdue = [m for m in mailoutbox if m.subject.startswith("【时限已逾期】")]
    assert len(overdue) == 1 and "已逾期" in overdue[0].body
    assert _remind(capture, at(2026, 3, 18, 8)).overdue == 0

    events = AuditEvent.objects.filter(action="clock.reminder_sent")
    assert [(e.changes["kind"], e.object_id) for e in events.order_by("seq")] == [
        ("due_soon", str(clock.pk)),
        ("overdue", str(clock.pk)),
    ]
    assert events.first().changes["recipients"] == ["handler", "head"]
    assert Reminder.objects.filter(clock=clock).count() == 2
    # one digest a day: 3-10, 3-11, 3-12, 3-17, 3-18
    assert AuditEvent.objects.filter(action="clock.digest_sent").count() == 5


def test_author_is_the_handler_not_the_whole_department(
    people, department, mailoutbox, django_capture_on_commit_callbacks
):
    author = User.objects.create_user(
        username="writer", email="writer@example.gov.cn", department=department
    )
    page = PageFactory(department=department, author=author)
    clock = ClockFactory(department=department, subject=page)
    assert [u.username for u in clock_recipients(clock)] == ["writer", "head"]


def test_days_before_is_a_rule_value(
    people, department, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    ClockFactory(department=department)
    rule_value_set(
        key="clock.remind.days_before", value=5, valid_from=dt.date(2026, 1, 1),
        by=admin_user,
    )  # fmt: skip
    # 3-10, 3-11, 3-12, 3-13, 3-16: five working days left on Monday 3-9
    result = _remind(django_capture_on_commit_callbacks, at(2026, 3, 9, 8))
    assert result.due_soon == 1


def test_moved_due_date_is_reminded_again(
    people, department, mailoutbox, django_capture_on_commit_callbacks
):
    clock = ClockFactory(department=department)
    assert _remind(django_capture_on_commit_callbacks, at(2026, 3, 11, 8)).due_soon == 1
    # 条例 第三十三条 extension: 20 more working days, due 2026-04-14
    clock_event_add(clock=clock, kind="extended", at=at(2026, 3, 11, 9), value=20,
                    now=at(2026, 3, 11, 9))  # fmt: skip
    clock.refresh_from_db()
    assert clock.due_at == end_of(2026, 4, 14)
    assert _remind(django_capture_on_commit_callbacks, at(2026, 4, 8, 8)).due_soon == 0
    assert _remind(django_capture_on_commit_callbacks, at(2026, 4, 9, 8)).due_soon == 1


def test_stopped_and_paused_clocks_are_not_reminded(
    people, department, mailoutbox, django_capture_on_commit_callbacks
):
    stopped = ClockFactory(department=department)
    clock_event_add(
        clock=stopped, kind="replied", at=at(2026, 3, 2), now=at(2026, 3, 2)
    )
    paused = ClockFactory(department=department)
    clock_event_add(
        clock=paused, kind="correction_requested", at=at(2026, 3, 2), now=at(2026, 3, 2)
    )
    result = _remind(django_capture_on_commit_callbacks, at(2026, 3, 11, 8))
    assert (result.due_soon, result.overdue) == (0, 0)
    assert [m.subject for m in mailoutbox] == []  # nothing to report to the office


def test_command_runs_at_the_current_time(
    people, department, mailoutbox, capsys, time_machine,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    ClockFactory(department=department)
    time_machine.move_to(at(2026, 3, 11, 8))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clocks", "remind")
    assert capsys.readouterr().out == (
        "即将到期提醒 1 件，逾期提醒 0 件；办公室汇总已发送。\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clocks", "remind")
    assert "办公室汇总今日已发送过" in capsys.readouterr().out
    assert len(mailoutbox) == 2
