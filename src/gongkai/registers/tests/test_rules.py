"""Field types and register definitions (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.registers.rules import (
    FieldDef,
    check_record,
    check_value,
    field_problems,
    split_options,
)

ENUM = FieldDef("result", "抽查结果", "enum", options=("合格", "不合格"))


@pytest.mark.parametrize(
    ("field", "cell", "stored"),
    [
        (FieldDef("a", "A", "text"), "  产品 ", "产品"),
        (FieldDef("a", "A", "date"), "2026年9月8日", "2026-09-08"),
        (FieldDef("a", "A", "date"), dt.datetime(2026, 9, 8), "2026-09-08"),
        (FieldDef("a", "A", "uscc"), "91350100m000100y43", "91350100M000100Y43"),
        (FieldDef("a", "A", "money"), "1,200.50元", "1200.5"),
        (FieldDef("a", "A", "money"), 30.0, "30"),
        (ENUM, "不合格", "不合格"),
        (
            FieldDef("a", "A", "link"),
            "https://www.samr.gov.cn/a",
            "https://www.samr.gov.cn/a",
        ),
    ],
)
def test_values_are_stored_canonical(field, cell, stored):
    assert check_value(field, cell) == stored


@pytest.mark.parametrize(
    ("field", "cell", "message"),
    [
        (FieldDef("a", "A", "date"), "2026-02-30", "日期"),
        (FieldDef("a", "A", "uscc"), "91350100M000100Y44", "校验位错误"),
        (FieldDef("a", "A", "money"), "1.234", "2位小数"),
        (ENUM, "基本合格", "不是可选值"),
        (FieldDef("a", "A", "link"), "javascript:alert(1)", "http"),
        (FieldDef("a", "A", "file"), "a.pdf", "工作台上传"),
        (FieldDef("a", "A", "text"), "x" * 501, "500"),
    ],
)
def test_bad_values_say_why(field, cell, message):
    with pytest.raises(ValueError, match=message):
        check_value(field, cell)


def test_record_reports_required_and_personal_data():
    fields = [
        FieldDef("product", "产品", "text", required=True),
        FieldDef("note", "备注", "longtext"),
        FieldDef("contact", "联系电话", "text", public=False),
    ]
    values, errors = check_record(
        fields,
        {"product": "", "note": "联系人电话13812345678", "contact": "13812345678"},
    )
    assert errors == [
        ("product", "必填项为空"),
        ("note", "含有个人信息（手机号码），公开前必须删除"),
    ]
    assert values["contact"] == "13812345678"  # not public: kept, never shown


def test_definition_problems():
    good = [FieldDef("product", "产品", "text"), ENUM]
    assert field_problems(good) == []
    bad = [
        FieldDef("Product", "产品", "text"),
        FieldDef("x", "", "colour"),
        FieldDef("x", "结果", "enum"),
    ]
    problems = field_problems(bad)
    assert any("小写字母" in p for p in problems)
    assert any("类型“colour”无效" in p for p in problems)
    assert any("需要列出可选值" in p for p in problems)
    assert "字段代码不能重复。" in problems
    assert field_problems([]) == ["名录至少需要一个字段。"]


def test_options_split_on_chinese_and_ascii_separators():
    assert split_options("合格、不合格,基本合格；合格\n待定") == (
        "合格",
        "不合格",
        "基本合格",
        "待定",
    )
