"""Handling on the statutory clocks: every branch of 条例 第三十条至第三十五条, fees, reply."""

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.clocks.selectors import clock_status, clocks_for
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent
from gongkai.common.services import rule_value_set
from gongkai.foi import services
from gongkai.foi.models import FoiRequest
from gongkai.foi.selectors import reply_clock

from .support import at, received, reply

pytestmark = pytest.mark.django_db


def _due(request, now):
    return clock_status(reply_clock(request), now=now).due_date


def _clock(subject, key):
    return clocks_for(subject).get(rule_key=key)


def test_correction_restarts_the_period_from_the_corrected_application(staff):
    request = received(by=staff)  # 2026-02-10
    services.correction_request(
        request=request, text="请写明抽查批次", by=staff, now=at("2026-02-12")
    )
    request.refresh_from_db()
    assert request.status == "awaiting_correction"
    period = clock_status(
        _clock(request, "foi.correction_period"), now=at("2026-02-12")
    )
    assert period.due_date == dt.date(2026, 3, 11)  # 15 working days (configurable)
    assert request.letters.last().kind == "correction"
    assert "2026年3月11日" in " ".join(request.letters.last().body)
    # The reply period waits meanwhile: paused, not overdue, even after 20 wd.
    assert reply_clock(request).state == "paused"
    assert clock_status(reply_clock(request), now=at("2026-03-20")).state == "paused"
    with pytest.raises(ConflictError):  # 一次性告知: once only
        services.correction_request(
            request=request, text="再补", by=staff, now=at("2026-02-13")
        )
    services.correction_receive(
        request=request,
        at=at("2026-02-26"),
        text="第3批",
        by=staff,
        now=at("2026-02-26", 11),
    )
    request.refresh_from_db()
    assert request.status == "in_progress"
    assert request.description.endswith("【补正】第3批")
    assert _due(request, at("2026-02-27")) == dt.date(2026, 3, 25)


def test_uncorrected_application_lapses_only_after_the_period(staff):
    request = received(by=staff)
    services.correction_request(
        request=request, text="请写明", by=staff, now=at("2026-02-12")
    )
    with pytest.raises(ConflictError, match="尚未届满"):
        services.correction_lapse(request=request, by=staff, now=at("2026-03-11", 20))
    services.correction_lapse(request=request, by=staff, now=at("2026-03-12", 9))
    request.refresh_from_db()
    assert (request.status, request.outcome) == ("closed", "correction_lapsed")
    assert reply_clock(request).state == "stopped"
    assert _clock(request, "foi.correction_period").state == "stopped"


def test_correction_notice_after_seven_working_days_is_flagged_late(staff):
    request = received(by=staff)  # notice due 2026-02-26
    services.correction_request(
        request=request, text="请写明", by=staff, now=at("2026-02-27")
    )
    event = AuditEvent.objects.filter(action="foi.correction_request").get()
    assert event.changes["notice_late"] is True


def test_third_party_consultation_is_not_counted(staff):
    request = received(by=staff, day="2026-09-18")
    assert _due(request, at("2026-09-18", 12)) == dt.date(2026, 10, 22)
    consultation = services.consultation_send(
        request=request,
        kind="third_party",
        party="某检测公司",
        question="是否同意公开检测报告",
        by=staff,
        now=at("2026-09-21"),
    )
    third = clock_status(
        _clock(consultation, "foi.third_party_reply"), now=at("2026-09-21")
    )
    assert third.due_date == dt.date(2026, 10, 19)  # 15 working days for them
    assert clock_status(reply_clock(request), now=at("2026-09-22")).state == "paused"
    services.consultation_answer(
        consultation=consultation, answer="不同意", at=at("2026-09-30"), by=staff,
        now=at("2026-09-30", 11),
    )  # fmt: skip
    assert _due(request, at("2026-10-01")) == dt.date(
        2026, 10, 30
    )  # 6 days not counted
    assert request.letters.filter(
        kind="consultation", visible_to_applicant=False
    ).exists()


def test_internal_department_consultation_does_not_pause(staff):
    request = received(by=staff, day="2026-09-18")
    services.consultation_send(
        request=request, kind="department", party="执法稽查处", question="", by=staff,
        now=at("2026-09-21"),
    )  # fmt: skip
    assert _due(request, at("2026-09-22")) == dt.date(2026, 10, 22)


def test_extension_needs_the_office_head_and_is_granted_once(staff, reviewer):
    request = received(by=staff)
    services.extension_request(
        request=request, days=20, reason="需要调取档案", by=staff, now=at("2026-03-05")
    )
    with pytest.raises(PermissionDeniedError):
        services.extension_approve(request=request, by=staff, now=at("2026-03-05"))
    services.extension_approve(request=request, by=reviewer, now=at("2026-03-06"))
    assert _due(request, at("2026-03-06", 12)) == dt.date(2026, 4, 14)  # RULES §1.10
    letter = request.letters.get(kind="extension")
    assert "2026年4月14日" in " ".join(letter.body)
    with pytest.raises(ConflictError):
        services.extension_request(
            request=request, days=5, reason="再延", by=staff, now=at("2026-03-09")
        )


@pytest.mark.parametrize("days", [0, 21])
def test_extension_is_one_to_twenty_working_days(staff, days):
    request = received(by=staff)
    with pytest.raises(InvalidInputError):
        services.extension_request(
            request=request, days=days, reason="理由", by=staff, now=at("2026-03-05")
        )


def test_fee_notice_by_page_and_payment(staff):
    request = received(by=staff)
    services.fee_notify(
        request=request, method="by_page", quantity=150, by=staff, now=at("2026-02-12")
    )
    request.refresh_from_db()
    # 70×10 + 50×20 = 1,700 元; RULES.md §1.7's worked example prints 1,200 元, an
    # arithmetic slip against its own bands (see core/tests/test_fees.py)
    assert request.fee_amount == Decimal("1700")
    assert request.status == "awaiting_fee"
    fee_clock = _clock(request, "foi.fee_payment")
    assert clock_status(fee_clock, now=at("2026-02-12")).due_date == dt.date(
        2026, 3, 18
    )
    assert "合计：1700元" in " ".join(request.letters.get(kind="fee").body)
    # a case started before 2026-12-07: the waiting time counts (the value then)
    assert _due(request, at("2026-02-13")) == dt.date(2026, 3, 16)
    services.fee_receive(
        request=request, at=at("2026-02-26"), by=staff, now=at("2026-02-27")
    )
    request.refresh_from_db()
    assert request.status == "in_progress"
    assert _clock(request, "foi.fee_payment").state == "stopped"


def test_fee_waiting_pauses_the_reply_when_configured(staff, admin_user):
    rule_value_set(
        key="clock.foi.reply.fee_pauses", value=True, valid_from=dt.date(2026, 1, 1),
        by=admin_user,
    )  # fmt: skip
    request = received(by=staff)
    services.fee_notify(
        request=request, method="by_page", quantity=31, by=staff, now=at("2026-02-12")
    )
    services.fee_receive(
        request=request, at=at("2026-02-26"), by=staff, now=at("2026-02-27")
    )
    # 2-13, 2-14 (make-up Saturday), 2-24, 2-25, 2-26 not counted: five working days
    assert _due(request, at("2026-02-27")) == dt.date(2026, 3, 23)


# 国办函〔2020〕109号 第七条: from FEE_PAUSE_DEFAULT_FROM (2026-12-07) the time from
# the fee notice to the payment is not counted by default; a case keeps the value in
# force on the day it started, even when the fee is paid after the change.
@pytest.mark.parametrize(
    ("received_on", "notified", "paid", "paused_days", "due"),
    [
        # started 11-30: the old default (counted), although paid after 12-07
        ("2026-11-30", "2026-12-02", "2026-12-09", 0, dt.date(2026, 12, 28)),
        # started 12-08: 12-11, 12-14..12-17 not counted (five working days)
        ("2026-12-08", "2026-12-10", "2026-12-17", 5, None),
    ],
)
def test_fee_waiting_pauses_by_default_for_cases_started_from_the_change(
    staff, received_on, notified, paid, paused_days, due
):
    from gongkai.clocks.selectors import work_calendar

    request = received(by=staff, day=received_on)
    services.fee_notify(
        request=request, method="by_page", quantity=31, by=staff, now=at(notified)
    )
    services.fee_receive(request=request, at=at(paid), by=staff, now=at(paid))
    start = dt.date.fromisoformat(received_on)
    expected = due or work_calendar().add_working_days(start, 20 + paused_days)
    assert _due(request, at(paid)) == expected


def test_by_item_fee_counts_the_applicants_earlier_items_this_month(staff):
    first = received(by=staff, day="2026-03-02")
    services.fee_notify(
        request=first, method="by_item", quantity=11, by=staff, now=at("2026-03-03")
    )
    first.refresh_from_db()
    assert first.fee_amount == Decimal("100")  # the 11th item
    second = received(by=staff, day="2026-03-04")
    quote = services.fee_quote(request=second, method="by_item", quantity=2)
    assert quote.total == Decimal("200")  # items 12 and 13 of March
    with pytest.raises(InvalidInputError):
        services.fee_notify(request=second, method="by_page", quantity=30, by=staff,
                            now=at("2026-03-05"))  # fmt: skip


def test_unpaid_fee_lapses_after_twenty_working_days(staff):
    request = received(by=staff)
    services.fee_notify(
        request=request, method="by_page", quantity=40, by=staff, now=at("2026-02-12")
    )
    with pytest.raises(ConflictError):
        services.fee_lapse(request=request, by=staff, now=at("2026-03-18", 23))
    services.fee_lapse(request=request, by=staff, now=at("2026-03-19", 9))
    request.refresh_from_db()
    assert request.outcome == "fee_unpaid"
    assert request.letters.last().kind == "closure"


def test_reply_with_one_outcome_and_the_remedy_clause(staff):
    request = received(by=staff)
    with pytest.raises(InvalidInputError, match="理由"):
        reply(
            request=request, outcome="withheld.state_secret", reply_text="",
            by=staff, now=at("2026-03-02"),
        )  # fmt: skip
    reply(
        request=request,
        outcome="withheld.state_secret",
        reply_text="",
        reasons="经审查属于国家秘密",
        by=staff,
        now=at("2026-03-02"),
    )
    request.refresh_from_db()
    assert (request.status, request.outcome) == ("replied", "withheld.state_secret")
    clock = reply_clock(request)
    assert clock.state == "stopped" and not clock.stopped_late
    body = " ".join(request.letters.get(kind="reply").body)
    assert "应当先向福建省人民政府申请行政复议" in body
    assert "经审查属于国家秘密" in body
    event = AuditEvent.objects.get(action="foi.reply")
    assert event.changes == {"outcome": "withheld.state_secret", "late": False}
    with pytest.raises(ConflictError):
        reply(request=request, outcome="disclosed", reply_text="",
                               by=staff, now=at("2026-03-03"))  # fmt: skip


def test_a_late_reply_is_recorded_as_late(staff):
    request = received(by=staff)  # due 2026-03-16
    reply(
        request=request, outcome="disclosed", reply_text="见附件", by=staff,
        now=at("2026-03-17"),
    )  # fmt: skip
    assert reply_clock(request).stopped_late is True


def test_staff_of_another_department_cannot_handle(staff, other_staff):
    request = received(by=staff)
    with pytest.raises(PermissionDeniedError):
        services.request_reply(request=request, outcome="disclosed", reply_text="",
                               by=other_staff, now=at("2026-03-02"))  # fmt: skip


def test_withdrawal_delivery_and_appeal(staff):
    request = received(by=staff)
    reply(request=request, outcome="disclosed", reply_text="见附件",
                           by=staff, now=at("2026-03-02"))  # fmt: skip
    services.delivery_record(request=request, at=at("2026-03-03"), note="EMS 1234",
                             by=staff, now=at("2026-03-03", 11))  # fmt: skip
    appeal = services.appeal_record(
        request=request, kind="review", filed_on=dt.date(2026, 4, 1), result="pending",
        by=staff, now=at("2026-04-02"),
    )  # fmt: skip
    assert appeal.get_result_display() == "尚未审结"
    other = received(by=staff)
    services.request_withdraw(request=other, by=staff, now=at("2026-02-11"))
    other.refresh_from_db()
    assert other.outcome == "withdrawn" and reply_clock(other).state == "stopped"


def test_applicant_is_told_by_mail_when_replied(
    staff, django_capture_on_commit_callbacks
):
    from django.core import mail

    request = received(by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        reply(request=request, outcome="disclosed", reply_text="见附件",
                               by=staff, now=at("2026-03-02"))  # fmt: skip
    assert "已经答复" in mail.outbox[-1].body
    assert request.tracking_number in mail.outbox[-1].subject


def test_pending_appeal_gets_its_result_later(login, staff, other_staff):
    from django.urls import reverse

    request = received(by=staff)
    reply(request=request, outcome="withheld.process", reply_text="",
                           reasons="过程性信息", by=staff, now=at("2026-03-02"))  # fmt: skip
    appeal = services.appeal_record(request=request, kind="review",
                                    filed_on=dt.date(2026, 3, 20), result="pending",
                                    by=staff, now=at("2026-03-21"))  # fmt: skip
    with pytest.raises(InvalidInputError, match="审结日期"):
        services.appeal_update(
            appeal=appeal, result="upheld", decided_on=None, by=staff
        )
    url = reverse("foi-staff:step", args=[request.pk, "update_appeal"])
    data = {"update_appeal-appeal": appeal.pk, "update_appeal-result": "corrected",
            "update_appeal-decided_on": "2026-05-10"}  # fmt: skip
    assert login(other_staff).post(url, data).status_code == 404
    login(staff).post(url, data)
    appeal.refresh_from_db()
    assert (appeal.result, appeal.decided_on) == ("corrected", dt.date(2026, 5, 10))


def test_scheduler_closes_cases_deemed_withdrawn(staff, time_machine):
    import io

    from django.core.management import call_command

    waiting_fee = received(by=staff)
    services.fee_notify(request=waiting_fee, method="by_page", quantity=40, by=staff,
                        now=at("2026-02-12"))  # fmt: skip
    waiting_correction = received(by=staff)
    services.correction_request(request=waiting_correction, text="请写明", by=staff,
                                now=at("2026-02-12"))  # fmt: skip
    fresh = received(by=staff, day="2026-03-16")
    services.correction_request(
        request=fresh, text="请写明", by=staff, now=at("2026-03-17")
    )
    time_machine.move_to(at("2026-03-20"))
    out = io.StringIO()
    call_command("foi", "lapse", "--dry-run", stdout=out)
    assert "将终止办理 2 件" in out.getvalue()
    call_command("foi", "lapse", stdout=io.StringIO())
    outcomes = dict(FoiRequest.objects.values_list("pk", "outcome"))
    assert outcomes[waiting_fee.pk] == "fee_unpaid"
    assert outcomes[waiting_correction.pk] == "correction_lapsed"
    assert outcomes[fresh.pk] == ""


def test_request_clocks_reach_the_workbench_inbox(staff, other_staff):
    from gongkai.clocks.selectors import clock_inbox

    request = received(by=staff)  # due 2026-03-16
    # the application is clear: the correction-notice clock leaves the inbox
    services.correction_waive(request=request, by=staff, now=at("2026-02-11"))
    inbox = clock_inbox(staff, now=at("2026-03-12"))
    assert [c.pk for c in inbox["due_soon"]] == [reply_clock(request).pk]
    assert [c.pk for c in clock_inbox(staff, now=at("2026-03-17"))["overdue"]] == [
        reply_clock(request).pk
    ]
    assert clock_inbox(other_staff, now=at("2026-03-17"))["overdue"] == []
