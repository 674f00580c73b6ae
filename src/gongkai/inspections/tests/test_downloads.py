"""/inspections/results/download.csv|xlsx: every published result."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from .support import make_task, registry, run_to_drawn

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(staff, department, reviewer):
    registry(targets=90)
    task = make_task(by=staff, department=department, target_count=60)
    drawn = run_to_drawn(task, office=reviewer, by=staff)
    inspections = list(drawn.inspections.order_by("id"))
    assert len(inspections) >= 55
    # Results are entered and published through the services in test_results.py;
    # here only the publication state matters.
    for n, i in enumerate(inspections):
        i.result = "corrected" if n == 0 else "no_problem"
        i.result_note = "标签不规范，已整改" if n == 0 else ""
        i.checked_on = dt.date(2026, 3, 10)
        i.published_at = dt.datetime(2026, 3, 20, 2, tzinfo=dt.UTC) if n < 55 else None
        i.save()
    return inspections


def _rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_every_published_result_in_chinese(client, published):
    response = client.get("/inspections/results/download.csv")
    assert "inspection-results-" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][:5] == [
        "统一社会信用代码",
        "名称",
        "抽查任务编号",
        "抽查任务名称",
        "检查结果",
    ]
    assert len(rows) == 56
    results = {r[4] for r in rows[1:]}
    assert "未发现问题" in results
    assert any(r.endswith("：标签不规范，已整改") for r in results)
    assert rows[1][-1].startswith("http://testserver/inspections/tasks/")


def test_search_applies_to_the_download(client, published):
    uscc = published[0].uscc
    rows = _rows(client.get("/inspections/results/download.csv", {"q": uscc}))
    assert [r[0] for r in rows[1:]] == [uscc]


def test_xlsx_has_every_published_result(client, published):
    response = client.get("/inspections/results/download.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.active.max_row == 56
    assert client.get("/inspections/results/download.json").status_code == 404


def test_items_download_has_every_published_item(client, staff):
    from gongkai.publishing.choices import Status

    from .factories import ItemFactory
    from .support import T0

    for n in range(55):  # more than one API page (50)
        ItemFactory(
            department=staff.department,
            author=staff,
            status=Status.PUBLISHED,
            publish_at=T0,
            kind="key" if n == 0 else "general",
        )
    ItemFactory(department=staff.department, author=staff, name="草稿事项")
    rows = _rows(client.get("/inspections/items/download.csv"))
    assert rows[0][:3] == ["编号", "抽查事项", "抽查子项"]
    assert len(rows) == 56 and "草稿事项" not in {r[1] for r in rows}
    kinds = {r[rows[0].index("事项类别")] for r in rows[1:]}
    assert kinds == {"重点检查事项", "一般检查事项"}
    assert client.get("/inspections/items/download.pdf").status_code == 404


def test_tasks_and_plans_downloads(client, published):
    rows = _rows(client.get("/inspections/tasks/download.csv"))
    assert rows[0][:2] == ["任务编号", "任务名称"] and rows[0][-1] == "网址"
    assert [r[0] for r in rows[1:]] == ["HZ-2026-001"]
    assert rows[1][-1] == "http://testserver/inspections/tasks/HZ-2026-001/"
    book = load_workbook(
        io.BytesIO(
            b"".join(client.get("/inspections/plans/download.xlsx").streaming_content)
        )
    )
    assert next(book.active.iter_rows(values_only=True))[:2] == ("年度", "标题")
