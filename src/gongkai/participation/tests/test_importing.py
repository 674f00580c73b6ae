"""Import of historical messages and proposals: valid rows in, bad rows reported by
row and column with a Chinese reason, idempotent, clocks as history was; the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.core.tabular import write_xlsx
from gongkai.participation.importing import participation_import
from gongkai.participation.models import Message, MessageStatus, Proposal
from gongkai.participation.selectors.mailbox import message_month_counts

from .support import at

pytestmark = pytest.mark.django_db

NOW = at(2026, 12, 6, 10)
MESSAGE_HEADERS = ["留言编号", "类别", "标题", "留言内容", "姓名", "联系电话",
                   "是否公开", "办理处室", "收到时间", "答复时间", "答复内容"]  # fmt: skip


def messages_sheet(rows):
    return write_xlsx(MESSAGE_HEADERS, rows)


def test_messages_import_with_row_errors(reviewer, department):
    data = messages_sheet([
        ["LS001", "咨询", "头盔标准", "问头盔", "张三", "13800138000", "是",
         "产品质量监督处", "2026-09-30 16:00", "2026-10-09 10:00", "GB 811-2022"],
        ["LS002", "投诉", "电梯", "电梯过期", "李四", "", "", "quality",
         "2026/09/02", "", ""],
        ["LS003", "表扬", "x", "x", "", "", "也许", "不存在的处", "昨天",
         "2026-09-01", ""],
        ["LS004", "建议", "x", "x", "", "", "否", "", "2026-10-01", "2026-09-01",
         "答复"],
        ["LS001", "咨询", "重复", "x", "", "", "是", "", "2026-09-30", "", ""],
    ])  # fmt: skip
    run = participation_import(
        kind="messages", data=data, file_name="history.xlsx",
        department=department, by=reviewer, now=NOW,
    )  # fmt: skip
    assert (run.created, run.failed) == (2, 3)
    problems = {e.row: dict(e.problems) for e in run.errors.all()}
    assert problems[4]["类别"] == "类别应为咨询、投诉或建议"
    assert problems[4]["是否公开"] == "应填“是”或“否”"
    assert "没有名称或代码为“不存在的处”的处室" in problems[4]["办理处室"]
    assert "无法识别的时间“昨天”" in problems[4]["收到时间"]
    assert problems[5]["答复时间"] == "答复时间早于收到时间"
    assert "与第 2 行重复" in problems[6]["留言编号"]
    answered = Message.objects.get(tracking_number="LS001")
    assert answered.status == MessageStatus.ANSWERED and answered.imported
    assert answered.is_public and answered.department == department
    clock = clocks_for(answered).get(rule_key="message.reply")
    assert clock.stopped_at == at(2026, 10, 9, 10) and not clock.stopped_late
    open_one = Message.objects.get(tracking_number="LS002")
    assert not open_one.is_public  # empty: no consent on record
    assert clocks_for(open_one).get(rule_key="message.reply").due_at == at(2026, 9, 17)
    assert [m.received for m in message_month_counts(year=2026)] == [2]
    assert AuditEvent.objects.filter(action="message.import_batch").count() == 1
    again = participation_import(
        kind="messages", data=messages_sheet([[
            "LS001", "咨询", "头盔标准", "问头盔", "张三", "", "是", "", "2026-09-30",
            "", ""]]), file_name="again.xlsx", department=department, by=reviewer,
        now=NOW,
    )  # fmt: skip
    assert (again.created, again.unchanged) == (0, 1)


def test_proposals_import(reviewer, department, other_department):
    data = write_xlsx(
        ["类别", "年度", "编号", "标题", "代表委员", "主办处室", "会办处室",
         "交办时间", "答复时间", "满意度"],
        [["人大代表建议", 2025, "0012", "电梯安全", "李代表", "产品质量监督处",
          "执法稽查处", "2025-03-20", "2025-06-10", "满意"],
         ["提案", "2025", "0105", "地理标志", "王委员", "quality", "",
          "2025-03-20", "", ""],
         ["建议", "二〇二五", "7", "x", "", "", "", "", "", "很好"]],
    )  # fmt: skip
    run = participation_import(
        kind="proposals", data=data, file_name="p.xlsx", department=department,
        by=reviewer, now=NOW,
    )  # fmt: skip
    assert (run.created, run.failed) == (2, 1)
    problems = dict(run.errors.get().problems)
    assert problems["年度"] == "年度应为四位年份"
    assert problems["主办处室"] == "必填" and problems["交办时间"] == "必填"
    assert "满意度应为" in problems["满意度"]
    replied = Proposal.objects.get(number="0012")
    assert list(replied.co_departments.all()) == [other_department]
    assert replied.satisfaction == "satisfied"
    assert not clocks_for(replied).get().stopped_late
    member = Proposal.objects.get(number="0105")
    assert member.kind == "member"
    assert clocks_for(member).get().due_at == at(2025, 6, 21)  # 3 months: 2025-06-20


def test_import_refusals(staff, reviewer, department):
    with pytest.raises(PermissionDeniedError):
        participation_import(
            kind="messages", data=messages_sheet([]), file_name="x.xlsx",
            department=department, by=staff, now=NOW,
        )  # fmt: skip
    with pytest.raises(InvalidInputError, match="缺少必填列：收到时间"):
        participation_import(
            kind="messages", data=write_xlsx(["留言编号", "类别", "标题", "留言内容"], []),
            file_name="x.xlsx", department=department, by=reviewer, now=NOW,
        )  # fmt: skip


def test_import_pages(client, login, reviewer, staff, department):
    login(staff)
    assert client.get(reverse("participation-staff:import")).status_code == 403
    login(reviewer)
    assert client.get(reverse("participation-staff:import")).status_code == 200
    data = messages_sheet([
        ["LS009", "咨询", "t", "b", "", "", "否", "", "2026-11-02", "", ""],
        ["LS010", "咨询", "t", "b", "", "", "否", "", "bad", "", ""],
    ])  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("h.xlsx", data)
    response = client.post(
        reverse("participation-staff:import"),
        {"kind": "messages", "department": department.pk, "file": upload},
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert "无法识别的时间“bad”" in detail.content.decode()
    run_pk = detail.context["run"].pk
    errors = client.get(reverse("participation-staff:import-errors", args=[run_pk]))
    assert errors.status_code == 200 and errors["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    status = client.get(reverse("participation-staff:import-status", args=[run_pk]))
    assert status.json()["failed"] == 1
    bad = client.post(
        reverse("participation-staff:import"),
        {"kind": "messages", "department": department.pk,
         "file": SimpleUploadedFile("x.txt", b"not a sheet")},
    )  # fmt: skip
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
