"""How a query is read (search.thesaurus, search.rules.query_key): no database."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.search.backend_sqlite import _fts_word
from gongkai.search.backends import _lexeme, query_tokens
from gongkai.search.rules import query_key, week_of
from gongkai.search.thesaurus import (
    BUILTIN,
    Group,
    SynonymSet,
    compact,
    parse,
    parts,
    split_unknown,
)


def groups_of(query, synonyms=BUILTIN):
    return [g.alternatives for g in parse(query, synonyms, query_tokens)]


def test_plain_words_are_groups_of_one_without_their_parts():
    assert groups_of("产品质量 抽查") == [(("产品质量",),), (("抽查",),)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("年报", [(("年报",), ("年度报告",))]),
        ("年度报告", [(("年度报告",), ("年报",))]),
        ("质监局", [(("质监局",), ("质量技术监督局",))]),
        (
            "市场监管总局",
            [(("市场监管", "总局"), ("国家", "市场", "监督管理", "总局"))],
        ),
        ("互联网+", [(("互联网",),)]),
        ("互联网＋", [(("互联网",),)]),
    ],
)
def test_thesaurus_phrases_become_or_groups(query, expected):
    assert groups_of(query) == expected


def test_a_directed_set_expands_one_way_and_the_longest_phrase_wins():
    assert groups_of("信息公开年报") == [
        (("信息", "公开", "年报"), ("政府信息公开工作年度报告",))
    ]
    # The long form is not expanded back to the abbreviation.
    assert groups_of("政府信息公开工作年度报告") == [(("政府信息公开工作年度报告",),)]


def test_phrases_match_across_punctuation_spaces_and_width():
    synonyms = [SynonymSet(("双随机一公开", "随机抽查"))]
    for query in (
        "双随机一公开",
        "双随机、一公开",
        "“双随机 、一公开”",
        "双随机，一公开",
    ):
        (group,) = parse(query, synonyms, query_tokens)
        assert group.alternatives[1] == ("随机", "抽查"), query


def test_a_phrase_inside_a_longer_query_word_is_not_expanded():
    assert groups_of("政府信息公开工作年度报告") == [(("政府信息公开工作年度报告",),)]
    assert groups_of("2023年度报告") == [(("2023",),), (("年度报告",), ("年报",))]


def test_groups_keep_the_order_typed():
    texts = [g.text for g in parse("电梯 年报 抽查", BUILTIN, query_tokens)]
    assert texts == ["电梯", "年报", "抽查"]


def test_unknown_compounds_fall_back_to_their_parts():
    groups = parse("双随机一公开 电梯", [], query_tokens)
    split, replaced = split_unknown(groups, lambda w: w == "电梯", query_tokens)
    assert [g.alternatives for g in split] == [(("双随机", "一公开"),), (("电梯",),)]
    assert replaced == ["双随机一公开"]
    # Known words stay whole; words without parts stay as they are.
    assert split_unknown(groups, lambda w: True, query_tokens)[0] == groups
    assert parts("电梯", query_tokens) == ()


def test_engine_expressions_of_plain_words_are_unchanged():
    plain = Group("电梯", (("电梯",),))
    assert plain.expression(_lexeme, " & ", " | ") == "'电梯'"
    assert plain.expression(_fts_word, " AND ", " OR ") == '"电梯"'
    either = Group("x", (("年报",), ("年度", "报告")))
    assert either.expression(_lexeme, " & ", " | ") == "(('年报') | ('年度' & '报告'))"
    assert (
        either.expression(_fts_word, " AND ", " OR ")
        == '(("年报") OR ("年度" AND "报告"))'
    )


def test_compact_ignores_width_case_space_and_punctuation():
    assert compact("“双随机、一公开”") == compact("双随机一公开")
    assert compact("ＧＢ／Ｔ　９７０４") == "gbt9704"


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("  双随机一公开  ", "双随机一公开"),
        ("ＧＢ  Ｔ９７０４", "gb t9704"),
        ("投诉 13812345678", "投诉 *"),
        ("11010519491231002X 查询", "* 查询"),
        ("a@b.cn 年报", "* 年报"),
        ("电梯\x00\x07", "电梯"),
        ("\x00", ""),
        ("电梯\n\t抽查", "电梯 抽查"),
    ],
)
def test_query_key_folds_and_masks_personal_data(query, key):
    assert query_key(query) == key


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (dt.date(2026, 12, 7), dt.date(2026, 12, 7)),  # a Monday
        (dt.date(2026, 12, 6), dt.date(2026, 11, 30)),  # Sunday
        (dt.date(2027, 1, 1), dt.date(2026, 12, 28)),  # across the year end
    ],
)
def test_week_of_is_the_monday(day, monday):
    assert week_of(day) == monday
