"""The 文号 a text quotes, as search codes (search.rules.doc_number_mentions):
every shape of RULES.md §9 that names its issuer, keyed as core.doc_numbers keys it."""

from __future__ import annotations

import pytest

from gongkai.core.doc_numbers import doc_number_key
from gongkai.search.rules import doc_number_mentions


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("依据《条例》（中华人民共和国国务院令第711号）制定。", "中华人民共和国国务院令第711号"),
        ("按国家市场监督管理总局令第 49 号执行", "国家市场监督管理总局令第49号"),
        ("根据《行政处罚法》（中华人民共和国主席令第七十号）", "中华人民共和国主席令第七十号"),
        ("执行财政部 税务总局公告2023年第29号的规定", "财政部 税务总局公告2023年第29号"),
        ("执行财政部、税务总局公告2023年第29号的规定", "财政部 税务总局公告2023年第29号"),
        ("见市场监管总局公告２０２１年第４１号。", "市场监管总局公告2021年第41号"),
        ("浙江省人民代表大会常务委员会公告第39号公布", "浙江省人民代表大会常务委员会公告第39号"),
        ("引用闽质监(2017)126号文件", "闽质监〔2017〕126号"),
    ],
)  # fmt: skip
def test_a_quoted_number_yields_the_key_of_the_number(text, number):
    assert doc_number_key(number) in doc_number_mentions(text)


def test_no_number_no_mentions_and_long_texts_stay_bounded():
    assert doc_number_mentions("根据有关规定，下达命令，发布公告。") == []
    many = "".join(f"根据国务院令第{n}号，" for n in range(1, 500))
    found = doc_number_mentions(many)
    assert "国务院令第50号" in found and "国务院令第51号" not in found
