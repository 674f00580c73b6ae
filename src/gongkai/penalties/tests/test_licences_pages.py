"""行政许可 pages, API, feed and search: every endpoint, each with a permission
failure; natural persons masked everywhere the public looks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.common.models import AuditEvent
from gongkai.core.tabular import write_xlsx
from gongkai.penalties.licences import services
from gongkai.penalties.licences.fields import BY_CODE
from gongkai.penalties.models import LicenceDecision, LicenceImportRun
from gongkai.penalties.tests.licence_factories import (
    licence_person_record,
    licence_publish,
    licence_record,
)
from gongkai.publishing.choices import Status
from gongkai.search.selectors import search_run

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 10, 20, 10, tzinfo=SH)
STAFF = "/workbench/penalties/licences/"
API = "/api/v1/penalties/licences/"


@pytest.fixture
def data(staff, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org = licence_publish(
            staff=staff,
            reviewer=reviewer,
            raw=licence_record(XK_XDR_MC="福州星光电线电缆有限公司"),
            now=NOW,
        )
        person = licence_publish(
            staff=staff, reviewer=reviewer, raw=licence_person_record(), now=NOW
        )
        draft = services.licence_create(
            record=licence_record(XK_XDR_MC="草稿许可有限公司"),
            department=staff.department,
            by=staff,
            now=NOW,
        )
    return {"org": org, "person": person, "draft": draft}


def test_public_list_detail_and_feed_mask_natural_persons(client, data):
    html = client.get("/licences/").content.decode()
    assert "福州星光电线电缆有限公司" in html and "王**" in html
    assert "王小明" not in html and "草稿许可有限公司" not in html
    person = client.get(f"/licences/{data['person'].pk}/").content.decode()
    assert "110105********002X" in person and "11010519491231002X" not in person
    assert "王小明" not in person and "认定王**具备" in person
    feed = client.get("/licences/feed/").content.decode()
    assert "<feed" in feed and data["org"].decision_number in feed
    assert "王小明" not in feed and "11010519491231002X" not in feed


def test_public_draft_is_404_and_bad_filters_are_explained(client, data):
    assert client.get(f"/licences/{data['draft'].pk}/").status_code == 404
    assert client.get("/licences/999999/").status_code == 404
    html = client.get("/licences/", {"date_from": "2026-13-01"}).content.decode()
    assert "查询条件有误" in html
    found = client.get("/licences/", {"q": "星光电线"}).content.decode()
    assert data["org"].decision_number in found
    assert data["person"].decision_number not in found
    # A natural person's full name never finds them (it is published masked).
    assert (
        data["person"].decision_number
        not in client.get("/licences/", {"q": "王小明"}).content.decode()
    )


def test_withdrawn_decision_shows_only_the_withdrawal(client, data, reviewer):
    services.licence_withdraw(licence=data["org"], reason="许可被依法撤销", by=reviewer)
    html = client.get(f"/licences/{data['org'].pk}/").content.decode()
    assert "许可被依法撤销" in html and "准予电线电缆" not in html
    body = client.get(f"{API}{data['org'].pk}/").json()
    assert body["withdrawn"] is True and body["reason"] == "许可被依法撤销"


def test_api_list_detail_downloads_and_errors(client, data):
    body = client.get(API).json()
    assert body["count"] == 2
    names = {r["party_name"] for r in body["results"]}
    assert names == {"福州星光电线电缆有限公司", "王**"}
    detail = client.get(f"{API}{data['person'].pk}/").json()
    assert detail["party_id_number"] == "110105********002X"
    assert detail["uscc"] == "" and detail["withdrawn"] is False
    assert client.get(f"{API}{data['draft'].pk}/").status_code == 404
    csv = client.get(API, {"format": "csv"}).content.decode("utf-8-sig")
    assert "11010519491231002X" not in csv and "王**" in csv
    assert client.get(API, {"format": "xlsx"}).status_code == 200
    bad = client.get(API, {"date_from": "不是日期"})
    assert bad.status_code == 400


def test_exchange_export_needs_a_reviewer_and_is_audited(
    client, login, data, staff, reviewer
):
    url = reverse("api:penalties-api:licence-exchange")
    assert url == API + "exchange/"
    assert client.get(url).status_code in (401, 403)
    assert login(staff).get(url).status_code == 403
    text = login(reviewer).get(url, {"format": "csv"}).content.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[0] == "XK_XDR_MC" and header[-1] == "BZ" and len(header) == 28
    assert "11010519491231002X" in text  # full values go to the credit platform only
    assert AuditEvent.objects.filter(action="licence.exchange_export").exists()


def test_search_finds_published_decisions_only(data):
    hits = search_run(query="星光电线", now=NOW + dt.timedelta(hours=1)).hits
    assert [h.url for h in hits] == [data["org"].get_absolute_url()]
    assert search_run(query="草稿许可", now=NOW + dt.timedelta(hours=1)).hits == []


def test_staff_pages_need_a_logged_in_staff_user(client, data):
    pk = data["draft"].pk
    for url in (STAFF, STAFF + "new/", STAFF + "import/", f"{STAFF}{pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.post(f"{STAFF}{pk}/submit/").status_code == 302
    assert LicenceDecision.objects.get(pk=pk).status == Status.DRAFT


def test_staff_create_shows_field_errors_then_saves_and_confirms(login, staff):
    c = login(staff)
    bad = dict(licence_record(XK_XKLB="审批"), department=staff.department_id)
    html = c.post(STAFF + "new/", bad).content.decode()
    assert "普通、特许、认可、核准、登记、其他" in html
    assert not LicenceDecision.objects.exists()
    response = c.post(
        STAFF + "new/",
        dict(licence_record(), department=staff.department_id),
        follow=True,
    )
    assert LicenceDecision.objects.get().status == Status.DRAFT
    html = response.content.decode()
    assert "已登记行政许可：《工业产品生产许可证准予许可决定书》" in html
    assert "2026-09-29" in html  # 7 working days from 2026-09-18


def test_auditor_cannot_create_or_import(login, auditor):
    c = login(auditor)
    assert c.get(STAFF + "new/").status_code == 403
    assert c.get(STAFF + "import/").status_code == 403
    assert c.get(STAFF).status_code == 200


def test_edit_round_trip_review_publish_and_other_department(
    login, staff, other_staff, reviewer, data
):
    lic = data["draft"]
    c = login(staff)
    html = c.get(f"{STAFF}{lic.pk}/").content.decode()
    assert 'value="普通"' in html and 'value="2031-09-17"' in html
    form = licence_record(XK_WSH=lic.decision_number, XK_NR="准予（改）")
    c.post(f"{STAFF}{lic.pk}/", form)
    lic.refresh_from_db()
    assert lic.content == "准予（改）" and lic.revision == 2
    other = login(other_staff)
    assert other.get(f"{STAFF}{lic.pk}/").status_code == 404
    assert other.post(f"{STAFF}{lic.pk}/submit/").status_code == 404
    c = login(staff)
    response = c.post(f"{STAFF}{lic.pk}/submit/", follow=True)
    assert f"已提交审核：《{lic}》" in response.content.decode()
    assert c.post(f"{STAFF}{lic.pk}/approve/").status_code == 403
    r = login(reviewer)
    r.post(f"{STAFF}{lic.pk}/approve/")
    r.post(f"{STAFF}{lic.pk}/publish/")
    lic.refresh_from_db()
    assert lic.status == Status.PUBLISHED
    html = r.get(STAFF).content.decode()
    assert lic.decision_number in html


def test_staff_person_view_is_audited(login, staff, data):
    login(staff).get(f"{STAFF}{data['person'].pk}/")
    assert AuditEvent.objects.filter(action="licence.personal_data_view").exists()


def test_import_page_detail_errors_and_status(login, staff, other_staff):
    rows = [licence_record(), licence_record(XK_XDR_SHXYM="91350100M000100Y44")]
    codes = list(rows[0])
    data = write_xlsx(
        [BY_CODE[c].label for c in codes], [[r.get(c) for c in codes] for r in rows]
    )
    c = login(staff)
    response = c.post(
        STAFF + "import/",
        {
            "department": staff.department_id,
            "file": SimpleUploadedFile("许可.xlsx", data),
        },
    )
    run = LicenceImportRun.objects.get()
    assert response.url == f"{STAFF}import/{run.pk}/"
    html = c.get(response.url).content.decode()
    assert "校验位" in html
    errors = c.get(f"{STAFF}import/{run.pk}/errors/", {"format": "csv"})
    assert errors.status_code == 200 and "校验位" in errors.content.decode("utf-8-sig")
    assert c.get(f"{STAFF}import/{run.pk}/status/").json()["failed"] == 1
    other = login(other_staff)
    for url in ("", "errors/", "status/"):
        assert other.get(f"{STAFF}import/{run.pk}/{url}").status_code == 404
    c = login(staff)
    bad = c.post(
        STAFF + "import/",
        {
            "department": staff.department_id,
            "file": SimpleUploadedFile("x.xlsx", b"nope"),
        },
    ).content.decode()
    assert "errorlist" in bad or "无法" in bad
    denied = c.post(
        STAFF + "import/",
        {
            "department": staff.department_id,
            "publish": "on",
            "file": SimpleUploadedFile("y.xlsx", data),
        },
    ).content.decode()
    assert "只有公开办审核人员和管理员可以导入后直接发布" in denied


def test_review_preview_link_and_warning_acceptance(login, staff, reviewer, data):
    from gongkai.publishing import services as pub
    from gongkai.publishing.choices import WordLevel
    from gongkai.publishing.tests.factories import SensitiveWordFactory

    SensitiveWordFactory(word="电线电缆", level=WordLevel.WARN)
    lic = services.licence_create(
        record=licence_record(), department=staff.department, by=staff, now=NOW
    )
    pub.publishing_submit(obj=lic, by=staff)
    c = login(reviewer)
    html = c.get(f"{STAFF}{lic.pk}/").content.decode()
    review = f"/workbench/review/penalties.licencedecision/{lic.pk}/"
    assert f'href="{review}"' in html and 'name="accept_warnings"' in html
    marked = c.get(review).content.decode()
    assert '<mark id="mark-1">电线电缆</mark>' in marked
    c.post(f"{STAFF}{lic.pk}/approve/")  # not accepted: stays in review
    lic.refresh_from_db()
    assert lic.status == Status.IN_REVIEW
    c.post(f"{STAFF}{lic.pk}/approve/", {"accept_warnings": "1"})
    lic.refresh_from_db()
    assert lic.status == Status.APPROVED
