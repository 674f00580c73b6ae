"""Workbench pages: record, edit, review and publish, withdraw, import, permissions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.tabular import read_table
from gongkai.penalties import services
from gongkai.penalties.models import ImportRun, Penalty
from gongkai.penalties.tests.factories import record
from gongkai.penalties.tests.support import publish
from gongkai.penalties.tests.test_importing import sheet
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db
BASE = "/workbench/penalties/"


def test_pages_need_a_logged_in_staff_user(client):
    for url in (BASE, BASE + "new/", BASE + "import/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_create_shows_field_errors_then_saves(login, staff):
    c = login(staff)
    bad = dict(
        record(CF_XDR_SHXYM="91350100M000100Y44"), department=staff.department_id
    )
    html = c.post(BASE + "new/", bad).content.decode()
    assert "统一社会信用代码校验位错误" in html
    assert not Penalty.objects.exists()
    good = dict(record(), department=staff.department_id)
    response = c.post(BASE + "new/", good)
    penalty = Penalty.objects.get()
    assert response.url == f"{BASE}{penalty.pk}/"
    html = c.get(response.url).content.decode()
    assert "2026-09-29" in html  # 7 working days from 2026-09-18


def test_edit_round_trips_the_stored_record(login, staff):
    p = services.penalty_create(record=record(), department=staff.department, by=staff)
    c = login(staff)
    html = c.get(f"{BASE}{p.pk}/").content.decode()
    assert 'value="罚款；没收违法所得"' in html
    form = dict(record(CF_WSH=p.decision_number, CF_NR="罚款2万元（改）"))
    c.post(f"{BASE}{p.pk}/", form)
    p.refresh_from_db()
    assert p.content == "罚款2万元（改）" and p.revision == 2


def test_other_department_gets_404_and_cannot_act(login, staff, other_staff):
    p = services.penalty_create(record=record(), department=staff.department, by=staff)
    c = login(other_staff)
    assert c.get(f"{BASE}{p.pk}/").status_code == 404
    assert c.post(f"{BASE}{p.pk}/submit/").status_code == 404


def test_review_publish_and_withdraw_through_the_pages(login, staff, reviewer):
    p = services.penalty_create(record=record(), department=staff.department, by=staff)
    login(staff).post(f"{BASE}{p.pk}/submit/")
    c = login(reviewer)
    c.post(f"{BASE}{p.pk}/approve/")
    c.post(f"{BASE}{p.pk}/publish/")
    p.refresh_from_db()
    assert p.status == Status.PUBLISHED and p.is_visible()
    today = dt.date.today().isoformat()
    response = c.post(
        f"{BASE}{p.pk}/withdraw/",
        {"kind": "changed", "changed_on": today, "reason": ""},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == Status.PUBLISHED  # no reason: refused with a message
    c.post(
        f"{BASE}{p.pk}/withdraw/",
        {"kind": "changed", "changed_on": today, "reason": "复议变更"},
    )
    p.refresh_from_db()
    assert p.status == Status.WITHDRAWN and p.withdraw_reason == "复议变更"


def test_staff_cannot_approve_or_publish(login, staff, reviewer):
    p = services.penalty_create(record=record(), department=staff.department, by=staff)
    c = login(staff)
    c.post(f"{BASE}{p.pk}/submit/")
    assert c.post(f"{BASE}{p.pk}/approve/").status_code == 403
    assert c.post(f"{BASE}{p.pk}/unknown/").status_code == 400


def test_early_end_refused_with_reasons(login, staff, reviewer):
    p = publish(staff=staff, reviewer=reviewer)
    c = login(reviewer)
    response = c.post(
        f"{BASE}{p.pk}/early-end/", {"obligations_performed": "on"}, follow=True
    )
    html = response.content.decode()
    assert "未主动消除危害后果和不良影响" in html


def test_import_page_reports_rows_and_serves_the_error_file(login, staff):
    c = login(staff)
    upload = SimpleUploadedFile("p.xlsx", sheet([record(), record(CF_JDRQ="明天")]))
    response = c.post(
        BASE + "import/", {"file": upload, "department": staff.department_id}
    )
    run = ImportRun.objects.get()
    assert response.url == f"{BASE}import/{run.pk}/"
    html = re.sub("<[^>]+>", "", c.get(response.url).content.decode())
    assert "新增 1" in html and "错误 1" in html and "日期“明天”无效" in html
    errors = c.get(f"{BASE}import/{run.pk}/errors/")
    table = read_table(errors.content, "e.xlsx")
    assert [n for n, _ in table.rows] == [2]


def test_import_page_explains_bad_files_and_publish_permission(login, staff):
    c = login(staff)
    upload = SimpleUploadedFile("p.pdf", b"%PDF")
    html = c.post(
        BASE + "import/", {"file": upload, "department": staff.department_id}
    ).content.decode()
    assert "只支持" in html
    upload = SimpleUploadedFile("p.xlsx", sheet([record()]))
    html = c.post(
        BASE + "import/",
        {"file": upload, "department": staff.department_id, "publish": "on"},
    ).content.decode()
    assert "只有公开办审核人员" in html
    assert not Penalty.objects.exists()


def test_import_runs_of_other_departments_are_hidden(login, staff, other_staff):
    c = login(staff)
    upload = SimpleUploadedFile("p.xlsx", sheet([record()]))
    c.post(BASE + "import/", {"file": upload, "department": staff.department_id})
    run = ImportRun.objects.get()
    other = login(other_staff)
    assert other.get(f"{BASE}import/{run.pk}/").status_code == 404
    assert other.get(f"{BASE}import/{run.pk}/errors/").status_code == 404


def test_list_query_count_is_bounded(login, staff, django_assert_max_num_queries):
    for _ in range(6):
        services.penalty_create(record=record(), department=staff.department, by=staff)
    c = login(staff)
    with django_assert_max_num_queries(12):
        html = c.get(BASE).content.decode()
    assert html.count("闽质监罚字") >= 6


def test_review_queue_links_penalties_to_their_own_page(login, staff, reviewer):
    p = services.penalty_create(record=record(), department=staff.department, by=staff)
    login(staff).post(f"{BASE}{p.pk}/submit/")
    c = login(reviewer)
    for url in ("/workbench/review/", "/workbench/"):
        assert f'href="{BASE}{p.pk}/"' in c.get(url).content.decode()


def test_showing_a_natural_persons_id_to_staff_is_audited(login, staff):
    from gongkai.common.models import AuditEvent
    from gongkai.penalties.tests.factories import person_record

    p = services.penalty_create(
        record=person_record(), department=staff.department, by=staff
    )
    html = login(staff).get(f"{BASE}{p.pk}/").content.decode()
    assert "11010519491231002X" in html  # staff of the department see it in full
    event = AuditEvent.objects.get(action="penalty.personal_data_view")
    assert event.object_id == str(p.pk) and event.changes["fields"] == [
        "party_id_number"
    ]
    org = services.penalty_create(
        record=record(), department=staff.department, by=staff
    )
    login(staff).get(f"{BASE}{org.pk}/")
    assert AuditEvent.objects.filter(action="penalty.personal_data_view").count() == 1


def test_national_system_publication_recorded_through_the_page(
    login, staff, reviewer, auditor
):
    p = publish(staff=staff, reviewer=reviewer)
    html = login(staff).get(f"{BASE}{p.pk}/").content.decode()
    assert "国家企业信用信息公示系统公示时限" in html
    # the auditor sees everything but may not record
    assert login(auditor).post(
        f"{BASE}{p.pk}/gsxt/", {"published_on": "2026-09-20"}
    ).status_code in (403, 404)
    c = login(staff)
    for bad in ("", "2026-02-30", "not a date"):
        response = c.post(f"{BASE}{p.pk}/gsxt/", {"published_on": bad}, follow=True)
        assert "请填写公示日期" in response.content.decode()
    today = dt.date.today().isoformat()
    c.post(f"{BASE}{p.pk}/gsxt/", {"published_on": today})
    p.refresh_from_db()
    assert p.gsxt_published_on == dt.date.today()
