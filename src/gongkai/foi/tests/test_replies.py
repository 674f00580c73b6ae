"""Four-eyes on replies (foi.reply.four_eyes, on by default): the department drafts,
the office (公开办) approves, and only then does the reply go out."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.common.errors import ConflictError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.common.services import rule_value_set
from gongkai.foi import rules, services
from gongkai.foi.selectors import reply_clock

from .support import at, received

pytestmark = pytest.mark.django_db
DISCLOSED = {"outcome": "disclosed", "reply_text": "名单见附件。"}


@pytest.mark.parametrize(
    ("four_eyes", "by_office", "expected"),
    [(True, False, True), (True, True, False), (False, False, False)],
)
def test_reply_needs_approval_table(four_eyes, by_office, expected):
    assert rules.reply_needs_approval(four_eyes=four_eyes, by_office=by_office) is (
        expected
    )


def test_department_staff_cannot_send_the_final_reply_alone(staff):
    request = received(by=staff)
    with pytest.raises(PermissionDeniedError) as caught:
        services.request_reply(request=request, **DISCLOSED, by=staff,
                               now=at("2026-03-02"))  # fmt: skip
    assert caught.value.code == "foi.reply_needs_approval"
    request.refresh_from_db()
    assert (request.status, request.letters.filter(kind="reply").count()) == (
        "in_progress",
        0,
    )


def test_draft_goes_out_only_when_the_office_approves(
    staff, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    request = received(by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_draft(request=request, **DISCLOSED, by=staff,
                             now=at("2026-03-02"))  # fmt: skip
    request.refresh_from_db()
    assert request.status == "in_progress" and reply_clock(request).state == "running"
    assert request.reply_draft["outcome"] == "disclosed"
    assert mailoutbox == []  # the applicant hears nothing yet

    with pytest.raises(PermissionDeniedError):  # not the drafter's own approval
        services.reply_approve(request=request, by=staff, now=at("2026-03-03"))
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_approve(request=request, by=reviewer, now=at("2026-03-03"))
    request.refresh_from_db()
    assert (request.status, request.outcome, request.reply_text) == (
        "replied", "disclosed", "名单见附件。",
    )  # fmt: skip
    assert request.reply_draft == {} and request.reply_drafted_by == staff
    clock = reply_clock(request)
    assert clock.state == "stopped" and clock.stopped_at == at("2026-03-03")
    assert request.letters.filter(kind="reply").count() == 1
    assert "已经答复" in mailoutbox[-1].body
    actions = list(
        AuditEvent.objects.filter(action__startswith="foi.reply")
        .order_by("seq")
        .values_list("action", "actor__username")
    )
    assert actions == [
        ("foi.reply_drafted", "author"),
        ("foi.reply_approved", "reviewer"),
        ("foi.reply", "reviewer"),
    ]
    with pytest.raises(ConflictError):
        services.reply_approve(request=request, by=reviewer, now=at("2026-03-04"))


def test_returned_draft_cannot_be_approved_until_drafted_again(staff, reviewer):
    request = received(by=staff)
    services.reply_draft(request=request, **DISCLOSED, by=staff, now=at("2026-03-02"))
    services.reply_return(request=request, note="请写明获取方式", by=reviewer,
                          now=at("2026-03-02", 15))  # fmt: skip
    request.refresh_from_db()
    assert request.reply_draft["returned_note"] == "请写明获取方式"
    with pytest.raises(ConflictError):
        services.reply_approve(request=request, by=reviewer, now=at("2026-03-03"))
    event = AuditEvent.objects.get(action="foi.reply_returned")
    assert (event.actor, event.changes) == (reviewer, {"note": "请写明获取方式"})


def test_other_department_cannot_draft(staff, other_staff):
    request = received(by=staff)
    with pytest.raises(PermissionDeniedError):
        services.reply_draft(request=request, **DISCLOSED, by=other_staff,
                             now=at("2026-03-02"))  # fmt: skip


def test_with_four_eyes_off_the_department_replies_itself(staff, admin_user):
    rule_value_set(key="foi.reply.four_eyes", value=False,
                   valid_from=dt.date(2026, 1, 1), by=admin_user)  # fmt: skip
    request = received(by=staff)
    services.request_reply(request=request, **DISCLOSED, by=staff, now=at("2026-03-02"))
    request.refresh_from_db()
    assert request.status == "replied"
