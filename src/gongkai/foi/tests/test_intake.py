"""Intake: online submission, registration by channel, receipt (条例 第二十九条、第三十一条)."""

import datetime as dt

import pytest
from django.core import mail

from gongkai.clocks.selectors import clock_status
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import FoiRequest
from gongkai.foi.selectors import reply_clock, request_for_applicant

from .support import application, at, received

pytestmark = pytest.mark.django_db


def test_online_application_gets_tracking_number_and_query_code(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        request, code = services.request_submit(
            application=application(), now=at("2026-03-02")
        )
    assert request.tracking_number == "YSQ2026-00001"
    assert request.status == "submitted" and request.received_at is None
    assert request_for_applicant("ysq2026-00001", code.lower()) == request
    assert request_for_applicant("YSQ2026-00001", "WRONG123") is None
    assert AuditEvent.objects.filter(action="foi.submit", object_id=request.pk).exists()
    assert code in mail.outbox[0].body and "YSQ2026-00001" in mail.outbox[0].subject
    second, _ = services.request_submit(application=application(), now=at("2026-03-02"))
    assert second.tracking_number == "YSQ2026-00002"


def test_a_mail_failure_after_acceptance_keeps_the_application(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "gongkai.foi.tests.support_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        request, code = services.request_submit(
            application=application(), now=at("2026-03-02")
        )
    assert FoiRequest.objects.get(pk=request.pk).description.startswith("2025年")
    assert request_for_applicant(request.tracking_number, code) is not None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id_number": "110105194912310021"}, "居民身份证号码无效"),
        ({"id_type": "", "id_number": ""}, "身份证明"),
        (
            {"applicant_type": "commercial", "uscc": "91110000600037341X"},
            "统一社会信用代码",
        ),
        ({"description": "  "}, "特征性描述"),
        ({"applicant_type": "nobody"}, "申请人类型"),
        ({"delivery": "post"}, "通信地址"),
        ({"email": ""}, "电子邮箱"),
    ],
)
def test_invalid_applications_are_refused_with_a_chinese_message(changes, message):
    with pytest.raises(InvalidInputError, match=message):
        services.request_submit(
            application=application(**changes), now=at("2026-03-02")
        )
    assert not FoiRequest.objects.exists()


def test_organisation_is_stored_with_canonical_uscc_and_no_id_number():
    request, _ = services.request_submit(
        application=application(
            applicant_type="commercial", name="某公司", uscc=" 91110000600037341l "
        ),
        now=at("2026-03-02"),
    )
    assert request.uscc == "91110000600037341L"
    assert request.id_number == "" and request.id_type == ""


@pytest.mark.parametrize(
    ("day", "due"),
    [
        ("2026-02-10", dt.date(2026, 3, 16)),  # RULES §1.10: over the Spring Festival
        ("2025-09-26", dt.date(2025, 10, 30)),  # National Day block, make-up days
        ("2026-04-30", dt.date(2026, 6, 1)),  # Labour Day block
        ("2025-12-31", dt.date(2026, 1, 29)),  # year end
    ],
)
def test_registration_starts_the_twenty_working_day_clock(staff, day, due):
    request = received(by=staff, day=day)
    assert request.status == "in_progress"
    status = clock_status(reply_clock(request), now=at(day, 12))
    assert status.due_date == due
    assert request.letters.get().kind == "acknowledgement"


def test_online_receipt_is_the_day_both_sides_confirm(reviewer, department):
    request, _ = services.request_submit(
        application=application(), now=at("2026-02-13")
    )
    # submitted on Friday 13th; the office confirms on Tuesday 24th (after the holiday)
    services.request_assign(request=request, department=department, by=reviewer)
    services.request_confirm_receipt(
        request=request, at=at("2026-02-24"), by=reviewer, now=at("2026-02-24", 11)
    )
    request.refresh_from_db()
    assert request.received_at == at("2026-02-24")
    clock = reply_clock(request)
    assert clock.department == department
    assert clock_status(clock, now=at("2026-02-24", 12)).due_date == dt.date(
        2026, 3, 23
    )
    with pytest.raises(ConflictError):
        services.request_confirm_receipt(
            request=request, at=at("2026-02-24"), by=reviewer, now=at("2026-02-25")
        )


def test_receipt_cannot_be_in_the_future(reviewer):
    request, _ = services.request_submit(
        application=application(), now=at("2026-02-13")
    )
    with pytest.raises(InvalidInputError):
        services.request_confirm_receipt(
            request=request, at=at("2026-02-20"), by=reviewer, now=at("2026-02-14")
        )


def test_only_the_office_assigns(staff, other_department):
    request = received(by=staff)
    with pytest.raises(PermissionDeniedError):
        services.request_assign(request=request, department=other_department, by=staff)


@pytest.mark.parametrize(
    ("who", "into", "allowed"),
    [
        ("staff", "own", True),
        ("staff", None, True),  # into the filer's own department
        ("staff", "other", False),
        ("reviewer", "other", True),
        ("admin_user", "other", True),
    ],
)
def test_only_the_office_registers_into_another_department(
    request, department, other_department, who, into, allowed
):
    """Registering starts the department's statutory clock: into another
    department it is an assignment, the office's alone."""
    by = request.getfixturevalue(who)
    target = {"own": department, "other": other_department, None: None}[into]

    def register():
        return services.request_register(
            application=application(),
            channel="post",
            received_at=at("2026-02-10"),
            department=target,
            by=by,
            now=at("2026-02-10", 11),
        )

    if not allowed:
        with pytest.raises(PermissionDeniedError, match="只有公开办") as refused:
            register()
        assert refused.value.code == "foi.assign_denied"
        assert not FoiRequest.objects.exists()
        return
    created, _code = register()
    assert created.department == (target or by.department)


def test_auditor_cannot_register(auditor):
    with pytest.raises(PermissionDeniedError):
        services.request_register(
            application=application(),
            channel="post",
            received_at=at("2026-02-10"),
            by=auditor,
            now=at("2026-02-10", 11),
        )


def test_a_storage_failure_keeps_the_application(monkeypatch):
    from django.core.files.storage import FileSystemStorage, InMemoryStorage

    def broken(self, name, content, max_length=None):
        raise OSError("disk full")

    monkeypatch.setattr(InMemoryStorage, "save", broken)
    monkeypatch.setattr(FileSystemStorage, "save", broken)
    request, code = services.request_submit(
        application=application(attachments=[("证明.pdf", b"%PDF-1.4")]),
        now=at("2026-03-02"),
    )
    assert FoiRequest.objects.filter(pk=request.pk).exists()
    assert not request.attachments.exists()
    assert AuditEvent.objects.filter(action="foi.attachment_failed").exists()
    assert request_for_applicant(request.tracking_number, code) == request


def test_a_registered_letter_is_submitted_when_it_was_received(reviewer):
    """Issue 19: keyed in days later, the case must not read "submitted" after
    "received"."""
    request, _code = services.request_register(
        application=application(),
        channel="post",
        received_at=at("2026-02-10"),
        by=reviewer,
        now=at("2026-02-13", 15),
    )
    request.refresh_from_db()
    assert request.submitted_at == request.received_at == at("2026-02-10")
