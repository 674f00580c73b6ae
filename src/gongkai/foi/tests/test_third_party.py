"""条例 第三十二条: the third party's 15 working days end by themselves (the reply
period runs again on day 16, no staff action, no cron), and a disclosure over the
third party's objection is notified in writing first, as a letter on its own clock."""

from __future__ import annotations

import datetime as dt

import pypdfium2
import pytest
from docx import Document

from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import clock_status, clocks_for
from gongkai.common.errors import ConflictError, InvalidInputError
from gongkai.common.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.letter_files import letter_docx, letter_pdf
from gongkai.foi.selectors import reply_clock

from .support import SH, at, received, reply

pytestmark = pytest.mark.django_db
D = dt.date
API = "/api/v1/foi/requests/"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def consulted(staff, *, day="2026-09-28", sent="2026-09-30"):
    request = received(by=staff, day=day)
    consultation = services.consultation_send(
        request=request, kind="third_party", party="福州某某电器有限公司",
        question="是否同意公开贵公司的抽检报告", by=staff, now=at(sent),
    )  # fmt: skip
    return request, consultation


# Received Mon 2026-09-28 (20 working days: 10-30); consulted 09-30: the third
# party's 15th working day is 10-27 (RULES §1.10), the reply period runs again 10-28.
@pytest.mark.parametrize(
    ("now", "state", "due_on"),
    [
        (at("2026-10-27", 23), "paused", D(2026, 11, 20)),
        (at("2026-10-28", 0), "running", D(2026, 11, 20)),
        (at("2026-11-19", 9), "due_soon", D(2026, 11, 20)),
        (at("2026-11-21", 9), "overdue", D(2026, 11, 20)),
    ],
)
def test_reply_clock_resumes_on_day_16_by_itself(staff, now, state, due_on):
    request, _consultation = consulted(staff)
    clock = reply_clock(request)
    status = clock_status(clock, now=now)
    assert (status.state, status.due_date) == (state, due_on)
    # the cached columns the inbox reads already hold the resumed clock
    assert clock.state == CachedState.RUNNING
    assert clock.due_at == dt.datetime(2026, 11, 21, tzinfo=SH)


def test_an_answer_before_day_15_resumes_sooner_and_a_late_one_changes_nothing(staff):
    request, consultation = consulted(staff)
    services.consultation_answer(
        consultation=consultation, answer="不同意", at=at("2026-10-12"), by=staff,
        now=at("2026-10-12"),
    )  # fmt: skip
    # 10-08, 10-09, 10-10 (make-up Saturday), 10-12 not counted
    assert clock_status(reply_clock(request), now=at("2026-10-13")).due_date == D(
        2026, 11, 5
    )
    late, consultation = consulted(staff, day="2026-09-28")
    services.consultation_answer(
        consultation=consultation, answer="不同意", at=at("2026-11-02"), by=staff,
        now=at("2026-11-02"),
    )  # fmt: skip
    assert clock_status(reply_clock(late), now=at("2026-11-03")).due_date == D(
        2026, 11, 20
    )


def objected(staff):
    request, consultation = consulted(staff)
    services.consultation_answer(
        consultation=consultation, answer="不同意，涉及商业秘密", at=at("2026-10-12"),
        by=staff, now=at("2026-10-12"),
    )  # fmt: skip
    return request, consultation


def test_disclosure_over_objection_needs_the_written_notice_first(staff):
    request, consultation = objected(staff)
    with pytest.raises(InvalidInputError):
        services.third_party_disclosure_decide(
            request=request, consultation=consultation, content="抽检报告", reason=" ",
            by=staff, now=at("2026-10-13"),
        )  # fmt: skip
    services.third_party_disclosure_decide(
        request=request, consultation=consultation.pk,
        content="2026年电热毯产品质量监督抽查检验报告",
        reason="涉及消费者人身安全，不公开可能对公共利益造成重大影响", by=staff,
        now=at("2026-10-13"),
    )  # fmt: skip
    notice = clocks_for(consultation).get(rule_key="foi.third_party_notice")
    # 5 working days from Tue 10-13 [UNVERIFIED default]: 10-20
    assert clock_status(notice, now=at("2026-10-14")).due_date == D(2026, 10, 20)
    with pytest.raises(ConflictError) as exc:
        reply(
            request=request, outcome="disclosed", reply_text="见附件", by=staff,
            now=at("2026-10-14"),
        )  # fmt: skip
    assert exc.value.code == "foi.third_party_not_notified"

    services.third_party_notice_issue(
        request=request, consultation=consultation, by=staff, now=at("2026-10-15")
    )
    letter = request.letters.get(kind="disclose_notice")
    assert letter.visible_to_applicant is False
    text = "\n".join(p.text for p in Document(letter_docx(letter)).paragraphs)
    assert "福州某某电器有限公司" in text and "决定公开的理由" in text
    assert "第三十二条" in text and "2026年电热毯产品质量监督抽查检验报告" in text
    pdf = pypdfium2.PdfDocument(letter_pdf(letter).getvalue())
    assert "决定公开告知书" in pdf[0].get_textpage().get_text_range()
    notice.refresh_from_db()
    assert notice.state == CachedState.STOPPED and not notice.stopped_late
    with pytest.raises(ConflictError):
        services.third_party_notice_issue(
            request=request, consultation=consultation, by=staff, now=at("2026-10-15")
        )
    reply(
        request=request, outcome="disclosed", reply_text="见附件", by=staff,
        now=at("2026-10-16"),
    )  # fmt: skip
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"foi.disclosure_decided", "foi.third_party_notified"} <= actions


def test_withholding_after_a_decision_closes_the_notice_clock(staff):
    request, consultation = objected(staff)
    services.third_party_disclosure_decide(
        request=request, consultation=consultation, content="报告", reason="公共利益",
        by=staff, now=at("2026-10-13"),
    )  # fmt: skip
    reply(
        request=request, outcome="withheld.third_party", reply_text="",
        reasons="涉及第三方商业秘密", by=staff, now=at("2026-10-14"),
    )  # fmt: skip
    notice = clocks_for(consultation).get(rule_key="foi.third_party_notice")
    assert notice.state == CachedState.STOPPED


def test_silence_or_a_co_producer_needs_no_notice(staff):
    request, consultation = consulted(staff)
    with pytest.raises(InvalidInputError, match="尚未提出意见"):
        services.third_party_disclosure_decide(
            request=request, consultation=consultation, content="报告", reason="公共利益",
            by=staff, now=at("2026-10-13"),
        )  # fmt: skip


def test_api_steps_and_permissions(login, staff, other_staff, time_machine):
    request, consultation = objected(staff)
    time_machine.move_to(at("2026-10-13"))
    base = f"{API}{request.pk}/consultations/{consultation.pk}/"
    data = {"content": "抽检报告", "reason": "公共利益重大"}
    assert _post(login(other_staff), base + "disclose/", data).status_code == 404
    assert _post(login(staff), base + "disclose/", {"content": ""}).status_code == 400
    assert _post(login(staff), base + "notify/").status_code == 409  # not decided
    assert _post(login(staff), base + "disclose/", data).status_code == 200
    assert _post(login(other_staff), base + "notify/").status_code == 404
    body = _post(login(staff), base + "notify/").json()
    notice = request.letters.get(kind="disclose_notice")
    assert body["letters"][-1] == notice.number
    missing = f"{API}{request.pk}/consultations/{consultation.pk + 9}/notify/"
    assert _post(login(staff), missing).status_code == 404


def test_workbench_steps(login, staff):
    request, consultation = objected(staff)
    c = login(staff)
    page = c.get(f"/workbench/foi/{request.pk}/").content.decode()
    assert "第三方不同意，决定公开" in page
    c.post(
        f"/workbench/foi/{request.pk}/decide_disclosure/",
        {
            "decide_disclosure-consultation": consultation.pk,
            "decide_disclosure-content": "抽检报告",
            "decide_disclosure-reason": "公共利益重大",
        },
    )
    consultation.refresh_from_db()
    assert consultation.disclosure_decided_at is not None
    c.post(
        f"/workbench/foi/{request.pk}/notify_third_party/",
        {"notify_third_party-consultation": consultation.pk},
    )
    consultation.refresh_from_db()
    assert consultation.notified_at is not None
