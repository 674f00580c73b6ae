"""Public and workbench pages: form protection, lookup, privacy, permissions, queries."""

import datetime as dt
import re
import time
import uuid

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from gongkai.common.models import AuditEvent
from gongkai.foi.forms import TOKEN_SALT
from gongkai.foi.models import FoiRequest

from .support import received

pytestmark = pytest.mark.django_db

FORM = {
    "applicant_type": "natural_person",
    "name": "李四",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "email": "li@example.com",
    "description": "2025年度食品相关产品监督抽查计划",
    "form": "electronic",
    "delivery": "email",
    "website": "",
}


def _token(age=60):
    return signing.dumps(
        {"t": int(time.time()) - age, "n": uuid.uuid4().hex}, salt=TOKEN_SALT
    )


def test_guide_and_form_render(client):
    assert "依申请公开指南" in client.get(reverse("foi:guide")).content.decode()
    page = client.get(reverse("foi:apply")).content.decode()
    assert 'name="token"' in page and "<div hidden>" in page


def test_application_is_accepted_and_shows_the_codes_once(client):
    response = client.post(
        reverse("foi:apply"), {**FORM, "token": _token()}, follow=True
    )
    page = response.content.decode()
    request = FoiRequest.objects.get()
    assert request.tracking_number in page
    assert 'id="query-code"' in page
    assert client.get(reverse("foi:done")).status_code == 302  # shown once only
    assert 'id="expected-reply"' in page and "预计答复期限" in page
    case = client.get(reverse("foi:case")).content.decode()
    assert "已提交，待确认收到" in case and "11010519491231002X" not in case
    # The tracking page repeats what was asked, and when to expect the reply.
    assert "2025年度食品相关产品监督抽查计划" in case
    assert "预计答复期限" in case


def test_the_receipt_counts_the_expected_reply_over_the_holidays(client, time_machine):
    """Submitted on 2026-09-30: 20 working days skip the National Day holiday
    (10-01..10-07, 2026 arrangement; 10-10 a make-up working day) and end on
    2026-11-03, not 10-28 as plain weekdays would."""
    time_machine.move_to(dt.datetime(2026, 9, 30, 10, tzinfo=dt.UTC))
    response = client.post(
        reverse("foi:apply"), {**FORM, "token": _token()}, follow=True
    )
    assert "2026-11-03 24:00" in response.content.decode()


def test_a_missing_field_names_itself_and_is_not_hidden_by_the_bot_check(client):
    """A person who leaves out the phone number, one second after opening the form,
    is told to fill in the phone number (not "提交过快"), on the field."""
    response = client.post(
        reverse("foi:apply"), {**FORM, "token": _token(1), "phone": "", "name": ""}
    )
    page = response.content.decode()
    assert "请填写联系电话。" in page and "请填写姓名或名称。" in page
    assert "提交过快" not in page
    assert "这个字段是必填项" not in page and "This field is required" not in page
    assert 'aria-invalid="true"' in page


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"token": "forged"}, "表单已过期"),
        ({"token": 0}, "提交过快"),  # a token issued 0 seconds ago
        ({"website": "http://spam"}, "未通过校验"),
        ({"id_number": "110105194912310021"}, "居民身份证号码无效"),
    ],
)
def test_bad_or_robotic_submissions_are_refused_and_keep_the_input(
    client, extra, message
):
    token = extra.get("token", 60)
    data = {
        **FORM,
        **extra,
        "token": _token(token) if isinstance(token, int) else token,
    }
    response = client.post(reverse("foi:apply"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "2025年度食品相关产品监督抽查计划" in page  # nothing typed is lost
    assert not FoiRequest.objects.exists()


def test_submissions_are_rate_limited(client, settings):
    settings.GONGKAI_FOI_APPLY_PER_HOUR = 1
    client.post(reverse("foi:apply"), {**FORM, "token": _token()})
    response = client.post(reverse("foi:apply"), {**FORM, "token": _token()})
    assert "提交次数过多" in response.content.decode()
    assert FoiRequest.objects.count() == 1


def test_a_form_token_carries_one_submission_only(client):
    token = _token()
    first = client.post(reverse("foi:apply"), {**FORM, "token": token})
    assert first.status_code == 302
    replays = [
        client.post(reverse("foi:apply"), {**FORM, "token": token}) for _ in range(5)
    ]
    for replay in replays:
        page = replay.content.decode()
        assert "此表单已经提交过，不能重复提交" in page
        assert "2025年度食品相关产品监督抽查计划" in page  # the input stays
    assert FoiRequest.objects.count() == 1


def _rendered_token(page):
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def test_a_person_correcting_an_error_can_submit_again(client):
    """Within 3 s of the error page: not "too fast", the form was first shown a
    minute ago and the new token keeps that time."""
    token = _token()
    bad = client.post(reverse("foi:apply"), {**FORM, "token": token, "phone": ""})
    page = bad.content.decode()
    assert "2025年度食品相关产品监督抽查计划" in page
    fresh = _rendered_token(page)
    assert fresh != token
    fixed = client.post(reverse("foi:apply"), {**FORM, "token": fresh})
    assert fixed.status_code == 302
    assert FoiRequest.objects.count() == 1


def test_case_lookup_and_letter_download(client, staff):
    from gongkai.foi import services

    from .support import application, at

    request, code = services.request_register(
        application=application(), channel="post", received_at=at("2026-02-10"),
        by=staff, now=at("2026-02-10", 11),
    )  # fmt: skip
    bad = client.post(reverse("foi:track"), {"tracking_number": request.tracking_number,
                                            "query_code": "WRONG999"})  # fmt: skip
    assert "不正确" in bad.content.decode()
    client.post(reverse("foi:track"), {"tracking_number": request.tracking_number,
                                       "query_code": code})  # fmt: skip
    page = client.get(reverse("foi:case")).content.decode()
    assert "到期：2026-03-16" in page  # the applicant sees why this date
    letter = request.letters.get()
    assert letter.title in page
    response = client.get(reverse("foi:case-letter", args=[letter.number]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_letters_of_another_case_are_not_reachable(client, staff):
    request = received(by=staff)
    letter = request.letters.get()
    assert (
        client.get(reverse("foi:case-letter", args=[letter.number])).status_code == 404
    )


def test_staff_list_query_count_and_visibility(login, staff, other_staff, reviewer,
                                               django_assert_max_num_queries):  # fmt: skip
    for _ in range(12):
        received(by=staff)
    client = login(staff)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("foi-staff:list")).content.decode()
    assert page.count("YSQ2026-") == 12
    other = login(other_staff).get(reverse("foi-staff:list")).content.decode()
    assert "YSQ2026-" not in other


def test_detail_shows_personal_data_only_to_assigned_staff_and_audits_the_view(
    client, login, staff, other_staff, auditor
):
    request = received(by=staff)
    url = reverse("foi-staff:detail", args=[request.pk])
    page = login(staff).get(url).content.decode()
    assert "11010519491231002X" in page
    assert AuditEvent.objects.filter(action="foi.personal_data_view").count() == 1
    client.logout()
    assert login(other_staff).get(url).status_code == 404
    client.logout()
    assert login(auditor).get(url).status_code == 404


def test_reply_through_the_workbench_drafted_then_approved(login, staff, reviewer):
    request = received(by=staff)
    client = login(staff)
    page = client.get(reverse("foi-staff:detail", args=[request.pk])).content.decode()
    assert "提交答复草稿（公开办审核后发出）" in page
    assert 'id="step-reply"' not in page
    direct = client.post(
        reverse("foi-staff:step", args=[request.pk, "reply"]),
        {"reply-outcome": "disclosed", "reply-reply_text": "见附件"},
        follow=True,
    )
    assert "答复须经公开办审核后发出" in direct.content.decode()
    url = reverse("foi-staff:step", args=[request.pk, "draft_reply"])
    bad = client.post(
        url, {"draft_reply-outcome": "partly", "draft_reply-reply_text": "x"},
        follow=True,
    )  # fmt: skip
    assert "必须说明理由" in bad.content.decode()
    done = client.post(
        url, {"draft_reply-outcome": "disclosed", "draft_reply-reply_text": "见附件"},
        follow=True,
    )  # fmt: skip
    assert "已提交答复草稿，待公开办审核。" in done.content.decode()
    assert "待公开办审核" in done.content.decode()
    refused = client.post(
        reverse("foi-staff:step", args=[request.pk, "approve_reply"]), follow=True
    )
    assert "答复草稿须由公开办审核批准" in refused.content.decode()
    request.refresh_from_db()
    assert request.status == "in_progress"

    office = login(reviewer)
    page = office.get(reverse("foi-staff:detail", args=[request.pk])).content.decode()
    assert "批准答复并发出（公开办）" in page and 'id="reply-draft"' in page
    office.post(reverse("foi-staff:step", args=[request.pk, "approve_reply"]))
    request.refresh_from_db()
    assert (request.status, request.reply_text) == ("replied", "见附件")
    letter = request.letters.get(kind="reply")
    download = client.get(reverse("foi-staff:letter", args=[request.pk, letter.number]))
    assert download.status_code == 200


def test_workbench_step_refused_to_other_department(login, staff, other_staff):
    request = received(by=staff)
    url = reverse("foi-staff:step", args=[request.pk, "reply"])
    response = login(other_staff).post(url, {"reply-outcome": "disclosed"})
    assert response.status_code == 404
    assert FoiRequest.objects.get().status == "in_progress"


def test_register_page_creates_a_request(login, reviewer, department):
    client = login(reviewer)
    data = {
        **FORM,
        "channel": "letter",
        "received_at": "2026-02-10T09:30",
        "department": department.pk,
    }
    response = client.post(reverse("foi-staff:register"), data, follow=True)
    request = FoiRequest.objects.get()
    assert request.channel == "letter" and request.department == department
    assert "查询码" in response.content.decode()


def test_register_page_refuses_staff_filing_into_another_department(
    login, staff, other_department
):
    data = {
        **FORM,
        "channel": "letter",
        "received_at": "2026-02-10T09:30",
        "department": other_department.pk,
    }
    response = login(staff).post(reverse("foi-staff:register"), data)
    assert response.status_code == 200  # the form again, with the reason
    assert "只有公开办可以把申请登记到其他处室。" in response.content.decode()
    assert not FoiRequest.objects.exists()


def test_workbench_requires_login(client):
    response = client.get(reverse("foi-staff:list"))
    assert response.status_code == 302


def test_applicant_corrects_online_and_the_period_restarts(client, staff):
    from gongkai.clocks.selectors import clock_status
    from gongkai.foi import services
    from gongkai.foi.selectors import reply_clock

    from .support import application, at

    request, code = services.request_register(
        application=application(), channel="post", received_at=at("2026-02-10"),
        by=staff, now=at("2026-02-10", 11),
    )  # fmt: skip
    client.post(reverse("foi:track"), {"tracking_number": request.tracking_number,
                                       "query_code": code})  # fmt: skip
    assert "补正内容" not in client.get(reverse("foi:case")).content.decode()
    services.correction_request(request=request, text="请写明年份", by=staff,
                                now=at("2026-02-11"))  # fmt: skip
    empty = client.post(reverse("foi:case"), {"text": ""})
    assert "这个字段是必填项" in empty.content.decode() or empty.status_code == 200
    client.post(reverse("foi:case"), {"text": "2025年"})
    request.refresh_from_db()
    assert request.status == "in_progress" and request.description.endswith("2025年")
    status = clock_status(reply_clock(request), now=timezone.now())
    assert status.explanation[2].startswith("重新起算")


def test_detail_shows_the_correction_notice_deadline(login, staff):
    request = received(by=staff)  # 2026-02-10: 7 working days → 2026-02-26
    page = (
        login(staff)
        .get(reverse("foi-staff:detail", args=[request.pk]))
        .content.decode()
    )
    assert "<strong>2026-02-26</strong>" in page


def test_attachment_is_kept_and_downloaded_by_assigned_staff_with_audit(
    client, login, staff, other_staff
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "证明.txt", "身份证明材料".encode(), content_type="text/plain"
    )
    client.post(reverse("foi:apply"), {**FORM, "token": _token(), "attachment": upload})
    request = FoiRequest.objects.get()
    from gongkai.foi import services

    services.request_assign(request=request, department=staff.department,
                            by=_office_user(staff))  # fmt: skip
    attachment = request.attachments.get()
    url = reverse("foi-staff:attachment", args=[request.pk, attachment.pk])
    response = login(staff).get(url)
    assert b"".join(response.streaming_content) == "身份证明材料".encode()
    assert AuditEvent.objects.filter(action="foi.attachment_view").count() == 1
    assert login(other_staff).get(url).status_code == 404


def _office_user(staff):
    from gongkai.accounts.models import Department, User

    office = Department.objects.create(name="办公室", code="office", is_office=True)
    return User.objects.create_user(
        username="office-head", role="reviewer", department=office
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("foi-staff:register", []),
        ("foi-staff:report", []),
        ("foi-staff:report-file", [2026, "json"]),
    ],
)
def test_office_pages_refuse_other_roles(login, auditor, staff, name, args):
    url = reverse(name, args=args)
    expected = 403
    if name == "foi-staff:register":
        assert login(staff).get(url).status_code == 200  # staff register for their unit
    else:
        assert login(staff).get(url).status_code == expected
    assert login(auditor).get(url).status_code == expected


def test_office_report_list_and_file(login, reviewer):
    client = login(reviewer)
    assert "2026" in client.get(reverse("foi-staff:report")).content.decode()
    body = client.get(reverse("foi-staff:report-file", args=[2026, "json"])).json()
    assert body["年度"] == 2026
    assert (
        client.get(reverse("foi-staff:report-file", args=[2026, "pdf"])).status_code
        == 404
    )


def test_pdf_letter_needs_the_case_session(client, staff):
    request = received(by=staff)
    letter = request.letters.get()
    url = reverse("foi:case-letter-pdf", args=[letter.number])
    assert client.get(url).status_code == 404


def test_staff_list_filters_by_status_and_text(login, staff):
    received(by=staff, description="电梯维保单位名单")
    other = received(by=staff, description="计量器具检定机构")
    client = login(staff)
    page = client.get(reverse("foi-staff:list"), {"q": "电梯"}).content.decode()
    assert "YSQ2026-00001" in page and other.tracking_number not in page
    page = client.get(reverse("foi-staff:list"), {"status": "replied"}).content.decode()
    assert "没有申请" in page


@pytest.mark.parametrize(
    ("query", "total"),
    [
        # 70×10 + 50×20 = 1,700 元, not the 1,200 元 RULES.md §1.7 prints (a slip)
        ({"method": "by_page", "quantity": 150}, "合计：1700元"),
        ({"method": "by_item", "quantity": 2, "earlier": 10}, "合计：200元"),
    ],
)
def test_guide_fee_calculator_works_without_javascript(client, query, total):
    page = client.get(reverse("foi:guide"), query).content.decode()
    assert total in page


def test_guide_fee_calculator_reports_bad_input(client):
    page = client.get(reverse("foi:guide"), {"method": "by_page", "quantity": -5})
    assert page.status_code == 200 and 'id="fee-result"' not in page.content.decode()


def test_report_link_in_the_workbench_only_for_those_who_may_edit_it(
    login, staff, reviewer
):
    from django.urls import reverse

    report_url = reverse("foi-staff:report")
    assert (
        f'href="{report_url}"' not in login(staff).get("/workbench/").content.decode()
    )
    assert f'href="{report_url}"' in login(reviewer).get("/workbench/").content.decode()


def test_guide_states_the_fee_bands_and_the_pause(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC), tick=False)
    html = client.get(reverse("foi:guide")).content.decode()
    assert "第11件至30件，每件100元" in html and "以上至" not in html
    assert "不计算在答复期限内（国办函〔2020〕109号 第七条）" in html


def test_public_statistics_by_month_outcome_and_median_days(client, staff):
    """Requests by month, outcomes and the median days to reply, as a chart and its
    data table; no applicant data; a bad year is said, not a 500."""
    from gongkai.foi.selectors import foi_year_figures

    for day, replied in (("2026-02-03", 9), ("2026-02-10", 15), ("2026-03-02", None)):
        req = received(by=staff, day=day)
        if replied is not None:
            FoiRequest.objects.filter(pk=req.pk).update(
                closed_at=req.received_at + dt.timedelta(days=replied),
                outcome="disclosed",
                status="replied",
            )
    figures = foi_year_figures(2026)
    assert [m.received for m in figures.months][:3] == [0, 2, 1]
    assert figures.answered == 2 and figures.median_days == 12
    assert figures.outcomes[0][1] == 2
    page = client.get(reverse("foi:statistics"), {"year": 2026}).content.decode()
    assert "<svg" in page and "每月收到与办结（件）" in page
    assert "12" in page and "李四" not in page
    bad = client.get(reverse("foi:statistics"), {"year": "abc"})
    assert bad.status_code == 200 and "年份无效" in bad.content.decode()
