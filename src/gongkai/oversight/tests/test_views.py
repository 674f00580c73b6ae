"""Every page and API endpoint of oversight, with its permission failure."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from gongkai.oversight import demo, services
from gongkai.oversight.models import (
    CheckRun,
    GroupMember,
    MediaPost,
    ReadingRoom,
    TaskUnit,
)

from .support import FOOTER, account, published_post, room, sh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("footer")]


@pytest.fixture
def footer():
    with override_settings(**FOOTER):
        yield


@pytest.fixture
def run(reviewer):
    return services.check_run(by=reviewer, links=False)


@pytest.fixture
def plan(reviewer, department):
    data = demo.plan_2017()
    data.tasks[0].units.append(department.name)
    return services.plan_load(data=data, by=reviewer)


def test_public_pages(client, reviewer):
    assert (
        "暂未公布查阅场所" in client.get("/oversight/reading-rooms/").content.decode()
    )
    room(reviewer)
    services.record_save(
        obj=GroupMember(),
        by=reviewer,
        action=services.OversightAudit.MEMBER_SAVE,
        values={
            "name": "张某",
            "position": "局长",
            "group_role": "组长",
            "duties": "全面负责",
            "order": 1,
        },
    )
    page = client.get("/oversight/").content.decode()
    assert "张某" in page and "全面负责" in page and "福州市东大路" in page
    assert (
        "工作日 9:00–17:00" in client.get("/oversight/reading-rooms/").content.decode()
    )


def test_staff_pages_need_a_login(client):
    for url in (
        "/workbench/oversight/",
        "/workbench/oversight/check/",
        "/workbench/oversight/plans/",
        "/workbench/oversight/posts/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_office_runs_the_check_and_follows_a_finding(login, reviewer):
    client = login(reviewer)
    page = client.get("/workbench/oversight/check/")
    assert page.status_code == 200 and "运行检查" in page.content.decode()
    response = client.post("/workbench/oversight/check/", {"on": "2026-12-05"})
    run = CheckRun.objects.get()
    assert response["Location"] == f"/workbench/oversight/check/{run.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "未公布政府信息查阅场所" in page
    assert 'href="/workbench/oversight/records/reading-rooms/new/"' in page
    assert "<svg" in page  # the trend chart, with its table
    assert client.get("/workbench/oversight/").status_code == 200


def test_check_refuses_department_staff_and_auditors_cannot_run_it(
    login, staff, auditor, run
):
    client = login(staff)
    assert client.get("/workbench/oversight/check/").status_code == 403
    assert client.get(f"/workbench/oversight/check/{run.pk}/").status_code == 403
    client = login(auditor)
    assert client.get(f"/workbench/oversight/check/{run.pk}/").status_code == 200
    assert client.post("/workbench/oversight/check/", {}).status_code == 403
    assert CheckRun.objects.count() == 1


@pytest.mark.parametrize("day", ["2026-02-30", "9999-12-31"])
def test_check_with_a_bad_date_shows_the_form_error(login, reviewer, day):
    page = login(reviewer).post("/workbench/oversight/check/", {"on": day})
    assert page.status_code == 200 and CheckRun.objects.count() == 0
    assert "errorlist" in page.content.decode()


def test_assessment_office_sees_all_staff_their_own(
    login, reviewer, staff, other_staff
):
    from gongkai.foi.tests.support import received

    received(by=staff, day="2026-02-10")
    received(by=other_staff, day="2026-02-10")
    page = (
        login(reviewer)
        .get("/workbench/oversight/assessment/?year=2026")
        .content.decode()
    )
    assert staff.department.name in page and other_staff.department.name in page
    assert "<svg" in page
    page = (
        login(staff).get("/workbench/oversight/assessment/?year=2026").content.decode()
    )
    assert staff.department.name in page and other_staff.department.name not in page
    # a bad year falls back to this year, never a 500
    assert (
        login(staff).get("/workbench/oversight/assessment/?year=abc").status_code == 200
    )


def test_assessment_files_for_the_office_only(login, reviewer, staff):
    client = login(reviewer)
    xlsx = client.get("/workbench/oversight/assessment/2026.xlsx")
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.active["A2"].value == "处室"
    docx = client.get("/workbench/oversight/assessment/2026.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get("/workbench/oversight/assessment/2026.pdf").status_code == 404
    assert client.get("/workbench/oversight/assessment/99999.xlsx").status_code == 404
    assert (
        login(staff).get("/workbench/oversight/assessment/2026.xlsx").status_code == 403
    )


def test_plan_pages_and_progress(login, reviewer, staff, other_staff, plan):
    page = login(reviewer).get("/workbench/oversight/plans/2017/").content.decode()
    assert page.count("报送进展") > 14 and "按责任单位" in page
    unit = TaskUnit.objects.get(task__number=1, department=staff.department)
    client = login(staff)
    page = client.get("/workbench/oversight/plans/2017/").content.decode()
    assert f"/workbench/oversight/plans/units/{unit.pk}/progress/" in page
    assert "按责任单位" not in page
    response = client.post(
        f"/workbench/oversight/plans/units/{unit.pk}/progress/",
        {"status": "in_progress", "text": "专栏已上线"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.status == "in_progress"
    assert (
        client.post(
            f"/workbench/oversight/plans/units/{unit.pk}/progress/",
            {"status": "done", "text": ""},
        ).status_code
        == 200
    )
    other = login(other_staff)
    assert (
        other.get(f"/workbench/oversight/plans/units/{unit.pk}/progress/").status_code
        == 403
    )
    assert other.get("/workbench/oversight/plans/").status_code == 200


def test_plan_import_page(login, reviewer, staff):
    from .test_plan import HEAD, _xlsx

    assert login(staff).get("/workbench/oversight/plans/import/").status_code == 403
    client = login(reviewer)
    bad = io.BytesIO(_xlsx([HEAD, [1, "", "", "", ""]]))
    bad.name = "plan.xlsx"
    page = client.post(
        "/workbench/oversight/plans/import/",
        {"year": 2027, "title": "2027", "file": bad},
    )
    assert "第 2 行：任务名称为空；未填写责任单位" in page.content.decode()
    good = io.BytesIO(_xlsx([HEAD, [1, "政策公开", "", "办公室", "2027-06-30"]]))
    good.name = "plan.xlsx"
    response = client.post(
        "/workbench/oversight/plans/import/",
        {"year": 2027, "title": "2027", "file": good},
    )
    assert response["Location"] == "/workbench/oversight/plans/2027/"
    text = io.BytesIO(b"not a table")
    text.name = "plan.pdf"
    page = client.post(
        "/workbench/oversight/plans/import/", {"year": 2028, "title": "x", "file": text}
    )
    assert "只支持" in page.content.decode()


def test_records_office_only(login, reviewer, staff):
    assert (
        login(staff).get("/workbench/oversight/records/reading-rooms/").status_code
        == 403
    )
    client = login(reviewer)
    assert client.get("/workbench/oversight/records/nothing/").status_code == 404
    response = client.post(
        "/workbench/oversight/records/reading-rooms/new/",
        {"name": "查阅室", "address": "东大路", "hours": "工作日", "order": 0},
    )
    assert response.status_code == 302
    r = ReadingRoom.objects.get()
    assert (
        client.get(f"/workbench/oversight/records/reading-rooms/{r.pk}/").status_code
        == 200
    )
    assert (
        "东大路"
        in client.get("/workbench/oversight/records/reading-rooms/").content.decode()
    )
    page = client.post("/workbench/oversight/records/training/new/", {"topic": "x"})
    assert page.status_code == 200 and "errorlist" in page.content.decode()


def test_bundle_pdf(login, reviewer, staff):
    assert login(staff).get("/workbench/oversight/bundle/").status_code == 403
    client = login(reviewer)
    assert client.get("/workbench/oversight/bundle/").status_code == 200
    page = client.get("/workbench/oversight/bundle/?start=2026-12-05&end=2026-01-01")
    assert "起始日期不能晚于截止日期" in page.content.decode()
    pdf = client.get("/workbench/oversight/bundle/?start=2026-01-01&end=2026-12-31")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_post_review_with_three_reviews_and_export(login, reviewer, staff, other_staff):
    acc = account(reviewer, staff.department)
    client = login(staff)
    response = client.post(
        "/workbench/oversight/posts/new/",
        {"account": acc.pk, "title": "提示", "body": "认准CCC标志"},
    )
    post = MediaPost.objects.get()
    assert response["Location"] == f"/workbench/oversight/posts/{post.pk}/"
    client.post(f"/workbench/oversight/posts/{post.pk}/submit/")
    assert (
        login(other_staff).get(f"/workbench/oversight/posts/{post.pk}/").status_code
        == 404
    )
    office = login(reviewer)
    office.post(
        f"/workbench/oversight/posts/{post.pk}/approve/", {"first_review": "甲"}
    )
    post.refresh_from_db()
    assert post.status == "in_review"  # the three reviews are required
    office.post(
        f"/workbench/oversight/posts/{post.pk}/approve/",
        {"first_review": "甲", "second_review": "乙", "final_review": "丙"},
    )
    post.refresh_from_db()
    assert post.status == "approved" and post.final_review == "丙"
    export = office.get(f"/workbench/oversight/posts/{post.pk}/export/")
    with zipfile.ZipFile(io.BytesIO(export.content)) as zf:
        assert zf.read("post.txt").decode() == "提示\n\n认准CCC标志\n"


def test_post_with_personal_data_cannot_be_approved(login, reviewer, staff):
    acc = account(reviewer, staff.department)
    post = services.media_post_save(
        post=MediaPost(),
        account=acc,
        title="通报",
        body="当事人身份证号 11010519491231002X",
        by=staff,
    )
    login(staff).post(f"/workbench/oversight/posts/{post.pk}/submit/")
    login(reviewer).post(
        f"/workbench/oversight/posts/{post.pk}/approve/",
        {"first_review": "甲", "second_review": "乙", "final_review": "丙"},
    )
    post.refresh_from_db()
    assert post.status == "in_review" and post.final_review == ""


def test_draft_post_is_not_exported_and_other_departments_cannot_draft(
    login, reviewer, staff, other_staff
):
    acc = account(reviewer, staff.department)
    post = services.media_post_save(
        post=MediaPost(), account=acc, title="t", body="b", by=staff
    )
    response = login(staff).get(f"/workbench/oversight/posts/{post.pk}/export/")
    assert response.status_code == 302
    page = login(other_staff).post(
        "/workbench/oversight/posts/new/",
        {"account": acc.pk, "title": "x", "body": "y"},
    )
    assert page.status_code == 200 and MediaPost.objects.count() == 1


# ---- API ----


def test_api_checks(login, reviewer, staff, auditor, client):
    assert client.get("/api/v1/oversight/checks/").status_code in (401, 403)
    assert login(staff).get("/api/v1/oversight/checks/").status_code == 403
    office = login(reviewer)
    created = office.post(
        "/api/v1/oversight/checks/",
        {"on": "2027-06-05"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["on"].startswith("2027-06-05") and body["findings"][0]["indicator"]
    listed = login(auditor).get("/api/v1/oversight/checks/").json()
    assert [r["id"] for r in listed] == [body["id"]]
    detail = login(auditor).get(f"/api/v1/oversight/checks/{body['id']}/")
    assert detail.json()["findings"] == body["findings"]
    assert login(auditor).post("/api/v1/oversight/checks/", {}).status_code == 403
    bad = login(reviewer).post(
        "/api/v1/oversight/checks/", {"on": "x"}, content_type="application/json"
    )
    assert bad.status_code == 400
    far = login(reviewer).post(
        "/api/v1/oversight/checks/",
        {"on": "9999-12-31"},
        content_type="application/json",
    )
    assert far.status_code == 400 and CheckRun.objects.count() == 1


def test_api_assessment(login, reviewer, staff, other_staff, client):
    from gongkai.foi.tests.support import received

    received(by=staff)
    received(by=other_staff)
    assert client.get("/api/v1/oversight/assessment/?year=2026").status_code in (
        401,
        403,
    )
    office = login(reviewer).get("/api/v1/oversight/assessment/?year=2026").json()
    assert {d["department_id"] for d in office["departments"]} == {
        staff.department_id,
        other_staff.department_id,
    }
    own = login(staff).get("/api/v1/oversight/assessment/?year=2026").json()
    assert [d["department_id"] for d in own["departments"]] == [staff.department_id]
    assert login(staff).get("/api/v1/oversight/assessment/?year=20x").status_code == 400


def test_api_plans(login, reviewer, staff, plan, client):
    assert client.get("/api/v1/plans/").status_code in (401, 403)
    plans = login(staff).get("/api/v1/plans/").json()
    assert [p["year"] for p in plans] == [2017]
    detail = login(staff).get("/api/v1/plans/2017/").json()
    tasks = [t for t in detail["tasks"] if not t["guarantee"]]
    assert len(tasks) == 14 and all(t["units"] for t in tasks)
    units = [u for t in detail["tasks"] for u in t["units"]]
    shown = [u["name"] for u in units if "status" in u]
    assert shown and set(shown) == {staff.department.name}
    assert len(shown) < len(units)
    office = login(reviewer).get("/api/v1/plans/2017/").json()
    assert all("status" in u for t in office["tasks"] for u in t["units"])
    assert login(staff).get("/api/v1/plans/1999/").status_code == 404


def test_new_media_finding_links_to_the_post_form(login, reviewer, staff):
    acc = account(reviewer, staff.department)
    published_post(account=acc, author=staff, reviewer=reviewer, now=sh(2026, 11, 1))
    run = services.check_run(by=reviewer, on=sh(2026, 12, 5), links=False)
    [silent] = [f for f in run.findings if f["indicator"] == "newmedia.silent"]
    assert silent["fix_url"] == f"/workbench/oversight/posts/new/?account={acc.pk}"
    home = login(reviewer).get("/workbench/oversight/").content.decode()
    assert silent["fix_url"] in home
    page = login(staff).get(silent["fix_url"]).content.decode()
    assert f'<option value="{acc.pk}" selected>' in page
    assert dt.date(2026, 11, 1).isoformat() in silent["object"]


def test_staff_home_lists_their_departments_tasks(login, staff, other_staff, plan):
    unit = TaskUnit.objects.get(task__number=1, department=staff.department)
    page = login(staff).get("/workbench/oversight/").content.decode()
    assert "本处室的任务" in page
    assert f"/workbench/oversight/plans/units/{unit.pk}/progress/" in page
    other = login(other_staff).get("/workbench/oversight/").content.decode()
    assert f"/plans/units/{unit.pk}/progress/" not in other
    assert "最近一次网站检查" not in other  # the site check is the office's


def test_post_export_carries_its_image(login, reviewer, staff, settings, tmp_path):
    from PIL import Image

    settings.MEDIA_ROOT = str(tmp_path)
    acc = account(reviewer, staff.department)
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    picture.name = "heater.png"
    picture.seek(0)
    client = login(staff)
    client.post(
        "/workbench/oversight/posts/new/",
        {"account": acc.pk, "title": "提示", "body": "认准CCC标志", "image": picture},
    )
    post = MediaPost.objects.get()
    assert post.image.name.endswith(".png")
    client.post(f"/workbench/oversight/posts/{post.pk}/submit/")
    login(reviewer).post(
        f"/workbench/oversight/posts/{post.pk}/approve/",
        {"first_review": "甲", "second_review": "乙", "final_review": "丙"},
    )
    export = login(reviewer).get(f"/workbench/oversight/posts/{post.pk}/export/")
    with zipfile.ZipFile(io.BytesIO(export.content)) as zf:
        names = zf.namelist()
        assert "post.txt" in names
        [image] = [n for n in names if n.startswith("images/")]
        assert zf.read(image)[:8] == b"\x89PNG\r\n\x1a\n"


def test_post_list_shows_the_departments_posts_only(
    login, reviewer, staff, other_staff
):
    acc = account(reviewer, staff.department)
    services.media_post_save(
        post=MediaPost(), account=acc, title="本处室稿件", body="b", by=staff
    )
    assert (
        "本处室稿件" in login(staff).get("/workbench/oversight/posts/").content.decode()
    )
    assert (
        "本处室稿件"
        in login(reviewer).get("/workbench/oversight/posts/").content.decode()
    )
    other = login(other_staff).get("/workbench/oversight/posts/").content.decode()
    assert "本处室稿件" not in other
    page = login(other_staff).get("/workbench/oversight/posts/new/").content.decode()
    assert f'<option value="{acc.pk}"' not in page  # not their department's account


def test_list_endpoints_query_ceiling(
    login, reviewer, plan, django_assert_max_num_queries
):
    for _ in range(3):
        services.check_run(by=reviewer, links=False)
    client = login(reviewer)
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/oversight/checks/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/api/v1/plans/2017/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get("/workbench/oversight/plans/2017/").status_code == 200
