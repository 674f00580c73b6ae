"""The pure rules: code shapes, parents, table sets as data, choosing a set."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gongkai.budgets.rules import (
    ECONOMIC,
    FUNCTION,
    Line,
    check_set,
    check_years,
    code_shape_ok,
    parent_code,
    parse_amount,
    tableset_choose,
)
from gongkai.budgets.selectors import DATA, tablesets
from gongkai.budgets.tableset_rules import tableset_from_dict


@pytest.mark.parametrize(
    "rows, code, ok",
    [
        (FUNCTION, "201", True),
        (FUNCTION, "20138", True),
        (FUNCTION, "2013801", True),
        (FUNCTION, "2013", False),
        (FUNCTION, "201380101", False),
        (FUNCTION, "20l38", False),
        (ECONOMIC, "301", True),
        (ECONOMIC, "30101", True),
        (ECONOMIC, "3010101", False),
        (ECONOMIC, "", False),
    ],
)
def test_code_shapes(rows, code, ok):
    assert code_shape_ok(rows, code) is ok


@pytest.mark.parametrize(
    "rows, code, parent",
    [
        (FUNCTION, "2013801", "20138"),
        (FUNCTION, "20138", "201"),
        (FUNCTION, "201", None),
        (ECONOMIC, "30205", "302"),
        (ECONOMIC, "302", None),
    ],
)
def test_parent_codes(rows, code, parent):
    assert parent_code(rows, code) == parent


@pytest.mark.parametrize(
    "value, amount",
    [
        (None, Decimal("0")),
        ("", Decimal("0")),
        ("1,234.5", Decimal("1234.50")),
        (12, Decimal("12.00")),
        (0.1 + 0.2, Decimal("0.30")),
        ("—", Decimal("0")),
        ("abc", None),
        ("NaN", None),
        (True, None),
    ],
)
def test_parse_amount(value, amount):
    assert parse_amount(value) == amount


def test_shipped_sets_have_the_national_table_counts():
    by_key = {t.key: t for t in tablesets()}
    assert len(by_key["national-budget"].tables) == 8
    assert len(by_key["national-final"].tables) == 9
    assert len(by_key["sichuan-final"].tables) == 13  # only configuration


@pytest.mark.parametrize(
    "kind, year, province, key",
    [
        ("final", 2024, "", "national-final"),
        ("final", 2024, "四川", "sichuan-final"),
        ("final", 2020, "四川", "national-final"),  # before Sichuan's set starts
        ("final", 2024, "福建", "national-final"),
        ("budget", 2024, "四川", "national-budget"),
        ("budget", 2010, "", None),
    ],
)
def test_tableset_choose(kind, year, province, key):
    chosen = tableset_choose(tablesets(), kind=kind, year=year, province=province)
    assert (chosen.key if chosen else None) == key


def test_a_set_in_a_configured_folder_replaces_the_shipped_one(settings, tmp_path):
    own = json.loads((DATA / "tablesets" / "national-final.json").read_text("utf-8"))
    own["title"] = "本省决算表"
    (tmp_path / "final.json").write_text(json.dumps(own), encoding="utf-8")
    settings.GONGKAI_BUDGET_TABLESET_DIRS = [str(tmp_path)]
    by_key = {t.key: t for t in tablesets()}
    assert by_key["national-final"].title == "本省决算表"


TINY = {
    "key": "tiny", "kind": "budget", "since": 2020, "title": "t", "unit": "万元",
    "tables": [
        {"key": "a", "title": "支出表", "rows": "function",
         "columns": [{"key": "total", "label": "合计"}, {"key": "basic", "label": "基本支出"},
                     {"key": "project", "label": "项目支出"}],
         "column_sums": [{"total": "total", "parts": ["basic", "project"]}]},
        {"key": "s", "title": "总表", "rows": "fixed",
         "columns": [{"key": "amount", "label": "金额"}],
         "fixed_rows": [{"key": "x", "name": "甲"}, {"key": "y", "name": "乙"},
                        {"key": "t", "name": "合计", "sum_of": ["x", "y"]}]},
    ],
    "agreements": [{"left": "s.t.amount", "right": "a.total.total", "label": "总表与支出表"}],
}  # fmt: skip
CODES = {
    "function": {
        "201": "一般公共服务支出",
        "20138": "市场监督管理事务",
        "2013801": "行政运行",
    }
}


def _amounts(total, basic, project):
    return {
        "total": Decimal(total),
        "basic": Decimal(basic),
        "project": Decimal(project),
    }


def _good():
    return [
        Line("a", 4, "", "合计", _amounts(10, 6, 4)),
        Line("a", 5, "201", "一般公共服务支出", _amounts(10, 6, 4)),
        Line("a", 6, "20138", "市场监督管理事务", _amounts(10, 6, 4)),
        Line("a", 7, "2013801", "行政运行", _amounts(10, 6, 4)),
        Line("s", 4, "", "甲", {"amount": Decimal(7)}),
        Line("s", 5, "", "乙", {"amount": Decimal(3)}),
        Line("s", 6, "", "合 计", {"amount": Decimal(10)}),
    ]


def test_a_consistent_set_passes():
    assert check_set(tableset_from_dict(TINY), _good(), codes=CODES) == []


@pytest.mark.parametrize(
    "index, line, check, row, column",
    [
        (3, Line("a", 7, "201380", "x", _amounts(10, 6, 4)), "shape", 7, "科目编码"),
        (
            3,
            Line("a", 7, "2013899", "x", _amounts(10, 6, 4)),
            "unknown_code",
            7,
            "科目编码",
        ),
        (
            3,
            Line("a", 7, "2013801", "行政运行", _amounts(9, 5, 4)),
            "parent_sum",
            6,
            "合计",
        ),
        (0, Line("a", 4, "", "合计", _amounts(11, 7, 4)), "total_sum", 4, "合计"),
        (2, Line("a", 6, "20138", "x", _amounts(10, 6, 3)), "column_sum", 6, "合计"),
        (6, Line("s", 6, "", "合计", {"amount": Decimal(11)}), "row_sum", 6, "金额"),
        (4, Line("s", 4, "", "丙", {"amount": Decimal(7)}), "missing_row", 4, "项目"),
    ],
)
def test_each_check_names_row_column_and_check(index, line, check, row, column):
    lines = _good()
    lines[index] = line
    problems = check_set(tableset_from_dict(TINY), lines, codes=CODES)
    assert problems, check
    first = problems[0]
    assert (first.check, first.row, first.column) == (check, row, column)
    assert first.sheet in ("支出表", "总表")


def test_agreement_between_tables():
    lines = _good()
    lines[4] = Line("s", 4, "", "甲", {"amount": Decimal(8)})
    lines[6] = Line("s", 6, "", "合计", {"amount": Decimal(11)})
    problems = check_set(tableset_from_dict(TINY), lines, codes=CODES)
    assert [(p.check, p.sheet, p.row) for p in problems] == [("agreement", "总表", 6)]


def test_years_stated_on_each_sheet():
    assert check_years({"a": 2025, "b": "2025年"}, year=2025) == []
    problems = check_years({"a": 2025, "b": 2024}, year=2025)
    assert [(p.sheet, p.row, p.check) for p in problems] == [("b", 2, "year")]


def test_shipped_codes_have_the_market_regulation_levels():
    import json

    codes = json.loads((DATA / "codes" / "2019.json").read_text(encoding="utf-8"))
    for code in ("201", "20138", "2013801", "208", "20805", "221", "22102", "2210201"):
        assert code in codes["function"]
    for code in ("301", "302", "303", "310", "30101", "30205", "31002"):
        assert code in codes["economic"]
    assert all(len(c) in (3, 5, 7) for c in codes["function"])
    assert all(len(c) in (3, 5) for c in codes["economic"])


def test_a_name_differing_from_the_code_table_is_flagged_not_refused():
    from gongkai.budgets.rules import name_differences

    lines = _good()
    lines[3] = Line("a", 7, "2013801", "行政 运行（机关）", _amounts(10, 6, 4))
    tableset = tableset_from_dict(TINY)
    assert check_set(tableset, lines, codes=CODES) == []
    (flag,) = name_differences(tableset, lines, codes=CODES)
    assert (flag.sheet, flag.row, flag.check) == ("支出表", 7, "name")
    assert "行政运行" in flag.message
    assert name_differences(tableset, _good(), codes=CODES) == []
