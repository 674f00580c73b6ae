"""条例 第三十五条: unreasonable quantity or frequency — declined, or answered late on
a date the office sets and notifies."""

import datetime as dt

import pytest
from django.core import mail

from gongkai.clocks.models import HolidayDay
from gongkai.clocks.recompute import clocks_recompute_all
from gongkai.clocks.selectors import clock_inbox, clock_status
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.selectors import reply_clock

from .support import at, received, reply

pytestmark = pytest.mark.django_db
REASONS = "申请涉及2019年以来全部抽查批次的原始记录，须逐件调档"


def _delay(request, by, until="2026-04-30", now="2026-03-10"):
    return services.reply_delay(
        request=request,
        until=dt.date.fromisoformat(until),
        reasons=REASONS,
        by=by,
        now=at(now),
    )


def test_delayed_reply_moves_the_due_date_and_tells_the_applicant(
    staff, reviewer, django_capture_on_commit_callbacks
):
    request = received(by=staff)  # 2026-02-10, due 2026-03-16
    with django_capture_on_commit_callbacks(execute=True):
        _delay(request, reviewer)
    status = clock_status(reply_clock(request), now=at("2026-03-11"))
    assert status.due_date == dt.date(2026, 4, 30)
    assert status.explanation[-1] == (
        "到期：2026-04-30（告知申请人的延期答复日期，条例第三十五条）"
    )
    assert (
        "延期答复（条例第三十五条）：2026-03-10 告知申请人于 2026-04-30 前答复"
        "（原期限 2026-03-16）" in status.explanation
    )
    letter = request.letters.last()
    assert (letter.kind, letter.title) == (
        "delay",
        "延迟答复告知书（条例第三十五条）",
    )
    body = " ".join(letter.body)
    assert "答复期限至2026年4月30日" in body
    assert REASONS in body
    assert "的答复期限已依条例第三十五条延迟" in mail.outbox[-1].body
    audit = AuditEvent.objects.get(action="foi.reply_delayed")
    assert audit.changes["until"] == "2026-04-30"


def test_delayed_reply_in_the_inbox_and_replied_on_time_or_late(staff, reviewer):
    request = received(by=staff)
    _delay(request, reviewer)  # also closes the correction-notice clock
    clock = reply_clock(request)
    assert clock.pk not in [
        c.pk for c in clock_inbox(staff, now=at("2026-03-17"))["overdue"]
    ]  # fmt: skip  (no longer due 2026-03-16)
    due_soon = clock_inbox(staff, now=at("2026-04-27"))["due_soon"]
    assert [c.pk for c in due_soon] == [clock.pk]
    reply(
        request=request, outcome="disclosed", reply_text="见附件", by=staff,
        now=at("2026-04-30", 17),
    )  # fmt: skip
    clock.refresh_from_db()
    assert (clock.state, clock.stopped_late) == ("stopped", False)


def test_a_holiday_change_does_not_move_a_notified_date(staff, reviewer):
    request = received(by=staff)
    _delay(request, reviewer)
    HolidayDay.objects.create(day=dt.date(2026, 4, 29), kind="off", name="测试")
    clocks_recompute_all(now=at("2026-03-11"), years=[2026])
    clock = reply_clock(request)
    assert clock.due_at == at("2026-05-01", 0)  # 24:00 of 2026-04-30


@pytest.mark.parametrize(
    ("until", "message"),
    [
        ("2026-03-16", "必须晚于原答复期限 2026-03-16"),
        ("2026-03-12", "必须晚于原答复期限 2026-03-16"),
        ("2026-03-10", "延迟答复的期限须晚于今天"),
    ],
)
def test_the_date_must_be_later_than_the_statutory_one(staff, reviewer, until, message):
    request = received(by=staff)
    with pytest.raises(InvalidInputError, match=message):
        _delay(request, reviewer, until=until)
    assert not request.letters.filter(kind="delay").exists()
    assert not reply_clock(request).events.filter(kind="reply_delayed").exists()


def test_only_the_office_head_sets_it_and_reasons_are_required(staff, reviewer):
    request = received(by=staff)
    with pytest.raises(PermissionDeniedError):
        _delay(request, staff)
    with pytest.raises(InvalidInputError, match="原因"):
        services.reply_delay(
            request=request,
            until=dt.date(2026, 4, 30),
            reasons=" ",
            by=reviewer,
            now=at("2026-03-10"),
        )


def test_unreasonable_requests_are_declined_with_reasons(staff):
    request = received(by=staff)
    with pytest.raises(InvalidInputError):
        reply(
            request=request, outcome="excessive", reply_text="", by=staff,
            now=at("2026-03-02"),
        )  # fmt: skip
    reply(
        request=request, outcome="excessive", reply_text="不予处理",
        reasons="一个月内提出同类申请120件，经要求说明理由，未说明正当理由",
        by=staff, now=at("2026-03-02"),
    )  # fmt: skip
    request.refresh_from_db()
    assert (request.outcome, request.status) == ("excessive", "replied")
    assert "条例 第三十五条" in " ".join(request.letters.last().body)


def test_workbench_step_for_the_office_only(login, staff, reviewer, client):
    request = received(by=staff)
    url = f"/workbench/foi/{request.pk}/"
    login(staff)
    assert "条例第三十五条，公开办负责人" not in client.get(url).content.decode()
    login(reviewer)
    page = client.get(url).content.decode()
    assert "条例第三十五条，公开办负责人" in page
    until = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    response = client.post(
        f"{url}delay_reply/",
        {"delay_reply-until": until, "delay_reply-reasons": REASONS},
        follow=True,
    )
    assert "已确定延迟答复期限并告知申请人。" in response.content.decode()
    response = client.post(
        f"{url}delay_reply/",
        {"delay_reply-until": "2026-02-30", "delay_reply-reasons": REASONS},
        follow=True,
    )
    assert "提交的内容不完整" in response.content.decode()


def test_the_office_may_ask_for_reasons_first(staff, other_staff):
    request = received(by=staff)
    with pytest.raises(PermissionDeniedError):
        services.reasons_request(request=request, question="用途", by=other_staff,
                                 now=at("2026-02-12"))  # fmt: skip
    with pytest.raises(InvalidInputError):
        services.reasons_request(request=request, question=" ", by=staff,
                                 now=at("2026-02-12"))  # fmt: skip
    services.reasons_request(request=request, question="一个月内提出120件同类申请的用途",
                             by=staff, now=at("2026-02-12"))  # fmt: skip
    letter = request.letters.last()
    assert letter.title == "说明理由告知书（条例第三十五条）"
    assert "一个月内提出120件同类申请的用途" in " ".join(letter.body)
    # the reply period keeps running meanwhile
    assert clock_status(reply_clock(request), now=at("2026-02-13")).due_date == (
        dt.date(2026, 3, 16)
    )
