"""Annual report from the data: table 3 rows and columns, carry-over, table 4, outputs."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from gongkai.core import report_tables as rt
from gongkai.foi import services
from gongkai.foi.report.build import annual_report, report_problems

from .support import at, received, reply

pytestmark = pytest.mark.django_db

NP, LAW = 0, 4  # columns: 自然人, 法律服务机构


@pytest.fixture
def year_data(staff):
    """2025: one carried into 2026. 2026: four new, three closed, two carried out."""
    old = received(by=staff, day="2025-12-22")
    reply(request=old, outcome="disclosed", reply_text="", by=staff,
                           now=at("2026-01-06"))  # fmt: skip
    a = received(by=staff, day="2026-03-02")
    reply(request=a, outcome="withheld.state_secret", reply_text="",
                           reasons="国家秘密", by=staff, now=at("2026-03-10"))  # fmt: skip
    b = received(by=staff, day="2026-04-01", applicant_type="legal_service",
                 name="某律师事务所", uscc="91110000600037341L")  # fmt: skip
    services.fee_notify(request=b, method="by_page", quantity=40, by=staff,
                        now=at("2026-04-02"))  # fmt: skip
    services.fee_lapse(request=b, by=staff, now=at("2026-05-12"))
    received(by=staff, day="2026-12-28")  # open at the year's end
    c = received(by=staff, day="2026-12-30")
    reply(request=c, outcome="disclosed", reply_text="", by=staff,
                           now=at("2027-01-05"))  # fmt: skip
    services.appeal_record(request=a, kind="review", filed_on=dt.date(2026, 4, 1),
                           result="upheld", decided_on=dt.date(2026, 6, 1), by=staff,
                           now=at("2026-06-02"))  # fmt: skip
    services.appeal_record(request=a, kind="litigation_after_review",
                           filed_on=dt.date(2026, 6, 10), result="corrected",
                           decided_on=dt.date(2027, 2, 1), by=staff,
                           now=at("2027-02-02"))  # fmt: skip


def test_table_three_counts_rows_columns_and_carry_over(year_data):
    t3 = annual_report(2026)["t3"]
    assert t3["new"][NP] == 3 and t3["new"][LAW] == 1 and t3["new"][6] == 4
    assert t3["carried_in"][NP] == 1
    assert t3["disclosed"][NP] == 1  # the 2025 request answered in January
    assert t3["withheld.state_secret"][NP] == 1
    assert t3["other.fee_unpaid"][LAW] == 1
    assert t3["total"][6] == 3
    assert t3["carried_out"][NP] == 2
    assert annual_report(2025)["t3"]["carried_out"] == t3["carried_in"]


def test_table_four_counts_results_as_at_the_years_end(year_data):
    t4 = annual_report(2026)["t4"]
    assert t4["review"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    # decided in 2027: still pending when 2026 closed
    assert t4["litigation_after_review"]["pending"] == 1


def test_generated_report_passes_its_own_checks(year_data):
    report = annual_report(2026)
    assert report_problems(report) == []
    assert "信息处理费0.00元" in report["prose"]["other"]


def test_outputs_use_the_official_labels(year_data, tmp_path):
    out = io.StringIO()
    call_command("report", "annual", "--year", "2026", "--format", "json", stdout=out)
    doc = json.loads(out.getvalue())
    t3 = doc["三、收到和处理政府信息公开申请情况"]
    assert t3["一、本年新收政府信息公开申请数量"]["总计"] == 4
    assert t3["三、本年度办理结果"]["（六）其他处理"][rt.ROW_LABELS["other.fee_unpaid"]][
        "法人或其他组织"]["法律服务机构"] == 1  # fmt: skip
    for fmt in ("docx", "xlsx", "html"):
        call_command("report", "annual", "--year", "2026", "--format", fmt,
                     "--output", str(tmp_path / f"r.{fmt}"), stdout=io.StringIO())  # fmt: skip
    text = "\n".join(
        cell.text
        for t in Document(tmp_path / "r.docx").tables
        for r in t.rows
        for cell in r.cells
    )
    assert "1.属于国家秘密" in text
    # GB/T 9704 pages: A4 portrait, table 三 on a landscape page of its own.
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    word = Document(tmp_path / "r.docx")
    orientations = [s.orientation for s in word.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert round(word.sections[0].page_width.mm) == 210
    assert round(word.sections[1].page_width.mm) == 297
    assert word.paragraphs[0].style.name == "Title"
    heading = word.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia"))
    assert heading == "黑体"
    sheet = load_workbook(tmp_path / "r.xlsx")["三、申请情况"]
    labels = [row[0].value for row in sheet.iter_rows()]
    assert "四、结转下年度继续办理" in labels
    assert "（七）总计" in (tmp_path / "r.html").read_text()


def test_check_command_accepts_a_good_report_and_names_a_broken_rule(
    year_data, tmp_path
):
    good = tmp_path / "good.json"
    call_command("report", "annual", "--year", "2026", "--output", str(good),
                 stdout=io.StringIO())  # fmt: skip
    out = io.StringIO()
    call_command("report", "check", str(good), stdout=out)
    assert "全部一致性检查通过" in out.getvalue()
    doc = json.loads(good.read_text())
    doc["三、收到和处理政府信息公开申请情况"]["四、结转下年度继续办理"]["自然人"] += 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("report", "check", str(bad), stdout=out)
    assert exc.value.code == 1
    assert "自然人：四" in out.getvalue() or "一 + 二" in out.getvalue()


@pytest.mark.parametrize(
    "text",
    [
        "[" * 65 + "]" * 65,  # parses, but nests past the limit
        '{"a":' * 5_000 + "1" + "}" * 5_000,
        "[" * 100_000,
    ],
    ids=["65 closed arrays", "5,000 objects", "100,000 arrays"],
)
@pytest.mark.parametrize("previous", [False, True])
def test_check_command_refuses_a_file_nested_too_deep(tmp_path, text, previous):
    deep = tmp_path / "deep.json"
    deep.write_text(text, encoding="utf-8")
    args = ["check", str(deep)]
    if previous:  # the last year's file is read the same way
        good = tmp_path / "good.json"
        call_command("report", "annual", "--year", "2026", "--output", str(good),
                     stdout=io.StringIO())  # fmt: skip
        args = ["check", str(good), "--previous", str(deep)]
    with pytest.raises(CommandError, match=f"无法读取 {deep}：嵌套层次过深"):
        call_command("report", *args, stdout=io.StringIO())


def test_report_pages_for_the_office_only(login, reviewer, staff, year_data):
    url = reverse("foi-staff:report-year", args=[2026])
    client = login(reviewer)
    page = client.get(url).content.decode()
    assert 'id="checks-ok"' in page
    data = {"overview": "概述", "problems": "问题", "other": "其他"}
    data.update(
        {f"t2_{i}_{j}_{k}": 1 for i in range(4) for j in range(2) for k in range(3)}
    )
    client.post(url, data)
    report = annual_report(2026)
    assert report["prose"]["overview"] == "概述"
    assert report["t2"]["第二十条第（一）项"]["规章"]["本年制发件数"] == 1
    response = client.get(reverse("foi-staff:report-file", args=[2026, "xlsx"]))
    assert response.content[:2] == b"PK"
    client.logout()
    assert login(staff).get(url).status_code == 403


def test_publishing_freezes_the_report_and_shows_it_publicly(
    client, login, reviewer, year_data
):
    from gongkai.foi.models import AnnualReportDraft
    from gongkai.foi.services.report import report_publish

    report_publish(year=2026, by=reviewer, now=at("2027-01-20"))
    received_later = annual_report(2026)["t3"]["new"][6]
    page = client.get(reverse("foi:report", args=[2026])).content.decode()
    assert "2026年政府信息公开工作年度报告" in page and "1.属于国家秘密" in page
    assert "2026" in client.get(reverse("foi:reports")).content.decode()
    xlsx = client.get(reverse("foi:report-file", args=[2026, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    frozen = AnnualReportDraft.objects.get(year=2026).published
    assert (
        frozen["三、收到和处理政府信息公开申请情况"][
            "一、本年新收政府信息公开申请数量"
        ]["总计"]
        == received_later
    )
    assert client.get(reverse("foi:report", args=[2025])).status_code == 404


def test_publishing_refused_when_last_years_published_report_disagrees(
    reviewer, staff, year_data
):
    from gongkai.common.errors import ConflictError, PermissionDeniedError
    from gongkai.foi.models import AnnualReportDraft
    from gongkai.foi.services.report import report_publish

    last = rt.report_to_json(annual_report(2025))
    last["三、收到和处理政府信息公开申请情况"]["四、结转下年度继续办理"]["自然人"] = 5
    AnnualReportDraft.objects.create(year=2025, published=last)
    with pytest.raises(ConflictError, match="上年"):
        report_publish(year=2026, by=reviewer)
    with pytest.raises(PermissionDeniedError):
        report_publish(year=2026, by=staff)


def test_publish_button_on_the_staff_page(login, reviewer, year_data):
    client = login(reviewer)
    url = reverse("foi-staff:report-year", args=[2026])
    response = client.post(url, {"publish": "1"}, follow=True)
    assert "年度报告已公布" in response.content.decode()


# The whole of table 2 generated from imported data, nothing typed: a JSONL catalogue
# (category, valid_until, repealed_on) and penalties in every state, at 2027-01-10.
CATALOGUE = [
    # 规章: R1 issued 2026; R2 repealed 2026-07-01 (the act not in the catalogue);
    # R3 in force since 2020
    {"title": "R1 福建省电梯安全管理办法", "category": "规章", "date": "2026-03-01"},
    {"title": "R2 旧规章", "category": "规章", "date": "2019-05-01",
     "repealed_on": "2026-07-01"},
    {"title": "R3 规章", "category": "规章", "date": "2020-01-01"},
    # 行政规范性文件: N1 issued 2026 (5 years by default); N2 暂行, 2 years from
    # 2024-06-01: lapses 2026-06-01; N3 valid through 2026-12-31: in force at 31
    # December, lapses 2027; N4 lapsed 2025-12-31; N5 lapsed 2026-12-31
    {"title": "N1 关于规范电梯维保的通知", "category": "行政规范性文件", "date": "2026-04-01"},
    {"title": "N2 计量监督管理暂行办法", "category": "行政规范性文件", "date": "2024-06-01"},
    {"title": "N3 通知", "category": "行政规范性文件", "date": "2021-01-01",
     "valid_until": "2026-12-31"},
    {"title": "N4 通知", "category": "行政规范性文件", "date": "2021-03-01",
     "valid_until": "2025-12-30"},
    {"title": "N5 通知", "category": "行政规范性文件", "date": "2025-12-31",
     "valid_until": "2026-12-30"},
    # not counted: other categories whatever the title, and a later document
    {"title": "O1 关于印发行政规范性文件清理结果的通知", "category": "其他",
     "date": "2026-02-01"},
    {"title": "O2 规章解读", "date": "2026-02-02"},
    {"title": "N6 通知", "category": "行政规范性文件", "date": "2027-01-05"},
]  # fmt: skip
EXPECTED_T2 = {
    "第二十条第（一）项": {
        "规章": {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 2},
        "行政规范性文件": {"本年制发件数": 1, "本年废止件数": 2, "现行有效件数": 2},
    },
    "第二十条第（五）项": {"行政许可": {"本年处理决定数量": 0}},
    # P1, P2, P9 (see below)
    "第二十条第（六）项": {
        "行政处罚": {"本年处理决定数量": 3},
        "行政强制": {"本年处理决定数量": 0},
    },
    "第二十条第（八）项": {"行政事业性收费": {"本年收费金额（单位：万元）": 0}},
}


def _catalogue_and_penalties(staff, reviewer):
    from gongkai.documents.importing import documents_import
    from gongkai.penalties import services as penalties
    from gongkai.penalties.tests.factories import record
    from gongkai.publishing import services as pub

    now = at("2027-01-10")
    lines = [
        json.dumps({"issuer": "福建省质量技术监督局", "body": "正文。", **row},
                   ensure_ascii=False)
        for row in CATALOGUE
    ]  # fmt: skip
    report = documents_import(
        files=[("catalogue.jsonl", "\n".join(lines).encode())],
        department=reviewer.department, by=reviewer, publish=True, now=now,
    )  # fmt: skip
    assert not report.errors, report.errors

    def penalty(n, state, decided="2026-05-06", **cells):
        p = penalties.penalty_create(
            record=record(CF_WSH=f"闽质监罚字〔2026〕{n}号", CF_JDRQ=decided, **cells),
            department=staff.department, by=staff, now=now,
        )  # fmt: skip
        if state == "draft":
            return
        pub.publishing_submit(obj=p, by=staff, now=now)
        if state == "in_review":
            return
        pub.publishing_approve(obj=p, by=reviewer, now=now)
        if state == "approved":
            return
        p = penalties.penalty_publish(penalty=p, by=reviewer, now=now)
        if state == "withdrawn":
            penalties.penalty_withdraw(
                penalty=p, kind="revoked", changed_on=dt.date(2027, 1, 8),
                reason="复议撤销", by=reviewer, now=now,
            )  # fmt: skip

    warning = {"CF_CFLB": "警告", "CF_NR": "警告", "CF_NR_FK": None, "CF_NR_WFFF": None}
    penalty(1, "published")  # counted
    penalty(2, "published", CF_CFLB="通报批评", CF_NR="通报批评", CF_NR_FK=None,
            CF_NR_WFFF=None)  # counted  # fmt: skip
    penalty(3, "draft")
    penalty(4, "in_review")
    penalty(5, "approved")
    penalty(6, "approved", **warning)  # warning-only: never publicised
    penalty(7, "withdrawn")
    penalty(8, "published", decided="2025-11-20")  # another year
    penalty(9, "published", CF_CFLB="警告；罚款")  # counted


def test_table_two_is_generated_from_imported_data(staff, reviewer):
    _catalogue_and_penalties(staff, reviewer)
    report = annual_report(2026)
    assert report["t2"] == EXPECTED_T2
    assert report["t2_entered"] == []


def test_table_two_counts_the_catalogue_and_the_office_overrides(staff, reviewer):
    from gongkai.foi.services.report import report_draft_save

    _catalogue_and_penalties(staff, reviewer)
    report_draft_save(year=2026, overview="", problems="", other="",
                      t2={"第二十条第（一）项": {"规章": {"现行有效件数": 7}}}, by=reviewer)  # fmt: skip
    report = annual_report(2026)
    assert report["t2"]["第二十条第（一）项"]["规章"]["现行有效件数"] == 7
    assert report["t2_entered"] == ["第二十条第（一）项/规章/现行有效件数"]
