"""The workbook: the template, the round trip (export → import on an empty database
reproduces the set), and every check refusing a changed file, naming sheet, row and
check."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from gongkai.budgets import services
from gongkai.budgets.choices import Kind
from gongkai.budgets.demo import demo_workbook
from gongkai.budgets.models import BudgetRow, BudgetSet
from gongkai.budgets.selectors import tableset_for
from gongkai.common.audit import AuditEvent
from gongkai.common.errors import InvalidInputError

pytestmark = pytest.mark.django_db


def _rows(budget_set: BudgetSet) -> list[tuple[Any, ...]]:
    return [
        (r.table, r.position, r.key, r.code, r.name, r.amounts)
        for r in budget_set.rows.order_by("table", "position")
    ]


def test_template_has_one_sheet_per_table_with_national_headers(tmp_path, admin_user):
    out = tmp_path / "t.xlsx"
    call_command(
        "budgets", "template", "--kind", "final", "--year", "2025", "--out", str(out)
    )
    book = openpyxl.load_workbook(out)
    tableset = tableset_for("final", 2025)
    assert book.sheetnames == [t.title for t in tableset.tables]
    ws = book["一般公共预算财政拨款“三公”经费支出决算表"]
    assert [c.value for c in ws[3]] == [
        "科目编码", "科目名称", "合计", "因公出国（境）费", "公务用车购置及运行费",
        "其中：公务用车购置费", "其中：公务用车运行费", "公务接待费",
    ]  # fmt: skip
    assert [ws.cell(r, 2).value for r in (4, 5)] == ["预算数", "决算数"]
    assert ws["B2"].value == 2025


def test_round_trip_reproduces_the_set(tmp_path, admin_user):
    src = tmp_path / "src.xlsx"
    src.write_bytes(demo_workbook(year=2025, kind=Kind.BUDGET))
    call_command("budgets", "import", str(src), "--kind", "budget", "--year", "2025")
    first = BudgetSet.objects.get()
    before = _rows(first)
    assert len(before) > 40
    out = tmp_path / "f.xlsx"
    call_command(
        "budgets", "export", "--year", "2025", "--kind", "budget", "--out", str(out)
    )
    BudgetSet.objects.all().delete()
    assert not BudgetRow.objects.exists()
    call_command("budgets", "import", str(out), "--kind", "budget", "--year", "2025")
    again = BudgetSet.objects.get()
    assert _rows(again) == before
    assert AuditEvent.objects.filter(action="budget.import").count() == 2


def test_final_round_trip_checks_against_its_budget(tmp_path, admin_user):
    for kind in (Kind.BUDGET, Kind.FINAL):
        path = tmp_path / f"{kind}.xlsx"
        path.write_bytes(demo_workbook(year=2024, kind=kind))
        call_command("budgets", "import", str(path), "--kind", kind, "--year", "2024")
    final = BudgetSet.objects.get(kind=Kind.FINAL)
    out = tmp_path / "final-out.xlsx"
    call_command(
        "budgets", "export", "--year", "2024", "--kind", "final", "--out", str(out)
    )
    before = _rows(final)
    final.delete()
    call_command("budgets", "import", str(out), "--kind", "final", "--year", "2024")
    assert _rows(BudgetSet.objects.get(kind=Kind.FINAL)) == before


def _find(ws: Any, *, code: str = "", name: str = "") -> int:
    for row in range(4, ws.max_row + 1):
        if code and str(ws.cell(row, 1).value or "") == code:
            return row
        if name and str(ws.cell(row, 2).value or "") == name:
            return row
    raise AssertionError(f"{code or name} not in {ws.title}")


def _column(ws: Any, label: str) -> int:
    return next(c.column for c in ws[3] if c.value == label)


def _refused(data: bytes, *, kind: str, year: int, by: Any) -> list[dict[str, Any]]:
    with pytest.raises(InvalidInputError) as caught:
        services.budget_import(
            data=data, file_name="x.xlsx", kind=kind, year=year, by=by
        )
    assert caught.value.code == "budget.check_failed"
    assert not BudgetSet.objects.filter(year=year, kind=kind).exists()
    return caught.value.detail


def _changed(data: bytes, change: Any) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _add(ws: Any, row: int, col: int, delta: float = 1) -> None:
    ws.cell(row, col).value = float(ws.cell(row, col).value or 0) + delta


B3, B6, B1 = "部门支出总表", "一般公共预算基本支出表", "部门收支总表"
B4, B7 = "财政拨款收支总表", "部门预算资金安排的“三公”经费情况表"


def _set_code(sheet: str, code: str, new: str) -> Any:
    def change(book: Any) -> None:
        ws = book[sheet]
        ws.cell(_find(ws, code=code), 1).value = new

    return change


def _bump(sheet: str, label: str, *, code: str = "", name: str = "") -> Any:
    def change(book: Any) -> None:
        ws = book[sheet]
        _add(ws, _find(ws, code=code, name=name), _column(ws, label))

    return change


def _bump_both(
    sheet: str, labels: tuple[str, str], *, code: str = "", name: str = ""
) -> Any:
    """Change an amount and the row's 合计 with it, so only the cross-row check fails."""

    def change(book: Any) -> None:
        ws = book[sheet]
        row = _find(ws, code=code, name=name)
        for label in labels:
            _add(ws, row, _column(ws, label))

    return change


# (what is changed, the check, the sheet, the row: a code or a fixed row's name)
BUDGET_CASES = [
    (_set_code(B3, "2013801", "201380"), "shape", B3, "201380"),
    (_set_code(B3, "2013801", "2013898"), "unknown_code", B3, "2013898"),
    (_bump_both(B3, ("合计", "基本支出"), code="2013801"), "parent_sum", B3, "20138"),
    (_bump_both(B3, ("合计", "基本支出"), code="201"), "total_sum", B3, ""),
    (_bump(B3, "项目支出", code="2013802"), "column_sum", B3, "2013802"),
    (_bump_both(B6, ("合计", "人员经费"), code="30101"), "parent_sum", B6, "301"),
    (_bump(B1, "预算数", name="一般公共预算拨款收入"), "row_sum", B1, "收入合计"),
    (_bump(B7, "公务接待费", name="本年预算"), "three_public", B7, "本年预算"),
    (_bump(B4, "预算数", name="支出合计"), "agreement", B4, "支出合计"),
    (_bump(B1, "预算数", name="其中：行政事业性收费收入"), None, None, None),
]


def _row_of(detail_sheet: str, data: bytes, key: str) -> int | None:
    ws = openpyxl.load_workbook(io.BytesIO(data))[detail_sheet]
    if not key:
        return _find(ws, name="合计")
    try:
        return _find(ws, code=key)
    except AssertionError:
        return _find(ws, name=key)


@pytest.mark.parametrize("change, check, sheet, key", BUDGET_CASES)
def test_one_changed_amount_is_refused_naming_sheet_row_and_check(
    change, check, sheet, key, staff
):
    data = _changed(demo_workbook(year=2025, kind=Kind.BUDGET), change)
    if check is None:  # a "其中" row raised within its total is still consistent
        services.budget_import(
            data=data, file_name="x.xlsx", kind="budget", year=2025, by=staff
        )
        return
    detail = _refused(data, kind="budget", year=2025, by=staff)
    found = {(d["sheet"], d["row"], d["check"]) for d in detail}
    assert (sheet, _row_of(sheet, data, key), check) in found, detail
    assert all(d["message"].startswith(d["sheet"]) for d in detail)


def test_wrong_year_on_a_sheet_is_refused(staff):
    def change(book: Any) -> None:
        book[B7]["B2"].value = 2024

    detail = _refused(_changed(demo_workbook(year=2025, kind="budget"), change),
                      kind="budget", year=2025, by=staff)  # fmt: skip
    assert [(d["sheet"], d["row"], d["check"]) for d in detail] == [(B7, 2, "year")]


def test_text_in_an_amount_cell_is_refused(staff):
    def change(book: Any) -> None:
        ws = book[B3]
        ws.cell(_find(ws, code="201"), 3).value = "一千"

    detail = _refused(_changed(demo_workbook(year=2025, kind="budget"), change),
                      kind="budget", year=2025, by=staff)  # fmt: skip
    assert detail[0]["check"] == "amount" and detail[0]["column"] == "合计"


def test_missing_sheet_duplicate_code_and_unknown_fixed_row_are_refused(staff):
    def change(book: Any) -> None:
        del book["政府性基金预算支出表"]
        ws = book[B3]
        ws.cell(_find(ws, code="2080505"), 1).value = "2080506"
        ws = book[B1]
        ws.cell(_find(ws, name="事业收入"), 2).value = "事业收入（其他）"

    detail = _refused(_changed(demo_workbook(year=2025, kind="budget"), change),
                      kind="budget", year=2025, by=staff)  # fmt: skip
    checks = {d["check"] for d in detail}
    assert checks == {"sheet"}  # reading problems first: the sheet is missing
    ws_fixed = _changed(demo_workbook(year=2025, kind="budget"), lambda b: None)
    services.budget_import(
        data=ws_fixed, file_name="ok.xlsx", kind="budget", year=2025, by=staff
    )


@pytest.mark.parametrize(
    "change, check",
    [
        (_set_code(B3, "2080505", "2080506"), "duplicate"),
        (
            lambda b: setattr(
                b[B1].cell(_find(b[B1], name="事业收入"), 2), "value", "其他事业"
            ),
            "missing_row",
        ),
    ],
)
def test_duplicates_and_unknown_fixed_rows(change, check, staff):
    detail = _refused(_changed(demo_workbook(year=2025, kind="budget"), change),
                      kind="budget", year=2025, by=staff)  # fmt: skip
    assert check in {d["check"] for d in detail}


def test_final_must_repeat_its_budget(staff):
    services.budget_import(data=demo_workbook(year=2024, kind="budget"), file_name="b.xlsx",
                           kind="budget", year=2024, by=staff)  # fmt: skip
    sheet = "一般公共预算财政拨款“三公”经费支出决算表"
    data = _changed(demo_workbook(year=2024, kind="final"),
                    _bump_both(sheet, ("合计", "因公出国（境）费"), name="预算数"))  # fmt: skip
    detail = _refused(data, kind="final", year=2024, by=staff)
    assert {(d["sheet"], d["row"], d["check"]) for d in detail} >= {
        (sheet, 4, "budget_match")
    }


def test_any_one_amount_changed_is_refused(staff):
    """Every table: its first and last amount cell, each changed alone."""
    base = demo_workbook(year=2025, kind="budget")
    book = openpyxl.load_workbook(io.BytesIO(base))
    cells = []
    for ws in book.worksheets:
        last_row = ws.max_row
        last_col = sum(1 for c in ws[3] if c.value)
        cells += [(ws.title, 4, 3), (ws.title, last_row, last_col)]
    for sheet, row, col in cells:
        data = _changed(base, lambda b, s=sheet, r=row, c=col: _add(b[s], r, c, 0.01))
        if sheet == B1 and openpyxl.load_workbook(io.BytesIO(data))[B1].cell(
            row, 2
        ).value.startswith("其中"):
            continue
        detail = _refused(data, kind="budget", year=2025, by=staff)
        assert detail and all(d["message"] for d in detail), (sheet, row, col)


def test_command_reports_the_refusal(tmp_path, admin_user):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_changed(demo_workbook(year=2025, kind="budget"),
                              _bump(B3, "项目支出", code="2013802")))  # fmt: skip
    with pytest.raises(CommandError, match="未导入"):
        call_command(
            "budgets", "import", str(path), "--kind", "budget", "--year", "2025"
        )


def test_codes_loaded_by_the_office_replace_the_shipped_table(
    tmp_path, admin_user, staff
):
    import json

    codes = tmp_path / "codes.json"
    codes.write_text(json.dumps({"function": {"201": "一般公共服务支出"},
                                 "economic": {"301": "工资福利支出"}}), encoding="utf-8")  # fmt: skip
    data = demo_workbook(year=2025, kind="budget")
    call_command("budgets", "codes", str(codes), "--since", "2025")
    with pytest.raises(InvalidInputError) as caught:
        services.budget_import(
            data=data, file_name="x.xlsx", kind="budget", year=2025, by=staff
        )
    assert {d["check"] for d in caught.value.detail} == {"unknown_code"}
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"function": {"20": "x"}, "economic": {}}), encoding="utf-8"
    )
    with pytest.raises(CommandError):
        call_command("budgets", "codes", str(bad), "--since", "2026")


def test_unreadable_file_is_a_clear_refusal(staff):
    detail = _refused(b"not a workbook", kind="budget", year=2025, by=staff)
    assert detail[0]["check"] == "sheet" and "无法读取" in detail[0]["message"]
