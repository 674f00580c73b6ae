"""Tests for 文号 and 索引号 in gongkai.core.ids (RULES.md §9)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.ids import (
    DEFAULT_INDEX_PATTERN,
    DocNumber,
    IdentifierError,
    format_doc_number,
    format_index_number,
    parse_doc_number,
    validate_index_pattern,
)

# ---------------------------------------------------------------- 文号

CANONICAL = DocNumber("闽质监", 2017, 126)


@pytest.mark.parametrize(
    "raw",
    [
        "闽质监〔2017〕126号",
        "闽质监[2017]126号",
        "闽质监［2017］126号",
        "闽质监(2017)126号",
        "闽质监（2017）126号",
        "闽质监【2017】126号",
        "闽质监﹝2017﹞126号",
        "闽质监〔２０１７〕１２６号",
        "闽质监〔2017〕第126号",
        "闽质监〔2017〕0126号",
        "  闽质监〔2017〕126号\n",
        "闽质监 〔2017〕 126 号",
    ],
)
def test_lenient_doc_number_variants_parse_to_canonical(raw: str) -> None:
    assert parse_doc_number(raw) == CANONICAL
    assert str(parse_doc_number(raw)) == "闽质监〔2017〕126号"


def test_leading_zero_sequence_is_dropped() -> None:
    assert str(parse_doc_number("国办发〔2021〕08号")) == "国办发〔2021〕8号"


@pytest.mark.parametrize(
    "raw",
    [
        "闽质监[2017]126号",
        "闽质监〔2017〕第126号",
        "闽质监〔2017〕08号",
        "闽质监〔２０１７〕126号",
        " 闽质监〔2017〕126号",
        "闽质监〔17〕126号",
    ],
)
def test_strict_doc_number_rejects_variants(raw: str) -> None:
    with pytest.raises(IdentifierError) as info:
        parse_doc_number(raw, lenient=False)
    assert info.value.code == "doc_number.format"


def test_strict_doc_number_accepts_canonical() -> None:
    assert parse_doc_number("国办秘函〔2019〕19号", lenient=False) == DocNumber(
        "国办秘函", 2019, 19
    )


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "闽质监126号",
        "〔2017〕126号",
        "闽质监〔2017〕0号",
        "闽质监〔2017〕号",
        "闽质监〔2017〕126",
        "闽质监〔201〕126号",
        "闽质监〔2017〕12a号",
        "闽质监〔2017〕126号附件",
    ],
)
def test_malformed_doc_numbers_are_rejected(raw: str) -> None:
    with pytest.raises(IdentifierError, match="文号格式不正确") as info:
        parse_doc_number(raw)
    assert info.value.code == "doc_number.format"


def test_format_doc_number() -> None:
    assert format_doc_number("国办公开办函", 2021, 30) == "国办公开办函〔2021〕30号"
    with pytest.raises(IdentifierError):
        format_doc_number("国办发", 2021, 0)
    with pytest.raises(IdentifierError):
        format_doc_number("", 2021, 1)


@given(
    agency=st.text(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1
    ),
    year=st.integers(1949, 2100),
    seq=st.integers(1, 99999),
)
def test_doc_number_round_trip(agency: str, year: int, seq: int) -> None:
    text = format_doc_number(agency, year, seq)
    assert parse_doc_number(text, lenient=False) == DocNumber(agency, year, seq)
    assert parse_doc_number(text) == DocNumber(agency, year, seq)


# ---------------------------------------------------------------- 索引号


@pytest.mark.parametrize(
    ("pattern", "org_code", "year", "seq", "expected"),
    [
        (DEFAULT_INDEX_PATTERN, "000014349", 2018, 222, "000014349/2018-00222"),
        (DEFAULT_INDEX_PATTERN, "014341690", 2025, 2, "014341690/2025-00002"),
        (
            DEFAULT_INDEX_PATTERN,
            "113208007833785008",
            2025,
            1,
            "113208007833785008/2025-00001",
        ),
        (
            "{org_code}/{year}-{seq:06d}",
            "11330700099033995K",
            2024,
            121134,
            "11330700099033995K/2024-121134",
        ),
        ("PT03101-2500-{year}-{seq:05d}", "x", 2018, 34, "PT03101-2500-2018-00034"),
    ],
)
def test_format_index_number(
    pattern: str, org_code: str, year: int, seq: int, expected: str
) -> None:
    assert (
        format_index_number(pattern, org_code=org_code, year=year, seq=seq) == expected
    )


@pytest.mark.parametrize(
    "pattern",
    [
        "{org_code}/{year}-{serial}",
        "{0}/{seq}",
        "{}/{seq}",
        "{org_code.__class__}/{seq}",
        "{org_code[0]}/{seq}",
        "{org_code!r}/{seq}",
        "{seq:{year}}",
        "{org_code}/{year}",
        "{seq:999999999d}",
        "{org_code:05d}-{seq}",
        "{seq",
        "seq}",
    ],
)
def test_bad_index_patterns_raise_value_error(pattern: str) -> None:
    with pytest.raises(ValueError):
        validate_index_pattern(pattern)
    with pytest.raises(ValueError):
        format_index_number(pattern, org_code="000014349", year=2024, seq=1)


def test_default_index_pattern_is_valid() -> None:
    validate_index_pattern(DEFAULT_INDEX_PATTERN)
    validate_index_pattern("{{literal}}-{seq:05d}")


def test_index_number_rejects_bad_values() -> None:
    with pytest.raises(ValueError):
        format_index_number(
            DEFAULT_INDEX_PATTERN, org_code="000014349", year=2024, seq=0
        )
    with pytest.raises(ValueError):
        format_index_number(DEFAULT_INDEX_PATTERN, org_code="", year=2024, seq=1)


def _doc_number_reference(value: str) -> str | None:
    """The lenient parse without the canonical fast path (the slow path alone)."""
    import unicodedata

    from gongkai.core import ids

    match = ids._DOC_LENIENT_RE.fullmatch(unicodedata.normalize("NFKC", value).strip())
    if match is None or int(match["seq"]) == 0:
        return None
    try:
        return str(
            DocNumber(match["agency"].strip(), int(match["year"]), int(match["seq"]))
        )
    except IdentifierError:
        return None


@given(
    agency=st.text("闽质监罚字国办发ＡＢ() 【】\u3000", min_size=0, max_size=6),
    year=st.text("0123456789２", min_size=3, max_size=5),
    seq=st.text("01239９", min_size=1, max_size=4),
)
def test_doc_number_fast_path_agrees_with_lenient_parse(
    agency: str, year: str, seq: str
) -> None:
    value = f"{agency}〔{year}〕{seq}号"
    expected = _doc_number_reference(value)
    try:
        got: str | None = str(parse_doc_number(value))
    except IdentifierError:
        got = None
    assert got == expected


# ---------------------------------------------------------------- 文号 as carried
# (core.doc_numbers, RULES.md §9): every shape kept as written, with a match key.

from gongkai.core.doc_numbers import (  # noqa: E402
    Shape,
    cn_numeral_value,
    doc_number_info,
    doc_number_key,
)


@pytest.mark.parametrize(
    ("written", "shape", "key"),
    [
        ("闽质监〔2017〕126号", Shape.BRACKET, "闽质监〔2017〕126号"),
        ("沪发改价管(2012)020号", Shape.BRACKET, "沪发改价管〔2012〕20号"),
        ("沪发改价管（2012）20号", Shape.BRACKET, "沪发改价管〔2012〕20号"),
        ("沪发改价管[2012]第20号", Shape.BRACKET, "沪发改价管〔2012〕20号"),
        ("沪发改价管【2012】20号", Shape.BRACKET, "沪发改价管〔2012〕20号"),
        ("沪发改价管﹝2012﹞20号", Shape.BRACKET, "沪发改价管〔2012〕20号"),
        ("国办发〔２０１６〕８０号", Shape.BRACKET, "国办发〔2016〕80号"),
        ("中华人民共和国国务院令第11号", Shape.ORDER, "中华人民共和国国务院令第11号"),
        (
            "中华人民共和国国务院令 第711号",
            Shape.ORDER,
            "中华人民共和国国务院令第711号",
        ),
        ("国家市场监督管理总局令第49号", Shape.ORDER, "国家市场监督管理总局令第49号"),
        ("福建省人民政府令第214号", Shape.ORDER, "福建省人民政府令第214号"),
        ("中华人民共和国主席令第七十号", Shape.ORDER, "中华人民共和国主席令第70号"),
        ("国务院令第十一号", Shape.ORDER, "国务院令第11号"),
        (
            "市场监管总局公告2021年第41号",
            Shape.ANNOUNCEMENT,
            "市场监管总局公告2021年第41号",
        ),
        (
            "财政部 税务总局公告2023年第29号",
            Shape.ANNOUNCEMENT,
            "财政部税务总局公告2023年第29号",
        ),
        (
            "财政部、税务总局公告2023年第029号",
            Shape.ANNOUNCEMENT,
            "财政部税务总局公告2023年第29号",
        ),
        (
            "财政部　税务总局公告２０２３年第２９号",
            Shape.ANNOUNCEMENT,
            "财政部税务总局公告2023年第29号",
        ),
        (
            "国家认监委公告2019年第10号",
            Shape.ANNOUNCEMENT,
            "国家认监委公告2019年第10号",
        ),
        (
            "浙江省人民代表大会常务委员会公告第39号",
            Shape.NUMBERED,
            "浙江省人民代表大会常务委员会公告第39号",
        ),
        (
            "第十二届人民代表大会常务委员会公告第５号",
            Shape.NUMBERED,
            "第十二届人民代表大会常务委员会公告第5号",
        ),
        ("第三五零号", Shape.SERIAL, "第350号"),
        ("质技监认字第十一号", Shape.SERIAL, "质技监认字第11号"),
        ("GB/T 9704-2012", Shape.STANDARD, "GB/T9704-2012"),
        ("gb/t 9704—2012", Shape.STANDARD, "GB/T9704-2012"),
        ("GB 32100-2015", Shape.STANDARD, "GB32100-2015"),
        ("DB35/T 1234-2020", Shape.STANDARD, "DB35/T1234-2020"),
        ("TSG 08-2017", Shape.STANDARD, "TSG08-2017"),
        ("TSG T7007-2016", Shape.STANDARD, "TSGT7007-2016"),
        ("JJG 1036-2022", Shape.STANDARD, "JJG1036-2022"),
        ("JJF 1059.1-2012", Shape.STANDARD, "JJF1059.1-2012"),
        ("ＪＪＦ　１００１－２０１１", Shape.STANDARD, "JJF1001-2011"),
        ("闽质监2017-126", Shape.UNKNOWN, "闽质监2017-126"),
        ("七号", Shape.UNKNOWN, "七号"),
        ("无", Shape.UNKNOWN, "无"),
    ],
)
def test_every_real_shape_is_classified_and_keyed(written, shape, key):
    info = doc_number_info(written)
    assert (info.shape, info.key) == (shape, key)
    assert info.written == written.strip()  # shown as written
    assert doc_number_key(written) == key


def test_written_form_is_kept_and_only_surrounding_space_dropped():
    assert doc_number_info("  财政部 税务总局公告2023年第29号\n").written == (
        "财政部 税务总局公告2023年第29号"
    )
    assert doc_number_info("") == doc_number_info("   ")
    assert doc_number_key("") == "" and doc_number_info("").shape == Shape.UNKNOWN


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("七十", 70),
        ("一百零五", 105), ("三百五十", 350), ("三五零", 350), ("〇", 0),
        ("两千零二十三", 2023), ("二〇二三", 2023), ("一万零一", 10001),
        ("", None), ("十a", None), ("第一", None),
    ],
)  # fmt: skip
def test_chinese_numerals(text, value):
    assert cn_numeral_value(text) == value


@given(
    agency=st.text(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1
    ),
    year=st.integers(1949, 2100),
    seq=st.integers(1, 99999),
    brackets=st.sampled_from(["〔〕", "()", "（）", "[]", "［］", "【】", "﹝﹞"]),
    zeros=st.sampled_from(["", "0", "00"]),
    di=st.sampled_from(["", "第"]),
)
def test_bracket_key_is_the_gbt9704_canonical_form(
    agency: str, year: int, seq: int, brackets: str, zeros: str, di: str
) -> None:
    written = f"{agency}{brackets[0]}{year}{brackets[1]}{di}{zeros}{seq}号"
    canonical = format_doc_number(agency, year, seq)
    assert doc_number_key(written) == canonical == str(parse_doc_number(written))
    assert doc_number_info(written).shape == Shape.BRACKET


@given(st.text(max_size=40))
def test_key_never_raises_and_is_idempotent(text: str) -> None:
    key = doc_number_key(text)
    assert doc_number_key(key) == key
