"""Import formats read without a database: the seed, variants, JSON Lines errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gongkai.documents.parsing import (
    RowError,
    parse_cn_date,
    parse_jsonl,
    parse_official_text,
)

SEED = Path(__file__).parents[1] / "data" / "work-plan-2017.txt"


def test_seed_reads_as_the_2017_work_plan():
    doc = parse_official_text(SEED.read_text(encoding="utf-8"))
    assert doc.title == "福建省质量技术监督局关于印发2017年政务公开工作实施方案的通知"
    assert doc.doc_number == "闽质监〔2017〕126号"
    assert doc.issuers == ["福建省质量技术监督局"]
    assert doc.written_on == dt.date(2017, 5, 27)
    assert doc.disclosure == "proactive"
    assert doc.published_on is None  # the header line is empty
    assert any("双随机、一公开" in p for p in doc.body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017年5月27日", dt.date(2017, 5, 27)),
        ("２０１７年５月２７日", dt.date(2017, 5, 27)),
        ("二〇一七年五月二十七日", dt.date(2017, 5, 27)),
        ("二〇二四年十二月十日", dt.date(2024, 12, 10)),
        ("二〇二四年二月三十日", None),
        ("2017-05-27", dt.date(2017, 5, 27)),
        ("2017-5-1", dt.date(2017, 5, 1)),
        ("2017.5.1", dt.date(2017, 5, 1)),
        ("2017/05/01", dt.date(2017, 5, 1)),
        ("2017/5/1", dt.date(2017, 5, 1)),
        ("20170501", dt.date(2017, 5, 1)),
        ("2017年5月1日", dt.date(2017, 5, 1)),
        ("2017 年 5 月 1 日", dt.date(2017, 5, 1)),
        ("２０１７．５．１", dt.date(2017, 5, 1)),
        ("2017.02.29", None),
        ("20170230", None),
        ("2017-5/1", None),
        ("2017年5月", None),
        ("2017", None),
        ("201705", None),
        ("", None),
        ("五月二十七日", None),
    ],
)
def test_dates_in_arabic_and_chinese_numerals(text, expected):
    assert parse_cn_date(text) == expected


JOINT = """文件名称：关于联合开展电动自行车质量专项整治的通知
文件编号：闽质监联〔2024〕3号
各设区市市场监督管理局：
现就联合开展电动自行车质量专项整治通知如下。
福建省质量技术监督局
福建省公安厅
二〇二四年三月五日
（此件依申请公开）
"""


def test_joint_document_has_every_issuer_and_its_marker():
    doc = parse_official_text(JOINT)
    assert doc.issuers == ["福建省质量技术监督局", "福建省公安厅"]
    assert doc.written_on == dt.date(2024, 3, 5)
    assert doc.disclosure == "on_request"


def test_an_official_text_without_body_is_refused():
    with pytest.raises(RowError) as err:
        parse_official_text("文件名称：无正文\n")
    assert (err.value.line, err.value.reason) == (1, "文件没有正文。")


@pytest.mark.parametrize(
    ("text", "warnings"),
    [
        (
            "文件编号：闽质监2017-126\n正文一段。\n福建省质量技术监督局\n2017年5月27日\n",
            [(1, "文号“闽质监2017-126”格式未能识别，已按原样保存。")],
        ),
        (
            "文件名称：甲\n第一段。\n第二段，没有落款。\n",
            [
                (1, "没有找到成文日期，按不详保存，请补全。"),
                (1, "没有找到发文机关，按不详保存，请补全。"),
            ],
        ),
        (
            "文件名称：甲\n实施时间：明年\n正文。\n某局\n2017年5月27日\n",
            [(2, "实施时间“明年”不是有效日期，按不详处理。")],
        ),
    ],
)
def test_incomplete_official_texts_are_kept_with_warnings(text, warnings):
    doc = parse_official_text(text)
    assert doc.warnings == warnings


def test_jsonl_keeps_good_rows_and_reports_bad_ones():
    good = {
        "title": "关于公布2024年第一批产品质量监督抽查结果的通告",
        "doc_number": "闽质监[2024]7号",
        "issuer": ["福建省质量技术监督局"],
        "date": "2024-03-01",
        "body": "第一段。\n第二段。",
    }
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{not json",
        json.dumps({**good, "title": ""}, ensure_ascii=False),
        "",
        json.dumps({**good, "date": "2024-02-30"}, ensure_ascii=False),
        json.dumps({**good, "doc_number": "七号", "issuer": " "}, ensure_ascii=False),
        json.dumps([1, 2]),
        json.dumps({**good, "disclosure": "secret"}, ensure_ascii=False),
    ]
    items = list(parse_jsonl("\n".join(lines)))
    assert items[0].doc_number == "闽质监[2024]7号"  # kept as written
    assert items[0].body == ["第一段。", "第二段。"] and items[0].warnings == []
    errors = [(e.line, e.reason[:6]) for e in items if isinstance(e, RowError)]
    assert [line for line, _r in errors] == [2, 3, 7, 8]
    kept = [i for i in items if not isinstance(i, RowError)]
    assert [(d.line, d.written_on, d.doc_number, d.issuers) for d in kept] == [
        (1, dt.date(2024, 3, 1), "闽质监[2024]7号", ["福建省质量技术监督局"]),
        (5, None, "闽质监[2024]7号", ["福建省质量技术监督局"]),
        (6, dt.date(2024, 3, 1), "七号", []),
    ]
    assert kept[1].warnings == [
        (5, "成文日期（date）“2024-02-30”无法识别，按不详保存，请补全。")
    ]
    assert kept[2].warnings == [
        (6, "文号“七号”格式未能识别，已按原样保存。"),
        (6, "缺少发文机关（issuer），按不详保存，请补全。"),
    ]


@pytest.mark.parametrize("empty", ["", "  ", None])
def test_empty_date_and_issuer_count_as_missing(empty):
    row = {"title": "历史文件", "issuer": empty, "date": empty, "body": "正文。"}
    (doc,) = parse_jsonl(json.dumps(row, ensure_ascii=False))
    assert not isinstance(doc, RowError)
    assert (doc.written_on, doc.issuers) == (None, [])
    assert [reason[:6] for _line, reason in doc.warnings] == [
        "缺少发文机关",
        "缺少成文日期",
    ]


def test_a_jsonl_line_nested_too_deep_is_a_row_error():
    (error,) = parse_jsonl("[" * 100_000)
    assert isinstance(error, RowError) and "嵌套层次过深" in error.reason
