"""The work plan: the 2017 plan carried in the project, progress, lateness, import."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from gongkai.accounts.models import Department
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.core.tabular import read_table
from gongkai.oversight import demo, selectors, services
from gongkai.oversight.importing import plan_from_table
from gongkai.oversight.models import TaskUnit

DATA = Path(demo.__file__).parent / "data" / "work-plan-2017.json"


def test_the_2017_plan_has_fourteen_tasks_with_their_units():
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    assert raw["doc_number"] == "闽质监〔2017〕126号"
    assert [t["number"] for t in raw["tasks"]] == list(range(1, 15))
    assert all(t["units"] and t["title"] for t in raw["tasks"])
    assert raw["tasks"][3]["units"] == ["计财科技处"]  # 4. 预决算及收费信息公开
    assert raw["tasks"][12]["title"] == "加强政务公开平台建设"
    assert raw["tasks"][12]["units"] == ["办公室", "行政服务中心", "相关处室"]
    assert [g["title"] for g in raw["guarantees"]] == [
        "完善组织领导",
        "理顺工作机制",
        "强化培训教育",
        "加强督促检查",
    ]


@pytest.fixture
def plan(reviewer):
    Department.objects.get_or_create(
        code="quality", defaults={"name": "产品质量监督处"}
    )
    return services.plan_load(data=demo.plan_2017(), by=reviewer)


def test_loaded_plan_links_units_to_departments(plan):
    tasks = plan.tasks.filter(is_guarantee=False)
    assert tasks.count() == 14 and plan.tasks.count() == 18
    quality = TaskUnit.objects.filter(name="产品质量监督处")
    assert quality.count() == 4 and all(u.department is not None for u in quality)
    assert AuditEvent.objects.filter(action="oversight.plan_import").count() == 1


def test_only_the_office_loads_a_plan(staff):
    with pytest.raises(PermissionDeniedError):
        services.plan_load(data=demo.plan_2017(), by=staff)


def test_progress_by_the_units_department_and_late_units(plan, reviewer, db):
    dept = Department.objects.get(name="产品质量监督处")
    from gongkai.accounts.models import User

    quality = User.objects.create(username="q", role="staff", department=dept)
    unit = TaskUnit.objects.filter(name="产品质量监督处", task__number=9).get()
    other = TaskUnit.objects.filter(name="计财科技处").get()
    with pytest.raises(PermissionDeniedError):
        services.progress_report(unit=other, text="x", status="done", by=quality)
    with pytest.raises(InvalidInputError):
        services.progress_report(unit=unit, text=" ", status="done", by=quality)
    services.progress_report(
        unit=unit, text="已完成抽查结果公开", status="done", by=quality
    )
    unit.refresh_from_db()
    assert unit.status == "done" and unit.reports.count() == 1
    before = selectors.late_units(plan, dt.date(2017, 11, 30))
    after = selectors.late_units(plan, dt.date(2017, 12, 1))
    assert before == [] and unit not in after and other in after
    rows = {r["name"]: r for r in selectors.status_by_unit(plan, dt.date(2017, 12, 1))}
    assert rows["产品质量监督处"]["done"] == 1 and rows["产品质量监督处"]["late"] == 3


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


HEAD = ["序号", "任务", "内容", "责任单位", "完成时限"]


def test_import_reports_every_row_error_and_imports_nothing():
    data = _xlsx(
        [
            HEAD,
            [1, "加大政策公开力度", "…", "办公室、法规与行政审批处", "2027-06-30"],
            ["一", "", "", "", "明年"],
            [1, "重复", "", "办公室", None],
        ]
    )
    _plan, errors = plan_from_table(read_table(data, "p.xlsx"), year=2027, title="2027")
    assert errors == [
        "第 3 行：序号“一”不是数字；任务名称为空；未填写责任单位；完成时限“明年”不是日期（应为 YYYY-MM-DD）",
        "第 4 行：序号 1 重复",
    ]


def test_import_of_a_valid_table(reviewer):
    data = _xlsx(
        [
            [*HEAD, "工作保障"],
            [
                1,
                "加大政策公开力度",
                "专栏",
                "办公室，法规与行政审批处",
                dt.datetime(2027, 6, 30),
            ],
            [2, "依申请公开", "", "办公室", "2027年11月30日"],
            [3, "强化培训", "", "人事教育处", "", "是"],
        ]
    )
    data_, errors = plan_from_table(
        read_table(data, "p.xlsx"), year=2027, title="2027年实施方案"
    )
    assert errors == []
    plan = services.plan_load(data=data_, by=reviewer)
    tasks = list(plan.tasks.order_by("number"))
    assert [t.deadline for t in tasks] == [
        dt.date(2027, 6, 30),
        dt.date(2027, 11, 30),
        None,
    ]
    assert [u.name for u in tasks[0].units.all()] == ["办公室", "法规与行政审批处"]
    assert tasks[2].is_guarantee


def test_import_without_required_columns():
    data = _xlsx([["编号", "名称"], [1, "x"]])
    _plan, errors = plan_from_table(read_table(data, "p.xlsx"), year=2027, title="x")
    assert errors == ["缺少列：序号、任务、责任单位"]
