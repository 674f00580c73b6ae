"""Historical cases from XLSX/CSV/JSONL: labels, row errors, and the reports they feed."""

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from gongkai.foi.importing import parse_record, read_records
from gongkai.foi.models import Appeal, FoiRequest
from gongkai.foi.report.build import annual_report, report_problems

pytestmark = pytest.mark.django_db

HEAD = [
    "收到申请日期",
    "申请人类型",
    "办理结果",
    "答复日期",
    "行政复议结果",
    "行政诉讼结果",
]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("予以公开", "disclosed"),
        ("不予公开/属于国家秘密", "withheld.state_secret"),
        ("1.属于国家秘密", "withheld.state_secret"),
        ("无法提供/本机关不掌握相关政府信息", "not_held"),
        ("部分公开（区分处理的，只计这一情形，不计其他情形）", "partly"),
        (
            "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "fee_unpaid",
        ),
        ("repeated", "repeated"),
    ],
)
def test_outcomes_by_official_label_or_code(value, code):
    row = parse_record(2, {"received_on": "2024-03-01", "applicant_type": "法律服务机构",
                           "outcome": value, "replied_on": "2024年3月20日"})  # fmt: skip
    assert row.outcome == code and row.applicant_type == "legal_service"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"applicant_type": "自然人"}, "缺少收到申请日期"),
        ({"received_on": "2024-13-01", "applicant_type": "自然人"}, "不是有效日期"),
        ({"received_on": "2024-03-01", "applicant_type": "外星人"}, "无法识别的申请人类型"),
        ({"received_on": "2024-03-01", "applicant_type": "自然人", "outcome": "予以公开"},
         "缺少答复日期"),
        ({"received_on": "2024-03-01", "applicant_type": "自然人", "outcome": "神秘",
          "replied_on": "2024-03-02"}, "无法识别的办理结果"),
        ({"received_on": "2024-03-05", "applicant_type": "自然人", "outcome": "予以公开",
          "replied_on": "2024-03-02"}, "早于"),
    ],
)  # fmt: skip
def test_bad_rows_say_what_is_wrong(record, message):
    with pytest.raises(ValueError, match=message):
        parse_record(3, record)


def test_xlsx_import_keeps_good_rows_and_reports_bad_ones(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEAD)
    sheet.append(["2024-12-20", "自然人", "予以公开", "2025-01-10", "", ""])
    sheet.append(
        [
            "2025-02-03",
            "商业企业",
            "不予公开/属于国家秘密",
            "2025-02-20",
            "结果维持",
            "尚未审结",
        ]
    )
    sheet.append(["2025-03-03", "外星人", "予以公开", "2025-03-20", "", ""])
    sheet.append(["2025-12-29", "法律服务机构", "", "", "", ""])
    path = tmp_path / "history.xlsx"
    book.save(path)
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("foi", "import", str(path), stdout=out)
    assert "第 4 行：无法识别的申请人类型" in out.getvalue()
    assert FoiRequest.objects.filter(imported=True).count() == 3
    assert Appeal.objects.get(kind="litigation_after_review").result == "pending"
    report = annual_report(2025)
    assert report_problems(report) == []
    assert report["t3"]["carried_in"][0] == 1 and report["t3"]["carried_out"][4] == 1
    assert report["t4"]["review"]["upheld"] == 1


def test_csv_and_jsonl_imports(tmp_path):
    csv = tmp_path / "h.csv"
    csv.write_text(
        "received_on,applicant_type,outcome,replied_on\n2025-04-01,research,disclosed,2025-04-10\n",
        encoding="utf-8",
    )
    call_command("foi", "import", str(csv), stdout=io.StringIO())
    jsonl = tmp_path / "h.jsonl"
    rows = [{"收到申请日期": "2025-05-06", "申请人类型": "社会公益组织", "办理结果": "重复申请",
             "答复日期": "2025-05-08"}, "not an object"]  # fmt: skip
    jsonl.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
    )
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("foi", "import", str(jsonl), stdout=out)
    assert "第 2 行" in out.getvalue()
    assert set(FoiRequest.objects.values_list("outcome", flat=True)) == {
        "disclosed",
        "repeated",
    }


def test_unreadable_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "h.pdf"
    bad.write_bytes(b"%PDF")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="只支持"):
        call_command("foi", "import", str(bad), stdout=io.StringIO())


def test_a_jsonl_line_nested_too_deep_is_an_error_row():
    rows = list(read_records(b'{"a": 1}\n' + b"[" * 100_000, "h.jsonl"))
    assert rows == [(1, {"a": 1}), (2, {"_error": "不是 JSON 对象"})]
