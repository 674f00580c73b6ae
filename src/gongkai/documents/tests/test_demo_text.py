"""The demonstration catalogue reads like the real one (issue 19): the successor
bureau after the 2018 merger, 平潭综合实验区, no doubled words."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.documents import demo_text


@pytest.fixture(scope="module")
def generated():
    return demo_text.generate(count=400, first_year=2015, today=dt.date(2026, 12, 6))


def test_no_doubled_words_and_no_pingtan_city(generated):
    titles = [d.title for d in generated]
    assert not [t for t in titles if "产品产品" in t]
    assert not [t for t in titles if "平潭市" in t]
    assert any("平潭综合实验区" in t for t in titles)


def test_issuer_and_number_follow_the_merger(generated):
    for doc in generated:
        before = doc.written_on < demo_text.MERGED_ON
        assert doc.issuer == (demo_text.PREDECESSOR if before else demo_text.SUCCESSOR)
        assert doc.doc_number.startswith("闽质监" if before else "闽市监"), doc
        assert doc.body[-3] == doc.issuer  # the 落款


@pytest.mark.parametrize(
    ("product", "expected"),
    [("电线电缆", "电线电缆产品质量"), ("食品相关产品", "食品相关产品质量")],
)
def test_quality_of(product, expected):
    assert demo_text.quality_of(product) == expected
