"""The correction notice's own clock (条例 第三十条: within 7 working days of receipt)."""

import datetime as dt

import pytest

from gongkai.clocks.selectors import clock_inbox, clock_status, clocks_for
from gongkai.common.errors import ConflictError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.foi import services

from .support import at, received, reply

pytestmark = pytest.mark.django_db
NOTICE = "foi.correction_notice"


def _notice(request):
    return clocks_for(request).get(rule_key=NOTICE)


@pytest.mark.parametrize(
    ("day", "due"),
    [
        # RULES.md §1.10: 2026-01-29 + 7 wd
        ("2026-01-29", dt.date(2026, 2, 9)),
        # make-up Saturday 2-14 counts, Spring Festival 2-15 … 2-23 does not
        ("2026-02-10", dt.date(2026, 2, 26)),
        # make-up Sunday 9-28 and Saturday 10-11, National Day 10-1 … 10-8 off
        ("2025-09-26", dt.date(2025, 10, 13)),
        # year end: 1-1 … 1-3 off, make-up Sunday 1-4 counts
        ("2025-12-31", dt.date(2026, 1, 12)),
    ],
)
def test_notice_clock_starts_at_receipt(staff, day, due):
    request = received(by=staff, day=day)
    status = clock_status(_notice(request), now=at(day, 12))
    assert status.due_date == due
    assert (
        status.explanation[0] == "补正告知期限：7个工作日（政府信息公开条例 第三十条）"
    )
    assert status.explanation[-1] == f"到期：{due.isoformat()}（共计 7个工作日）"


def test_notice_clock_is_due_soon_then_overdue_in_the_inbox(staff, other_staff):
    request = received(by=staff, day="2026-01-29")  # notice due 2026-02-09
    notice = _notice(request)

    def where(now):
        inbox = clock_inbox(staff, now=now)
        return [k for k, clocks in inbox.items() if notice in clocks]

    assert where(at("2026-02-03")) == []  # 4 working days left
    assert where(at("2026-02-04")) == ["due_soon"]  # 2-05, 2-06, 2-09 left
    assert where(at("2026-02-09", 23)) == ["due_soon"]
    assert where(at("2026-02-10", 0)) == ["overdue"]
    assert notice not in clock_inbox(other_staff, now=at("2026-02-10"))["overdue"]
    status = clock_status(notice, now=at("2026-02-10"))
    assert status.state == "overdue"
    assert "起算：2026-01-29 收到申请（当日不计入，民法典第二百零一条）" in (
        status.explanation
    )


@pytest.mark.parametrize(
    ("sent", "late"),
    [("2026-02-09", False), ("2026-02-10", True)],
)
def test_sending_the_notice_closes_its_clock(staff, sent, late):
    request = received(by=staff, day="2026-01-29")
    services.correction_request(
        request=request, text="请写明抽查批次", by=staff, now=at(sent)
    )
    notice = _notice(request)
    assert (notice.state, notice.stopped_late) == ("stopped", late)
    assert notice not in clock_inbox(staff, now=at("2026-02-11"))["overdue"]
    status = clock_status(notice, now=at("2026-02-11"))
    verdict = "逾期" if late else "按期"
    assert status.explanation[-1] == f"已结束：{sent} 发出补正通知（{verdict}）"


def test_a_clear_application_closes_the_clock_and_is_audited(staff, other_staff):
    request = received(by=staff, day="2026-01-29")
    with pytest.raises(PermissionDeniedError):
        services.correction_waive(request=request, by=other_staff, now=at("2026-02-02"))
    services.correction_waive(request=request, by=staff, now=at("2026-02-02"))
    notice = _notice(request)
    assert (notice.state, notice.stopped_late) == ("stopped", False)
    assert AuditEvent.objects.filter(action="foi.correction_waived").count() == 1
    with pytest.raises(ConflictError):
        services.correction_waive(request=request, by=staff, now=at("2026-02-03"))


@pytest.mark.parametrize("step", ["consult", "reply", "withdraw"])
def test_handling_the_request_closes_the_notice_clock(staff, step):
    request = received(by=staff, day="2026-01-29")
    now = at("2026-02-03")
    if step == "consult":
        services.consultation_send(
            request=request,
            kind="third_party",
            party="某公司",
            question="是否同意公开",
            by=staff,
            now=now,
        )
        kind = "correction_waived"
    elif step == "reply":
        reply(
            request=request, outcome="disclosed", reply_text="见附件", by=staff, now=now
        )
        kind = "replied"
    else:
        services.request_withdraw(request=request, by=staff, now=now)
        kind = "withdrawn"
    notice = _notice(request)
    assert notice.state == "stopped"
    assert notice.events.last().kind == kind


def test_workbench_offers_the_step_while_the_clock_runs(login, staff):
    client = login(staff)
    request = received(by=staff, day="2026-01-29")
    url = f"/workbench/foi/{request.pk}/"
    assert "无需补正" in client.get(url).content.decode()
    response = client.post(f"{url}waive_correction/", follow=True)
    assert "已确认申请内容明确，无需补正。" in response.content.decode()
    assert _notice(request).state == "stopped"
    assert "无需补正（条例第三十条）" not in client.get(url).content.decode()
