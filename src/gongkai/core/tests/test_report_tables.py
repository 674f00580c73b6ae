"""Annual report tables (国办公开办函〔2021〕30号): labels, JSON form, consistency rules."""

import copy

import pytest

from gongkai.core import report_tables as rt


def _report():
    t3 = rt.empty_t3()
    t3["new"] = [5, 1, 0, 0, 2, 0, 0]
    t3["carried_in"] = [1, 0, 0, 0, 0, 0, 0]
    t3["disclosed"] = [3, 1, 0, 0, 1, 0, 0]
    t3["withheld.state_secret"] = [1, 0, 0, 0, 0, 0, 0]
    t3["other.fee_unpaid"] = [0, 0, 0, 0, 1, 0, 0]
    t3["carried_out"] = [2, 0, 0, 0, 0, 0, 0]
    t3 = rt.complete_t3(t3)
    t4 = {
        g: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
        for g, _l in rt.T4_GROUPS
    }
    t4["review"] = {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    t2 = {
        caption: {row: dict.fromkeys(columns, 0) for row in rows}
        for caption, columns, rows in rt.T2_TABLES
    }
    t2["第二十条第（一）项"]["规章"] = {
        "本年制发件数": 2,
        "本年废止件数": 1,
        "现行有效件数": 10,
    }
    return {"year": 2026, "t2": t2, "t3": t3, "t4": t4, "prose": {}}


def test_table_three_has_the_twenty_two_result_rows_in_official_order():
    rows = [rt.ROW_LABELS[k] for k in rt.RESULT_ROW_KEYS]
    assert len(rows) == 22
    assert rows[0] == "（一）予以公开"
    assert rows[-1] == "（七）总计"
    assert rt.row_path("withheld.state_secret") == "不予公开/属于国家秘密"
    assert rt.row_path("partly") == "部分公开"
    assert [label for _k, label in rt.COLUMNS] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
    ]  # fmt: skip


def test_a_consistent_report_passes_and_survives_its_json_form():
    report = _report()
    assert rt.check_report(report) == []
    back = rt.report_from_json(rt.report_to_json(report))
    assert back["t3"] == report["t3"]
    assert back["t4"] == report["t4"]
    doc = rt.report_to_json(report)
    t3 = doc["三、收到和处理政府信息公开申请情况"]
    cell = t3["三、本年度办理结果"]["（三）不予公开"]["1.属于国家秘密"]
    assert cell["自然人"] == 1
    assert t3["一、本年新收政府信息公开申请数量"]["法人或其他组织"]["法律服务机构"] == 2


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("carried_out", 0, "一 + 二"),  # 一 + 二 ≠ （七） + 四
        ("disclosed", 6, "总计"),  # 总计 column ≠ sum of the columns
        ("total", 1, "（七）总计"),  # （七） ≠ sum of the leaves
    ],
)
def test_each_broken_rule_is_named(row, column, message):
    report = _report()
    report["t3"][row][column] += 1
    problems = rt.check_report(report)
    assert problems
    assert any(message in p.text for p in problems)


def test_negative_and_non_integer_cells_are_refused():
    report = _report()
    report["t3"]["new"][0] = -1
    assert "非负整数" in rt.check_t3(report["t3"])[0].text
    report = _report()
    report["t4"]["review"]["total"] = 3
    assert rt.check_t4(report["t4"])[0].text.startswith("行政复议")


def test_cross_year_carried_out_must_equal_next_year_carried_in():
    last, this = _report(), _report()
    assert rt.check_cross_year(last, this) == [
        rt.Problem("T3", "自然人：上年“结转下年度继续办理” 2 ≠ 本年“上年结转” 1"),
        rt.Problem("T3", "总计：上年“结转下年度继续办理” 2 ≠ 本年“上年结转” 1"),
        rt.Problem("T2", "规章：现行有效件数 10 ≠ 上年 10 + 制发 − 废止 = 11"),
    ]
    this["t3"]["carried_in"] = copy.copy(last["t3"]["carried_out"])
    this["t2"]["第二十条第（一）项"]["规章"]["现行有效件数"] = 11
    assert rt.check_cross_year(last, this) == []


def test_other_handling_printed_as_one_row_is_read_as_other():
    doc = rt.report_to_json(_report())
    results = doc["三、收到和处理政府信息公开申请情况"]["三、本年度办理结果"]
    results["（六）其他处理"] = {
        "自然人": 0,
        "法人或其他组织": {"商业企业": 0, "科研机构": 0, "社会公益组织": 0,
                          "法律服务机构": 1, "其他": 0},
        "总计": 1,
    }  # fmt: skip
    back = rt.report_from_json(doc)
    assert back["t3"]["other.other"][4] == 1
    assert back["t3"]["other.fee_unpaid"] == [0] * 7


def test_missing_sections_raise_a_readable_error():
    with pytest.raises(ValueError, match="缺少"):
        rt.report_from_json({"年度": 2026})
