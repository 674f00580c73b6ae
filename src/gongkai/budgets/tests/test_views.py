"""Every page and API endpoint, with its permission failure."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.budgets import services
from gongkai.budgets.choices import Kind
from gongkai.budgets.demo import demo_workbook
from gongkai.budgets.models import BudgetSet
from gongkai.clocks.selectors import clocks_for

pytestmark = pytest.mark.django_db
BASE = "/workbench/budgets/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _draft(staff, year=2025, kind=Kind.BUDGET):
    return services.budget_import(data=demo_workbook(year=year, kind=kind), file_name="d.xlsx",
                                  kind=kind, year=year, by=staff)  # fmt: skip


# public pages ---------------------------------------------------------------


def test_column_without_sets(client):
    html = client.get("/budgets/").content.decode()
    assert "暂无已公开的预决算" in html


def test_column_shows_the_latest_year_and_switches(client, publish_set):
    publish_set(2024)
    publish_set(2024, Kind.FINAL)
    publish_set(2025)
    html = client.get("/budgets/").content.decode()
    assert "2025年度" in html and 'value="2025" selected' in html
    # every chart: a hidden box drawn from the table beside it; the tables say it all
    for table in ("t-function", "t-basic", "t-three", "t-compare"):
        assert f'data-table="{table}"' in html and f'<table id="{table}"' in html
    assert html.count(" hidden></div>") == 4
    assert re.search(
        r'<th scope="row">201 一般公共服务支出</th><td class="num" data-value="[\d.]+">',
        html,
    )
    assert "/static/budgets/vendor/echarts-5.6.0.common.min.js" in html
    assert "cdn" not in html.lower() and "jsdelivr" not in html
    html = client.get("/budgets/?year=2024").content.decode()
    assert "2024年度" in html and "2024年部门决算" in html
    # budget against final, per year: 2024 has both, 2025 only the budget
    compare = html[html.index('<table id="t-compare"') :]
    compare = compare[: compare.index("</table>")]
    assert re.search(
        r'<th scope="row">2025</th><td class="num" data-value="[\d.]+">[\d.]+</td><td class="num" data-value="">—</td>',
        compare,
    )
    html = client.get("/budgets/?year=1999").content.decode()
    assert "所选年度没有已公开的预决算" in html and "2025年度" in html
    assert client.get("/budgets/?year=abc").status_code == 200


def test_set_page_shows_every_table_accessibly(client, publish_set):
    budget_set = publish_set(2025)
    html = client.get(budget_set.get_absolute_url()).content.decode()
    assert (
        html.count("<caption") == 8 and "表8 政府性基金预算支出表（单位：万元）" in html
    )
    assert 'class="table-scroll" tabindex="0" role="region"' in html
    assert '<th scope="row">行政运行</th>' in html
    assert "本表无数据" not in html or "政府性基金" in html
    assert "机关运行经费" in html


@pytest.mark.parametrize("url", ["/budgets/2025/budget/", "/budgets/2025/final/", "/budgets/2025/other/",
                                 "/budgets/2025/budget/download.xlsx"])  # fmt: skip
def test_a_draft_is_not_public(client, staff, url):
    _draft(staff)
    assert client.get(url).status_code == 404


def test_downloads(client, publish_set):
    budget_set = publish_set(2025)
    base = f"/budgets/{budget_set.year}/{budget_set.kind}/download."
    response = client.get(base + "xlsx")
    assert response["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 8
    response = client.get(base + "csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["表", "科目编码", "科目名称"]
    assert any(r[1] == "2013801" for r in rows)
    response = client.get(base + "original")
    assert response.content == bytes(budget_set.source_data)
    assert client.get(base + "pdf").status_code == 404


# workbench ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [BASE, BASE + "template/?kind=budget&year=2025", BASE + "1/", BASE + "1/approval/"],
)
def test_workbench_needs_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_template_download(login, staff):
    c = login(staff)
    response = c.get(BASE + "template/?kind=final&year=2025")
    assert response["Content-Type"] == XLSX
    assert len(openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames) == 9
    response = c.get(BASE + "template/?kind=x&year=25")
    assert response.status_code == 302


def test_upload_checks_and_names_the_problem(login, staff):
    c = login(staff)
    book = openpyxl.load_workbook(io.BytesIO(demo_workbook(year=2025, kind="budget")))
    ws = book["部门支出总表"]
    ws["D5"].value = float(ws["D5"].value) + 1
    out = io.BytesIO()
    book.save(out)
    bad = SimpleUploadedFile("b.xlsx", out.getvalue())
    response = c.post(BASE, {"kind": "budget", "year": "2025", "file": bad})
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "部门支出总表" in html
        and "合计列等于各分列之和" in html
        and "<td>5</td>" in html
    )
    assert not BudgetSet.objects.exists()
    good = SimpleUploadedFile("g.xlsx", demo_workbook(year=2025, kind="budget"))
    response = c.post(BASE, {"kind": "budget", "year": "2025", "file": good})
    budget_set = BudgetSet.objects.get()
    assert response.status_code == 302 and response.url == f"{BASE}{budget_set.pk}/"
    other = SimpleUploadedFile("g.csv", b"a,b")
    response = c.post(BASE, {"kind": "budget", "year": "2025", "file": other})
    assert "xlsx" in response.content.decode()


def test_auditor_cannot_upload(login, auditor):
    c = login(auditor)
    assert c.get(BASE).status_code == 200
    good = SimpleUploadedFile("g.xlsx", demo_workbook(year=2025, kind="budget"))
    assert (
        c.post(BASE, {"kind": "budget", "year": "2025", "file": good}).status_code
        == 403
    )


def test_edit_explanation_approval_and_submit(login, staff):
    budget_set = _draft(staff)
    c = login(staff)
    html = c.get(f"{BASE}{budget_set.pk}/").content.decode()
    assert "请先登记财政部门批复日期" in html
    response = c.post(f"{BASE}{budget_set.pk}/approval/", {"approved_on": "2025-02-10"})
    assert response.status_code == 302
    assert clocks_for(budget_set).count() == 1
    response = c.post(f"{BASE}{budget_set.pk}/approval/", {"approved_on": "not a date"})
    assert clocks_for(budget_set).count() == 1
    response = c.post(f"{BASE}{budget_set.pk}/", {"title": "新标题", "explanation": "机关运行经费 5 万元。",
                                                 "running_costs": "5"})  # fmt: skip
    assert response.status_code == 302
    budget_set.refresh_from_db()
    assert budget_set.title == "新标题"
    response = c.post(f"{BASE}{budget_set.pk}/submit/")
    budget_set.refresh_from_db()
    assert budget_set.status == "in_review"
    assert "20日" in c.get(f"{BASE}{budget_set.pk}/").content.decode()


def test_other_department_cannot_see_or_change(login, staff, other_staff):
    budget_set = _draft(staff)
    c = login(other_staff)
    assert c.get(f"{BASE}{budget_set.pk}/").status_code == 404
    assert (
        c.post(
            f"{BASE}{budget_set.pk}/approval/", {"approved_on": "2025-02-10"}
        ).status_code
        == 404
    )
    assert c.post(f"{BASE}{budget_set.pk}/submit/").status_code in (403, 404)


def test_reviewer_sees_but_auditor_cannot_edit(login, staff, auditor):
    budget_set = _draft(staff)
    c = login(auditor)
    assert c.get(f"{BASE}{budget_set.pk}/").status_code == 200
    assert c.post(f"{BASE}{budget_set.pk}/", {"title": "x"}).status_code == 403
    assert (
        c.post(
            f"{BASE}{budget_set.pk}/approval/", {"approved_on": "2025-02-10"}
        ).status_code
        == 403
    )


# API ------------------------------------------------------------------------


def test_api_lists_and_shows_published_sets(client, publish_set, staff):
    published = publish_set(2024)
    _draft(staff, year=2025)
    data = client.get("/api/v1/budgets/").json()
    assert [r["year"] for r in data["results"]] == [2024]
    assert client.get("/api/v1/budgets/?year=2025").json()["results"] == []
    assert client.get("/api/v1/budgets/?kind=final").json()["results"] == []
    assert client.get("/api/v1/budgets/?year=x").status_code == 400
    assert client.get("/api/v1/budgets/?kind=x").status_code == 400
    detail = client.get(f"/api/v1/budgets/{published.pk}/").json()
    assert len(detail["tables"]) == 8
    b3 = next(t for t in detail["tables"] if t["title"] == "部门支出总表")
    row = next(r for r in b3["rows"] if r["code"] == "2013801")
    assert row["amounts"]["basic"] == "3120.50"
    draft = BudgetSet.objects.get(year=2025)
    assert client.get(f"/api/v1/budgets/{draft.pk}/").status_code == 404


def test_api_import_is_for_staff(client, login, staff):
    upload = SimpleUploadedFile("g.xlsx", demo_workbook(year=2025, kind="budget"))
    response = client.post(
        "/api/v1/budgets/import/", {"kind": "budget", "year": 2025, "file": upload}
    )
    assert response.status_code in (401, 403)
    c = login(staff)
    book = openpyxl.load_workbook(io.BytesIO(demo_workbook(year=2025, kind="budget")))
    book["部门预算资金安排的“三公”经费情况表"]["H4"].value = 99
    out = io.BytesIO()
    book.save(out)
    response = c.post("/api/v1/budgets/import/",
                      {"kind": "budget", "year": 2025, "file": SimpleUploadedFile("b.xlsx", out.getvalue())})  # fmt: skip
    body = response.json()
    assert response.status_code == 400 and body["code"] == "budget.check_failed"
    assert {(d["sheet"], d["row"], d["check"]) for d in body["detail"]} >= {
        ("部门预算资金安排的“三公”经费情况表", 4, "three_public")
    }
    upload = SimpleUploadedFile("g.xlsx", demo_workbook(year=2025, kind="budget"))
    response = c.post(
        "/api/v1/budgets/import/", {"kind": "budget", "year": 2025, "file": upload}
    )
    assert response.status_code == 201 and response.json()["year"] == 2025


def test_search_finds_a_published_set(
    publish_set, staff, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from gongkai.search.selectors import search_run

    with django_capture_on_commit_callbacks(execute=True):
        publish_set(2025)
        _draft(staff, year=2024)
    later = timezone.now() + dt.timedelta(minutes=1)
    titles = [h.title for h in search_run(query="部门预算", now=later).hits]
    assert titles == ["福建省市场监督管理局2025年部门预算"]


def test_publish_action_runs_through_the_lifecycle(login, staff, reviewer):
    from decimal import Decimal

    budget_set = _draft(staff)
    services.budget_approval_record(
        budget_set=budget_set, approved_on=dt.date(2025, 2, 10), by=staff
    )
    services.budget_update(budget_set=budget_set, title="t", explanation="机关运行经费。",
                           running_costs=Decimal(1), by=staff)  # fmt: skip
    c = login(staff)
    c.post(f"{BASE}{budget_set.pk}/submit/")
    c = login(reviewer)
    c.post(f"{BASE}{budget_set.pk}/approve/")
    c.post(f"{BASE}{budget_set.pk}/publish/")
    budget_set.refresh_from_db()
    assert budget_set.status == "published"
    (clock,) = clocks_for(budget_set)
    assert clock.state == "stopped"


def test_fee_income_line_links_to_the_fees_listed_under_it(
    client, publish_set, staff, reviewer
):
    from gongkai.publishing import services as pub
    from gongkai.registers.models import Register
    from gongkai.registers.services import entry_create

    fees = Register.objects.get(slug="fees")
    assert fees.fields.filter(key="income_line", filterable=True).exists()
    record = {"item": "计量器具检定费", "standard": "按国家规定标准收取", "amount": "120",
              "basis": "国家计委、财政部有关收费标准文件", "income_line": "行政事业性收费收入"}  # fmt: skip
    entry = entry_create(
        register=fees, record=record, department=staff.department, by=staff
    )
    pub.publishing_submit(obj=entry, by=staff)
    pub.publishing_approve(obj=entry, by=reviewer)
    pub.publishing_publish(obj=entry, by=reviewer)
    other = entry_create(register=fees, record={**record, "item": "其他费", "income_line": "其他非税收入"},
                         department=staff.department, by=staff)  # fmt: skip
    pub.publishing_submit(obj=other, by=staff)
    pub.publishing_approve(obj=other, by=reviewer)
    pub.publishing_publish(obj=other, by=reviewer)
    budget_set = publish_set(2025)
    html = client.get(budget_set.get_absolute_url()).content.decode()
    link = re.search(
        r'<a href="(/registers/fees/\?income_line=[^"]+)">其中：行政事业性收费收入</a>',
        html,
    )
    assert link, html
    listed = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "计量器具检定费" in listed and "其他费" not in listed


def test_overdue_clock_is_on_the_workbench_inbox(login, staff):
    import time_machine

    from gongkai.clocks.selectors import SHANGHAI

    with time_machine.travel(dt.datetime(2025, 3, 20, 10, tzinfo=SHANGHAI)):
        budget_set = _draft(staff)
        services.budget_approval_record(
            budget_set=budget_set, approved_on=dt.date(2025, 2, 10), by=staff
        )
        response = login(staff).get("/workbench/")
        (clock,) = response.context["inbox"]["overdue"]
        assert clock.subject_id == str(budget_set.pk)
        assert "公开福建省市场监督管理局2025年部门预算" in response.content.decode()


def test_column_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/budgets/").content.decode()
    assert (
        "Budgets and final accounts" in html and "No budgets or final accounts" in html
    )


def test_column_and_api_list_have_a_query_ceiling(
    client, publish_set, django_assert_max_num_queries
):
    publish_set(2024)
    publish_set(2024, Kind.FINAL)
    publish_set(2025)
    publish_set(2025, Kind.FINAL)
    services.tablesets_changed_mark()  # a process's first read records the sets
    with django_assert_max_num_queries(9):
        assert client.get("/budgets/?year=2024").status_code == 200
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/budgets/").json()["results"]) == 4


def test_staff_page_flags_a_name_that_differs_from_the_code_table(login, staff):
    book = openpyxl.load_workbook(io.BytesIO(demo_workbook(year=2025, kind="budget")))
    ws = book["部门支出总表"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "2013801")
    ws.cell(row, 2).value = "机关行政运行"
    out = io.BytesIO()
    book.save(out)
    budget_set = services.budget_import(data=out.getvalue(), file_name="n.xlsx",
                                        kind="budget", year=2025, by=staff)  # fmt: skip
    html = login(staff).get(f"{BASE}{budget_set.pk}/").content.decode()
    assert (
        "部门支出总表 第" in html
        and "“2013801”表中为“机关行政运行”，科目表为“行政运行”" in html
    )
