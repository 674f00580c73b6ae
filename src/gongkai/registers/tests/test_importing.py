"""Register import: row errors, error file, idempotence, publish, resume, command."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.core.tabular import read_table, write_csv, write_xlsx
from gongkai.publishing.choices import Status
from gongkai.registers.importing import import_error_file, register_import
from gongkai.registers.models import Entry, ImportRun, Register
from gongkai.registers.tests.factories import spot_row

pytestmark = pytest.mark.django_db
LABELS = {
    "product": "产品名称", "producer": "生产企业", "producer_uscc": "生产企业统一社会信用代码",
    "brand": "商标", "model": "规格型号", "batch": "生产日期或批号", "result": "抽查结果",
    "failing_items": "不合格项目", "inspecting_body": "承检机构", "sampling_date": "抽样日期",
    "report_no": "检验报告编号",
}  # fmt: skip


def sheet(rows, by="label", fmt="xlsx"):
    keys = list(LABELS)
    headers = [LABELS[k] if by == "label" else k for k in keys]
    data = [[r.get(k) for k in keys] for r in rows]
    return write_xlsx(headers, data) if fmt == "xlsx" else write_csv(headers, data)


def run(data, user, name="spot.xlsx", **kw):
    return register_import(
        register=Register.objects.get(slug="spot-checks"),
        data=data,
        file_name=name,
        department=user.department,
        by=user,
        **kw,
    )


def test_rows_checked_by_field_type_and_reported_by_row_and_column(staff):
    rows = [spot_row(1), spot_row(2, result="基本合格"), spot_row(3, sampling_date="9月1日"),
            spot_row(4, producer_uscc="91350100M000100Y44"), spot_row(5)]  # fmt: skip
    r = run(sheet(rows), staff)
    assert (r.created, r.failed) == (2, 3)
    problems = {e.row: e.problems for e in r.errors.all()}
    assert problems[3] == [["抽查结果", "“基本合格”不是可选值，应为：合格、不合格"]]
    assert "日期“9月1日”无效" in problems[4][0][1]
    assert problems[5][0][0] == "生产企业统一社会信用代码"
    assert set(Entry.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}
    table = read_table(import_error_file(r), "e.xlsx")
    assert table.headers[-2:] == ["原行号", "错误原因"]
    assert [row[1][-2] for row in table.rows] == [3, 4, 5]


def test_idempotent_on_the_key_field_and_duplicates_in_the_file(staff):
    data = sheet([spot_row(1), spot_row(2), spot_row(1)], by="key", fmt="csv")
    first = run(data, staff, name="spot.csv")
    assert (first.created, first.failed) == (2, 1)
    assert "与第 2 行重复" in first.errors.get().problems[0][1]
    again = run(data, staff, name="spot.csv")
    assert (again.created, again.unchanged) == (0, 2)
    assert Entry.objects.count() == 2


def test_publish_needs_a_reviewer_and_makes_entries_public(staff, reviewer):
    with pytest.raises(PermissionDeniedError):
        run(sheet([spot_row(1)]), staff, publish=True)
    reviewer.department = staff.department
    r = run(sheet([spot_row(1)]), reviewer, publish=True)
    assert r.created == 1
    assert Entry.objects.visible().count() == 1


def test_missing_required_columns_refused(staff):
    with pytest.raises(InvalidInputError, match="缺少必填列"):
        run(write_xlsx(["产品名称"], [["x"]]), staff)


def test_interrupted_import_resumes(staff):
    data = sheet([spot_row(n) for n in range(1, 6)])

    def stop(_run):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(data, staff, batch_size=2, progress=stop)
    assert Entry.objects.count() == 2
    resumed = run(data, staff, batch_size=2)
    assert (resumed.state, resumed.created) == ("done", 5)
    assert ImportRun.objects.count() == 1


def test_command(staff, tmp_path):
    path = tmp_path / "spot.xlsx"
    path.write_bytes(sheet([spot_row(1), spot_row(2, result="?")]))
    out = io.StringIO()
    call_command(
        "registers", "import", "spot-checks", str(path), "--user", "author", stdout=out
    )
    assert "第 3 行 抽查结果" in out.getvalue() and "新增 1" in out.getvalue()
    with pytest.raises(CommandError, match="没有名录"):
        call_command("registers", "import", "nope", str(path), "--user", "author")
    listing = io.StringIO()
    call_command("registers", "list", stdout=listing)
    assert "spot-checks" in listing.getvalue()


def test_import_killed_while_indexing_resumes_with_every_published_entry_found(
    staff, reviewer, monkeypatch
):
    """Killed after a batch's entries are written, before they are indexed: the
    batch is lost whole and written and indexed on resume; search never misses a
    published entry."""
    import gongkai.registers.search as register_search
    from gongkai.search.models import SearchEntry

    def indexed():
        rows = SearchEntry.objects.filter(kind="registers.entry")
        return set(rows.values_list("object_id", flat=True))

    def published():
        rows = Entry.objects.filter(status=Status.PUBLISHED)
        return {str(pk) for pk in rows.values_list("pk", flat=True)}

    reviewer.department = staff.department
    data = sheet([spot_row(n) for n in range(1, 6)])
    real, calls = register_search.search_index_object, []

    def killed_in_the_second_batch(**kw):
        calls.append(kw["pk"])
        if len(calls) == 3:
            raise KeyboardInterrupt  # the worker is killed here
        return real(**kw)

    monkeypatch.setattr(
        register_search, "search_index_object", killed_in_the_second_batch
    )
    with pytest.raises(KeyboardInterrupt):
        run(data, reviewer, publish=True, batch_size=2)
    assert len(published()) == 2
    assert indexed() == published()
    monkeypatch.setattr(register_search, "search_index_object", real)
    resumed = run(data, reviewer, publish=True, batch_size=2)
    assert (resumed.state, resumed.created) == ("done", 5)
    assert len(published()) == 5
    assert indexed() == published()
