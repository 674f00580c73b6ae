"""One record checked field by field, as cells from any source (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.penalties.fields import EXCHANGE_FIELDS, FIELDS, field_for_header
from gongkai.penalties.tests.factories import person_record, record
from gongkai.penalties.validation import parse_date, parse_types, validate_record

TODAY = dt.date(2026, 11, 2)


def check(raw):
    return validate_record(raw, today=TODAY, small_fine=lambda _day: Decimal("1"))


def codes(result):
    return [code for code, _ in result.errors]


def test_valid_record_is_stored_canonical_with_derived_dates():
    r = check(
        record(CF_WSH="闽质监罚字[2026]第012号", CF_XDR_SHXYM=" 91350100m000100y43 ")
    )
    assert r.ok, r.errors
    v = r.values
    assert v["decision_number"] == "闽质监罚字〔2026〕12号"
    assert v["uscc"] == "91350100M000100Y43"
    assert v["penalty_types"] == ["fine", "confiscate_income"]
    assert v["fine_amount"] == Decimal("2")
    assert v["publicity_until"] == dt.date(2029, 9, 18)
    assert v["valid_until"] == dt.date(2029, 9, 18)


@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [
        ({"CF_XDR_MC": ""}, "CF_XDR_MC", "必填项为空"),
        ({"CF_XDR_LB": "企业"}, "CF_XDR_LB", "不是有效取值"),
        ({"CF_XDR_SHXYM": "91350100M000100Y44"}, "CF_XDR_SHXYM", "校验位错误"),
        ({"CF_XDR_SHXYM": "92350100MA0000000H"}, "CF_XDR_SHXYM", "个体工商户"),
        ({"CF_WSH": "罚字第12号"}, "CF_WSH", "文号格式不正确"),
        ({"CF_CFLB": "罚款；训诫"}, "CF_CFLB", "第九条"),
        ({"CF_NR_FK": "两万"}, "CF_NR_FK", "不是数字"),
        ({"CF_NR_FK": "-1"}, "CF_NR_FK", "超出范围"),
        ({"CF_NR_FK": "1.1234567"}, "CF_NR_FK", "6位小数"),
        ({"CF_NR_FK": None}, "CF_NR_FK", "必须填写罚款金额"),
        ({"CF_NR_WFFF": None}, "CF_NR_WFFF", "没收金额"),
        ({"CF_CFLB": "吊销许可证件"}, "CF_NR_ZKDX", "证照名称"),
        ({"CF_JDRQ": "2026-02-30"}, "CF_JDRQ", "无效"),
        ({"CF_JDRQ": "2026-11-03"}, "CF_JDRQ", "不能晚于今天"),
        ({"CF_GSJZQ": "2026-12-18"}, "CF_GSJZQ", "早于规定期限"),
        ({"CF_YXQ": "2026-01-01"}, "CF_YXQ", "不能早于"),
        ({"CF_CFJGDM": "123"}, "CF_CFJGDM", "18位"),
        ({"CF_XDR_MC": "x" * 201}, "CF_XDR_MC", "200"),
        ({"CF_SY": "联系电话13812345678"}, "CF_SY", "手机号码"),
        ({"JDS_QW": "身份证号11010519491231002X"}, "JDS_QW", "身份证号码"),
    ],
)
def test_each_bad_cell_is_reported_with_its_column(overrides, code, message):
    r = check(record(**overrides))
    assert code in codes(r), r.errors
    assert any(message in m for c, m in r.errors if c == code), r.errors


def test_natural_person_id_number_is_checked_and_kept_for_the_exchange_only():
    r = check(person_record())
    assert r.ok, r.errors
    assert r.values["party_id_number"] == "11010519491231002X"
    bad = check(person_record(CF_XDR_ZJHM="110105194912310021"))
    assert codes(bad) == ["CF_XDR_ZJHM"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-09-18", dt.date(2026, 9, 18)),
        ("2026/9/8", dt.date(2026, 9, 8)),
        ("2026年9月18日", dt.date(2026, 9, 18)),
        ("20260918", dt.date(2026, 9, 18)),
        (dt.datetime(2026, 9, 18, 0, 0), dt.date(2026, 9, 18)),
    ],
)
def test_dates_in_the_forms_staff_type(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("警告、罚款", ["warning", "fine"]),
        (
            "罚款;没收违法所得、没收非法财物",
            ["fine", "confiscate_income", "confiscate_property"],
        ),
        ("吊销营业执照", ["revoke_licence"]),
        ("fine", ["fine"]),
    ],
)
def test_penalty_types_accept_labels_codes_and_separators(cell, expected):
    assert parse_types(cell) == expected


def test_headers_may_be_codes_labels_or_aliases():
    for spec in FIELDS:
        assert field_for_header(spec.code) is spec
        assert field_for_header(spec.label) is spec
    assert field_for_header("统一社会信用代码").code == "CF_XDR_SHXYM"
    assert field_for_header("罚款金额(万元)").code == "CF_NR_FK"
    assert field_for_header("cf_wsh").code == "CF_WSH"
    assert field_for_header("无关列") is None


def test_exchange_format_has_the_thirty_items_of_rules_3_2():
    assert len(EXCHANGE_FIELDS) == 30
    assert EXCHANGE_FIELDS[0].code == "CF_XDR_MC"
    assert EXCHANGE_FIELDS[-1].code == "BZ"
    required = {f.code for f in EXCHANGE_FIELDS if f.required}
    assert required == {
        "CF_XDR_MC", "CF_XDR_LB", "CF_WSH", "CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB",
        "CF_NR", "CF_JDRQ", "CF_CFJG", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM",
    }  # fmt: skip
