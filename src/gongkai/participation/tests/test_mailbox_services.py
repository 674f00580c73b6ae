"""Mailbox services: submit (clocks, query code), assign/transfer with department
isolation, answer, invalid, rating; monthly counts."""

from __future__ import annotations

import pytest

from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import clock_inbox, clocks_for
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.participation.models import MessageStatus
from gongkai.participation.selectors.mailbox import (
    message_for_writer,
    message_list_public,
    message_month_counts,
)
from gongkai.participation.services import mailbox

from .support import at, audited, submit

pytestmark = pytest.mark.django_db


def test_submit_starts_both_clocks_and_returns_a_code(department):
    message, code = submit(now=at(2026, 9, 30, 16), department=department, about="/x/")
    assert message.tracking_number.startswith("LY20260930")
    assert len(code) == 8 and message.query_code_hash != code
    assert message_for_writer(message.tracking_number, code.lower()) == message
    assert message_for_writer(message.tracking_number, "WRONG") is None
    due = {c.rule_key: c.due_at for c in clocks_for(message)}
    assert due["message.reply"] == at(2026, 10, 21)  # 2026-10-20 24:00
    assert due["message.red_line"] == at(2026, 12, 31)
    assert message.about == "/x/"
    assert audited("message.submit", message)


def test_submit_drops_an_about_that_is_not_a_public_page():
    message, _ = submit(now=at(2026, 9, 30, 16), about="https://evil.example/")
    assert message.about == ""


def test_submit_needs_a_contact():
    with pytest.raises(InvalidInputError, match="联系电话或电子邮箱"):
        submit(now=at(2026, 9, 30, 16), phone="", email="")


def test_assign_and_transfer_move_the_clocks(
    department, other_department, reviewer, staff, other_staff
):
    message, _ = submit(now=at(2026, 9, 30, 16))
    with pytest.raises(PermissionDeniedError):  # not yet its department's
        mailbox.message_assign(
            message=message, department=department, by=staff, now=at(2026, 10, 8)
        )
    mailbox.message_assign(
        message=message, department=department, by=reviewer, now=at(2026, 10, 8)
    )
    assert set(clocks_for(message).values_list("department", flat=True)) == {
        department.pk
    }
    with pytest.raises(PermissionDeniedError):
        mailbox.message_assign(
            message=message,
            department=other_department,
            by=other_staff,
            now=at(2026, 10, 9),
        )
    mailbox.message_assign(
        message=message,
        department=other_department,
        reason="属计量事项",
        by=staff,
        now=at(2026, 10, 9),
    )
    message.refresh_from_db()
    assert message.department == other_department
    assert message.transfers.count() == 2
    assert {c.department_id for c in clocks_for(message)} == {other_department.pk}
    assert audited("message.assign", message)
    assert audited("clock.reassign", clocks_for(message).first())


def test_answer_stops_clocks_then_rate_once(department, staff):
    message, _ = submit(now=at(2026, 9, 30, 16), department=department)
    with pytest.raises(ConflictError):
        mailbox.message_rate(message=message, satisfaction="satisfied")
    mailbox.message_answer(
        message=message, answer="已转请商场整改。", by=staff, now=at(2026, 10, 22, 9)
    )
    clocks = {c.rule_key: c for c in clocks_for(message)}
    assert clocks["message.reply"].stopped_late  # after 2026-10-20 24:00
    assert not clocks["message.red_line"].stopped_late
    assert message_list_public().get() == message
    with pytest.raises(ConflictError):
        mailbox.message_answer(message=message, answer="again", by=staff)
    mailbox.message_rate(message=message, satisfaction="basic", note="较慢")
    with pytest.raises(ConflictError, match="已经评价"):
        mailbox.message_rate(message=message, satisfaction="satisfied")
    assert audited("message.answer", message) and audited("message.rate", message)


def test_private_message_never_listed(department, staff):
    message, _ = submit(now=at(2026, 9, 30, 16), department=department, is_public=False)
    mailbox.message_answer(message=message, answer="答复", by=staff)
    assert not message_list_public().exists()


def test_other_department_cannot_answer(department, other_staff):
    message, _ = submit(now=at(2026, 9, 30, 16), department=department)
    with pytest.raises(PermissionDeniedError):
        mailbox.message_answer(message=message, answer="x", by=other_staff)


def test_only_office_marks_invalid_and_clocks_go(department, staff, reviewer):
    message, _ = submit(now=at(2026, 9, 30, 16), department=department)
    with pytest.raises(PermissionDeniedError):
        mailbox.message_mark_invalid(message=message, reason="广告", by=staff)
    mailbox.message_mark_invalid(message=message, reason="广告", by=reviewer)
    message.refresh_from_db()
    assert message.status == MessageStatus.INVALID
    assert not clocks_for(message).exists()


def test_overdue_message_on_inbox(department, staff):
    submit(now=at(2026, 9, 30, 16), department=department)
    inbox = clock_inbox(staff, now=at(2026, 10, 21, 9))
    assert [c.rule_key for c in inbox["overdue"]] == ["message.reply"]
    assert Clock.objects.get(rule_key="message.red_line").due_soon_at == at(
        2026, 12, 15
    )


def test_month_counts(department, staff):
    a, _ = submit(now=at(2026, 9, 30, 16), department=department)
    b, _ = submit(now=at(2026, 9, 2, 9), department=department)
    submit(now=at(2026, 10, 8, 9), department=department)
    mailbox.message_answer(message=a, answer="x", by=staff, now=at(2026, 10, 9, 16))
    mailbox.message_answer(message=b, answer="x", by=staff, now=at(2026, 9, 30, 9))
    sep, oct_ = message_month_counts(year=2026)
    assert (sep.received, sep.answered, sep.on_time, sep.average_days) == (
        2, 2, 1, 18.5,
    )  # fmt: skip
    assert (oct_.received, oct_.answered) == (1, 0)


def test_site_reply_rule_is_configurable(admin_user, department):
    from datetime import date

    from gongkai.common.services import rule_value_set

    rule_value_set(
        key="clock.message.reply.length",
        value=5,
        valid_from=date(2026, 1, 1),
        by=admin_user,
        note="本省规定5个工作日",
    )
    message, _ = submit(now=at(2026, 9, 30, 16), department=department)
    clock = clocks_for(message).get(rule_key="message.reply")
    # 10-08, 10-09, 10-10 (Saturday, worked), 10-12, 10-13: due 2026-10-13 24:00
    assert clock.due_at == at(2026, 10, 14)
