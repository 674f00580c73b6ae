"""`gongkai documents import`: three formats, row errors, idempotence, --publish."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from gongkai.common.models import AuditEvent
from gongkai.documents.importing import documents_import
from gongkai.documents.models import Document
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parents[1] / "data"
SEED = DATA / "work-plan-2017.txt"
SHARED_SEED = Path(__file__).parents[5] / "shared" / "seed" / "work-plan-2017.txt"


def test_vendored_seed_equals_the_shared_one_when_present():
    if not SHARED_SEED.exists():
        pytest.skip("../shared not mounted")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_imports_published_with_the_official_metadata(reviewer):
    report = documents_import(
        files=[(SEED.name, SEED.read_bytes())], department=reviewer.department,
        by=reviewer, publish=True,
    )  # fmt: skip
    assert report.errors == [] and len(report.created) == 1
    doc = Document.objects.get()
    assert doc.doc_number == "闽质监〔2017〕126号"
    assert doc.issuer_names() == ["福建省质量技术监督局"]
    assert str(doc.written_on) == "2017-05-27"
    assert doc.disclosure == "proactive"
    assert doc.status == Status.PUBLISHED and doc.is_visible()
    event = AuditEvent.objects.get(action="document.import_publish")
    assert event.actor == reviewer
    again = documents_import(
        files=[(SEED.name, SEED.read_bytes())], department=reviewer.department,
        by=reviewer, publish=True,
    )  # fmt: skip
    assert (len(again.created), again.unchanged, again.errors) == (0, 1, [])
    assert Document.objects.count() == 1


def test_import_without_publish_enters_review(staff):
    report = documents_import(
        files=[(SEED.name, SEED.read_bytes())], department=staff.department, by=staff
    )
    assert report.created[0].status == Status.IN_REVIEW


def test_only_reviewers_publish_on_import(staff):
    from gongkai.common.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        documents_import(files=[], department=staff.department, by=staff, publish=True)


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_is_read_as_official_text(staff):
    data = _docx([
        "文件名称：关于做好2024年计量器具强制检定工作的通知",
        "文件编号：闽质监计〔2024〕15号",
        "各设区市市场监督管理局：",
        "为做好强制检定工作，现通知如下。",
        "福建省质量技术监督局",
        "2024年4月8日",
        "（此件主动公开）",
    ])  # fmt: skip
    report = documents_import(
        files=[("notice.docx", data)], department=staff.department, by=staff
    )
    assert report.errors == []
    doc = report.created[0]
    assert (doc.doc_number, str(doc.written_on)) == (
        "闽质监计〔2024〕15号",
        "2024-04-08",
    )
    broken = documents_import(
        files=[("broken.docx", b"not a zip")], department=staff.department, by=staff
    )
    assert broken.errors == [
        ("broken.docx", 1, "无法读取 .docx 文件（文件损坏或不是 Word 文档）。")
    ]


def test_jsonl_keeps_good_rows_and_reports_bad_ones(staff):
    row = {
        "title": "关于公布2024年第一批产品质量监督抽查结果的通告",
        "doc_number": "闽质监〔2024〕7号",
        "issuer": "福建省质量技术监督局",
        "date": "2024-03-01",
        "body": "抽查结果见附件。",
    }
    lines = [
        json.dumps(row, ensure_ascii=False),
        json.dumps({**row, "title": "日期不详的文件", "date": "昨天", "doc_number": ""}, ensure_ascii=False),
        json.dumps({**row, "title": "另一份文件", "doc_number": "闽质监(2024)第7号"}, ensure_ascii=False),
        json.dumps({**row, "title": "含身份证号的文件", "doc_number": "", "body": "当事人身份证号11010519491231002X。"}, ensure_ascii=False),
    ]  # fmt: skip
    data = "\n".join(lines).encode()
    report = documents_import(
        files=[("batch.jsonl", data)], department=staff.department, by=staff
    )
    assert [d.title for d in report.created] == [
        row["title"],
        "日期不详的文件",
        "含身份证号的文件",
    ]
    # An unreadable date is kept as unknown with a warning; the same 文号 written
    # another way is the same number, so the second document is refused.
    assert report.warnings == [
        ("batch.jsonl", 2, "成文日期（date）“昨天”无法识别，按不详保存，请补全。")
    ]
    assert report.created[1].written_on is None
    assert [(line, reason[:4]) for _f, line, reason in report.errors] == [
        (3, "文号“闽"),
    ]
    again = documents_import(
        files=[("batch.jsonl", data)], department=staff.department, by=staff
    )
    assert (len(again.created), again.unchanged, len(again.errors)) == (0, 3, 1)


def test_publish_refuses_rows_with_personal_data(reviewer):
    row = {"title": "处罚决定", "issuer": "某局", "date": "2024-03-01",
           "body": "当事人身份证号11010519491231002X。"}  # fmt: skip
    report = documents_import(
        files=[("x.jsonl", json.dumps(row, ensure_ascii=False).encode())],
        department=reviewer.department, by=reviewer, publish=True,
    )  # fmt: skip
    assert report.created == [] and "个人信息" in report.errors[0][2]
    assert not Document.objects.exists()  # the row's transaction was rolled back


def test_command_reports_rows_and_exits_non_zero_on_errors(reviewer, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": ""}\n', encoding="utf-8")
    call_command(
        "documents", "import", str(SEED), "--publish", "--user", reviewer.username
    )
    assert "闽质监〔2017〕126号" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("documents", "import", str(bad), "--user", reviewer.username)
    assert "bad.jsonl 第1行" in capsys.readouterr().err
    with pytest.raises(CommandError, match="文件不存在"):
        call_command(
            "documents",
            "import",
            str(tmp_path / "none.txt"),
            "--user",
            reviewer.username,
        )
    with pytest.raises(CommandError, match="用户不存在"):
        call_command("documents", "import", str(SEED), "--user", "nobody")


@pytest.mark.parametrize(
    ("name", "data", "year"),
    [
        # 索引号 year = year of 成文日期 (written_on), not the year of the import (RULES.md §9).
        (SEED.name, SEED.read_bytes(), "2017"),
        (
            "old.jsonl",
            json.dumps(
                {"title": "关于开展计量检定的通知", "doc_number": "闽质监〔2015〕3号",
                 "issuer": "福建省质量技术监督局", "date": "2015-12-31", "body": "正文。"},
                ensure_ascii=False,
            ).encode(),
            "2015",
        ),
        (
            "new-year.jsonl",
            json.dumps(
                {"title": "关于元旦值班的通知", "doc_number": "",
                 "issuer": "福建省质量技术监督局", "date": "2016-01-01", "body": "正文。"},
                ensure_ascii=False,
            ).encode(),
            "2016",
        ),
    ],
)  # fmt: skip
def test_index_number_year_is_the_written_on_year_not_the_import_year(
    staff, name, data, year
):
    report = documents_import(
        files=[(name, data)], department=staff.department, by=staff
    )
    assert report.errors == []
    doc = report.created[0]
    assert str(doc.written_on.year) == year
    assert doc.index_number == f"11350000003591037R/{year}-00001"
