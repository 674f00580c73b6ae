"""文号 quoted in running text (search.rules.doc_number_mentions)."""

from __future__ import annotations

import pytest

from gongkai.search.rules import MAX_MENTIONS, doc_number_mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("引用闽质监〔2017〕126号。", ["质监〔2017〕126号", "闽质监〔2017〕126号",
                                "用闽质监〔2017〕126号", "引用闽质监〔2017〕126号"]),
        # Lenient forms (RULES.md §9) are stored canonical: brackets, 第, leading zeros.
        ("闽质监[2018]第07号", ["质监〔2018〕7号", "闽质监〔2018〕7号"]),
        ("（闽质监（2019）3号）", ["质监〔2019〕3号", "闽质监〔2019〕3号"]),
        ("闽质监〔２０２０〕１５号", ["质监〔2020〕15号", "闽质监〔2020〕15号"]),
        # Not a 文号: no year, sequence 0, a three-digit year, no 号.
        ("闽质监〔〕12号", []),
        ("闽质监〔2017〕0号", []),
        ("闽质监〔201〕12号", []),
        ("闽质监〔2017〕12", []),
        ("", []),
        # The same number twice is kept once.
        ("闽质监〔2017〕1号和闽质监〔2017〕1号", ["质监〔2017〕1号", "闽质监〔2017〕1号", "和闽质监〔2017〕1号"]),
    ],
)  # fmt: skip
def test_mentions(text, expected):
    assert doc_number_mentions(text) == expected


def test_agency_candidates_are_at_most_ten_characters():
    found = doc_number_mentions("一二三四五六七八九十甲乙〔2017〕1号")
    assert found[-1] == "三四五六七八九十甲乙〔2017〕1号" and len(found) == 9


def test_a_text_quoting_many_numbers_is_bounded():
    text = "；".join(f"闽质监〔2017〕{n}号" for n in range(1, 200))
    assert len(doc_number_mentions(text)) == 2 * MAX_MENTIONS
