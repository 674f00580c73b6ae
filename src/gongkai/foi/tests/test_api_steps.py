"""Staff handling steps in the API: each endpoint does what the workbench step does,
for the assigned department's staff or the office only, audited."""

import pytest

from gongkai.common.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import FoiRequest

from .support import application, at, received

pytestmark = pytest.mark.django_db
BASE = "/api/v1/foi/requests/"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def _ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()


def _error(response, status, code):
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert set(body) == {"code", "message", "detail"}
    assert body["code"] == code
    return body


@pytest.fixture
def case(staff, time_machine):
    """A request received in person on 2026-02-10 (reply due 2026-03-16)."""
    request = received(by=staff)
    time_machine.move_to(at("2026-02-12"))
    return request


def _url(request, step):
    return f"{BASE}{request.pk}/{step}/"


# -- register and confirm receipt ---------------------------------------------------


def test_register_by_post(login, staff, time_machine):
    time_machine.move_to(at("2026-02-11"))
    data = {
        **{k: v for k, v in vars(application()).items() if k != "attachments"},
        "channel": "post",
        "received_at": "2026-02-10T15:00:00+08:00",
        "department": staff.department_id,
    }
    body = _ok(_post(login(staff), f"{BASE}register/", data), 201)
    assert body["status"] == "in_progress"
    assert body["reply_due_date"] == "2026-03-16"
    assert len(body["query_code"]) >= 6 and "name" not in body
    assert AuditEvent.objects.filter(action="foi.register").count() == 1


def test_staff_cannot_register_into_another_department(
    login, staff, other_department, time_machine
):
    time_machine.move_to(at("2026-02-11"))
    data = {
        **{k: v for k, v in vars(application()).items() if k != "attachments"},
        "channel": "post",
        "received_at": "2026-02-10T15:00:00+08:00",
        "department": other_department.pk,
    }
    response = _post(login(staff), f"{BASE}register/", data)
    body = _error(response, 403, "foi.assign_denied")
    assert body["message"] == "只有公开办可以把申请登记到其他处室。"
    assert not FoiRequest.objects.exists()


def test_register_refuses_bad_input_and_the_public(client, login, staff):
    assert _post(client, f"{BASE}register/", {}).status_code == 401
    body = _error(
        _post(login(staff), f"{BASE}register/", {"name": "张三"}), 400, "invalid"
    )
    assert "phone" in body["detail"]
    bad_id = {
        **{k: v for k, v in vars(application()).items() if k != "attachments"},
        "id_number": "110105194912310021",
        "channel": "in_person",
        "received_at": "2026-02-10T10:00:00+08:00",
    }
    response = _post(login(staff), f"{BASE}register/", bad_id)
    body = _error(response, 400, "foi.invalid_application")
    assert body["message"] == "居民身份证号码无效，请检查校验位。"
    assert not FoiRequest.objects.exists()  # nothing half-registered


def test_confirm_receipt_of_an_online_application(login, reviewer, staff, time_machine):
    time_machine.move_to(at("2026-02-10", 9))
    request, _code = services.request_submit(application=application())
    time_machine.move_to(at("2026-02-10", 11))
    url = _url(request, "confirm-receipt")
    # online, not yet assigned: the department's staff cannot see it
    _error(
        _post(login(staff), url, {"at": "2026-02-10T10:00:00+08:00"}), 404, "not_found"
    )
    body = _ok(_post(login(reviewer), url, {"at": "2026-02-10T10:00:00+08:00"}))
    assert (body["status"], body["reply_due_date"]) == ("in_progress", "2026-03-16")
    assert AuditEvent.objects.filter(action="foi.receipt_confirmed").count() == 1


def test_assign_is_for_the_office(case, login, staff, reviewer, other_department):
    url = _url(case, "assign")
    _error(_post(login(staff), url, {"department": other_department.pk}), 403,
           "permission_denied")  # fmt: skip
    body = _ok(_post(login(reviewer), url, {"department": other_department.pk}))
    assert body["department"] == str(other_department)
    assert AuditEvent.objects.filter(action="foi.assign").count() == 1


# -- the steps, each with the permission failure ----------------------------------


def test_correction_notice_then_correction_received(
    case, login, staff, other_staff, time_machine
):
    url = _url(case, "correction-notice")
    _error(_post(login(other_staff), url, {"text": "请写明批次"}), 404, "not_found")
    body = _ok(_post(login(staff), url, {"text": "请写明批次"}))
    assert body["status"] == "awaiting_correction"
    _error(_post(login(staff), url, {"text": "再补"}), 409, "foi.step")  # once only
    time_machine.move_to(at("2026-02-13", 11))
    received_url = _url(case, "correction-received")
    body = _ok(_post(login(staff), received_url,
                     {"at": "2026-02-13T09:00:00+08:00", "text": "第3批"}))  # fmt: skip
    # the period runs again from 2026-02-13: make-up Saturdays 2-14 and 2-28 count,
    # Spring Festival 2-15 … 2-23 does not
    assert (body["status"], body["reply_due_date"]) == ("in_progress", "2026-03-19")
    assert AuditEvent.objects.filter(action="foi.correction_received").count() == 1


def test_correction_waived(case, login, staff, other_staff):
    url = _url(case, "correction-waived")
    _error(_post(login(other_staff), url), 404, "not_found")
    _ok(_post(login(staff), url))
    _error(_post(login(staff), url), 409, "foi.notice_closed")
    assert AuditEvent.objects.filter(action="foi.correction_waived").count() == 1


def test_consultation_sent_and_answered(case, login, staff, other_staff, time_machine):
    url = _url(case, "consultations")
    data = {"kind": "third_party", "party": "某公司", "question": "是否同意公开"}
    _error(_post(login(other_staff), url, data), 404, "not_found")
    _error(_post(login(staff), url, {**data, "kind": "x"}), 400, "invalid")
    _ok(_post(login(staff), url, data))
    consultation = case.consultations.get()
    time_machine.move_to(at("2026-03-05", 11))
    answer = f"{BASE}{case.pk}/consultations/{consultation.pk}/answer/"
    payload = {"at": "2026-03-05T10:00:00+08:00", "answer": "不同意"}
    _error(_post(login(other_staff), answer, payload), 404, "not_found")
    body = _ok(_post(login(staff), answer, payload))
    # (2-12, 3-05] not counted: 11 working days after 2026-03-16
    assert body["reply_due_date"] == "2026-03-31"
    missing = f"{BASE}{case.pk}/consultations/{consultation.pk + 99}/answer/"
    _error(_post(login(staff), missing, payload), 404, "not_found")
    assert AuditEvent.objects.filter(action="foi.consultation_answered").count() == 1


def test_extension_requested_then_approved_by_the_office(case, login, staff, reviewer):
    _ok(_post(login(staff), _url(case, "extension"), {"days": 20, "reason": "需调档"}))
    approve = _url(case, "extension/approve")
    _error(_post(login(staff), approve), 403, "permission_denied")
    body = _ok(_post(login(reviewer), approve))
    assert body["reply_due_date"] == "2026-04-14"  # RULES.md §1.10: 40 wd
    assert AuditEvent.objects.filter(action="foi.extension_approved").count() == 1


def test_extension_out_of_range_is_invalid(case, login, staff, other_staff):
    url = _url(case, "extension")
    _error(_post(login(other_staff), url, {"days": 5, "reason": "x"}), 404, "not_found")
    _error(_post(login(staff), url, {"days": 21, "reason": "x"}), 400, "invalid")


def test_reasons_asked_under_article_35(case, login, staff, other_staff):
    url = _url(case, "reasons")
    data = {"question": "一个月内提出120件同类申请的用途"}
    _error(_post(login(other_staff), url, data), 404, "not_found")
    _error(_post(login(staff), url, {}), 400, "invalid")
    _ok(_post(login(staff), url, data))
    assert case.letters.filter(kind="reasons").count() == 1
    assert AuditEvent.objects.filter(action="foi.reasons_requested").count() == 1


def test_delay_under_article_35(case, login, staff, reviewer):
    url = _url(case, "delay")
    data = {"until": "2026-04-30", "reasons": "须逐件调档"}
    _error(_post(login(staff), url, data), 403, "permission_denied")
    body = _error(_post(login(reviewer), url, {**data, "until": "2026-03-16"}), 400,
                  "clock.invalid_event")  # fmt: skip
    assert "必须晚于原答复期限 2026-03-16" in body["message"]
    assert _ok(_post(login(reviewer), url, data))["reply_due_date"] == "2026-04-30"
    assert AuditEvent.objects.filter(action="foi.reply_delayed").count() == 1


def test_fee_notice_and_payment(case, login, staff, other_staff, time_machine):
    url = _url(case, "fee-notice")
    data = {"method": "by_page", "quantity": 150}
    _error(_post(login(other_staff), url, data), 404, "not_found")
    body = _ok(_post(login(staff), url, data))
    assert body["status"] == "awaiting_fee"
    assert case.letters.filter(kind="fee").count() == 1
    time_machine.move_to(at("2026-02-13"))
    paid = _url(case, "fee-paid")
    _error(_post(login(other_staff), paid, {"at": "2026-02-12T11:00:00+08:00"}), 404,
           "not_found")  # fmt: skip
    body = _ok(_post(login(staff), paid, {"at": "2026-02-12T11:00:00+08:00"}))
    assert body["status"] == "in_progress"
    assert AuditEvent.objects.filter(action="foi.fee_paid").count() == 1


def test_reply_drafted_approved_then_delivered(
    case, login, staff, other_staff, reviewer, time_machine
):
    draft = _url(case, "reply/draft")
    data = {"outcome": "disclosed", "reply_text": "见附件"}
    _error(_post(login(other_staff), draft, data), 404, "not_found")
    # four-eyes: the department cannot send the reply itself
    _error(_post(login(staff), _url(case, "reply"), data), 403,
           "foi.reply_needs_approval")  # fmt: skip
    _error(_post(login(staff), draft, {"outcome": "partly", "reply_text": "x"}), 400,
           "foi.reply_incomplete")  # fmt: skip
    body = _ok(_post(login(staff), draft, data))
    assert (body["status"], body["reply_draft"], len(body["letters"])) == (
        "in_progress", "pending", 1,  # the acknowledgement only: no reply letter yet
    )  # fmt: skip
    approve = _url(case, "reply/approve")
    _error(_post(login(staff), approve), 403, "permission_denied")
    _error(_post(login(other_staff), approve), 404, "not_found")
    body = _ok(_post(login(reviewer), approve))
    assert (body["status"], body["outcome"], body["reply_due_date"]) == (
        "replied", "disclosed", None,
    )  # fmt: skip
    assert body["reply_draft"] == ""
    assert AuditEvent.objects.get(action="foi.reply_approved").changes == {
        "outcome": "disclosed", "drafted_by": "author",
    }  # fmt: skip
    time_machine.move_to(at("2026-02-13"))
    delivery = _url(case, "delivery")
    payload = {"at": "2026-02-12T11:00:00+08:00", "note": "电子邮件送达"}
    _error(_post(login(other_staff), delivery, payload), 404, "not_found")
    _ok(_post(login(staff), delivery, payload))
    case.refresh_from_db()
    assert case.delivery_note == "电子邮件送达"
    assert AuditEvent.objects.filter(action="foi.delivered").count() == 1


def test_reply_draft_returned_with_a_note_and_drafted_again(
    case, login, staff, reviewer
):
    data = {"outcome": "disclosed", "reply_text": "见附件"}
    _ok(_post(login(staff), _url(case, "reply/draft"), data))
    back = _url(case, "reply/return")
    _error(_post(login(staff), back, {"note": "x"}), 403, "permission_denied")
    _error(_post(login(reviewer), back, {}), 400, "invalid")
    body = _ok(_post(login(reviewer), back, {"note": "请补充附件清单"}))
    assert body["reply_draft"] == "returned"
    _error(_post(login(reviewer), _url(case, "reply/approve")), 409,
           "foi.no_reply_draft")  # fmt: skip
    body = _ok(_post(login(staff), _url(case, "reply/draft"),
                     {**data, "reply_text": "见附件：名单1份"}))  # fmt: skip
    assert body["reply_draft"] == "pending"
    assert _ok(_post(login(reviewer), _url(case, "reply/approve")))["status"] == (
        "replied"
    )
    case.refresh_from_db()
    assert case.reply_text == "见附件：名单1份"


def test_office_replies_directly_and_four_eyes_can_be_turned_off(
    case, login, staff, reviewer, admin_user
):
    from gongkai.common.services import rule_value_set

    data = {"outcome": "disclosed", "reply_text": "见附件"}
    other = received(by=staff)
    assert _ok(_post(login(reviewer), _url(case, "reply"), data))["status"] == (
        "replied"
    )
    rule_value_set(key="foi.reply.four_eyes", value=False,
                   valid_from=at("2026-01-01").date(), by=admin_user)  # fmt: skip
    assert _ok(_post(login(staff), _url(other, "reply"), data))["status"] == "replied"


def test_step_in_the_wrong_status_is_a_conflict(case, login, staff, reviewer):
    _ok(_post(login(reviewer), _url(case, "reply"),
              {"outcome": "disclosed", "reply_text": "见附件"}))  # fmt: skip
    _error(_post(login(staff), _url(case, "correction-notice"), {"text": "x"}), 409,
           "foi.step")  # fmt: skip


@pytest.mark.parametrize(
    "step",
    ["confirm-receipt", "assign", "correction-notice", "correction-waived",
     "correction-received", "consultations", "extension", "extension/approve",
     "reasons", "delay", "fee-notice", "fee-paid", "reply", "reply/draft",
     "reply/approve", "reply/return", "delivery"],
)  # fmt: skip
def test_every_step_refuses_the_public(client, case, step):
    _error(_post(client, _url(case, step)), 401, "not_authenticated")


def test_schema_lists_every_step(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    steps = [p for p in paths if p.startswith(BASE)]
    # list, register, 14 steps, the consultation answer, disclose and notify, and
    # the three four-eyes steps (reply/draft, reply/approve, reply/return)
    assert len(steps) == 22
