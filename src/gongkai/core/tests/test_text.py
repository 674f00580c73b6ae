"""Tests for gongkai.core.text: segmentation, personal-data scan, sensitive words."""

from __future__ import annotations

import itertools
import threading
import unicodedata
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from gongkai.core.text import (
    Finding,
    SegmentCost,
    SensitiveMatcher,
    WordMatch,
    fold_width,
    scan_personal_data,
    search_terms,
    segment,
)

# ---------------------------------------------------------------- segmentation


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("推进双随机一公开监管", "双随机一公开"),
        ("落实“双随机、一公开”要求", "双随机"),
        ("落实“双随机、一公开”要求", "一公开"),
        ("依申请公开的答复期限", "依申请公开"),
        ("收取信息处理费的标准", "信息处理费"),
        ("公示统一社会信用代码", "统一社会信用代码"),
        ("福建省质量技术监督局发布", "质量技术监督局"),
        ("缺陷产品召回管理", "缺陷产品"),
        ("开展产品质量监督抽查", "监督抽查"),
        ("公布权责清单和办事指南", "权责清单"),
        ("政府信息公开工作年度报告", "年度报告"),
        ("行政处罚决定书", "行政处罚"),
        ("申请信用修复", "信用修复"),
        ("落实双公示制度", "双公示"),
    ],
)
def test_segment_keeps_domain_terms_whole(text: str, term: str) -> None:
    assert term in segment(text)


def test_domain_dictionary_is_package_data() -> None:
    source = resources.files("gongkai.core.data").joinpath("domain.dict")
    lines = source.read_text(encoding="utf-8").splitlines()
    words = [ln.split()[0] for ln in lines if ln.strip() and not ln.startswith("#")]
    assert len(words) >= 60
    assert len(words) == len(set(words))
    assert {"双随机一公开", "政务公开", "行政处罚", "召回", "年度报告"} <= set(words)


# Alphabets a long unbroken run may be made of: one letter (a single jieba token),
# digits, the characters of nested domain terms (many dictionary words ending at
# each position), any CJK, and mixtures with punctuation.
_ALPHABETS = [
    "a",
    "ab1",
    "0123456789",
    "行政处罚决定书双随机一公开政府信息工作年度报告质量技术监督局",
    "".join(chr(c) for c in range(0x4E00, 0x4E00 + 300)),
    "aA１ａ、，。 行政处罚",
]
# Python-side operations per input character (each character is read a few
# times; each position starts a bounded number of dictionary words).
_OPS_PER_CHAR = 60


@settings(max_examples=60, deadline=None)
@given(
    alphabet=st.sampled_from(_ALPHABETS),
    n=st.integers(min_value=1, max_value=6000),
    data=st.data(),
)
def test_segment_work_is_linear_in_the_input(
    alphabet: str, n: int, data: st.DataObject
) -> None:
    seed = data.draw(st.text(alphabet=alphabet, min_size=1, max_size=50))
    text = (seed * (n // len(seed) + 1))[:n]
    cost = SegmentCost()
    tokens = segment(text, cost=cost)
    assert cost.operations <= _OPS_PER_CHAR * len(text) + 10
    assert sum(map(len, tokens)) <= cost.operations


def test_segment_of_a_long_unbroken_run_counts_linear_work() -> None:
    # The quadratic substring test counted ~n^2/2 operations here.
    costs = []
    for n in (1000, 8000):
        cost = SegmentCost()
        segment("a" * n, cost=cost)
        costs.append(cost.operations)
    assert costs[1] <= 8 * costs[0] + 10


def test_domain_subwords_come_shortest_first_then_the_token() -> None:
    assert segment("行政处罚决定书") == [
        "行政",
        "处罚",
        "决定",
        "决定书",
        "行政处罚",
        "处罚决定书",
        "行政处罚决定书",
    ]


def test_segment_drops_punctuation_and_whitespace() -> None:
    tokens = segment("关于“政务公开”的通知！ \n（试行）。")
    assert "政务公开" in tokens
    assert all(t.strip() == t and t for t in tokens)
    assert not {"“", "”", "！", "（", "）", "。", " ", "\n"} & set(tokens)


def test_segment_lower_cases_ascii_and_folds_full_width() -> None:
    tokens = segment("ISO9001认证 ２０２４年 ＧＢ标准")
    assert "iso9001" in tokens
    assert "2024" in tokens
    assert "gb" in tokens


def test_segment_of_empty_or_punctuation_only_text() -> None:
    assert segment("") == []
    assert segment("，。！？ 、") == []


def test_search_terms_deduplicate_and_keep_order() -> None:
    terms = search_terms("行政处罚 行政处罚 政务公开")
    assert len(terms) == len(set(terms))
    assert terms.index("行政处罚") < terms.index("政务公开")
    assert terms == list(dict.fromkeys(segment("行政处罚 行政处罚 政务公开")))


def test_segmenter_initialises_once_across_threads() -> None:
    results: list[list[str]] = []

    def work() -> None:
        results.append(segment("推进双随机一公开监管"))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8
    assert all(r == results[0] for r in results)


# ---------------------------------------------------------------- personal data

ID_X = "11010519491231002X"
ID_DIGIT = "360426199101010071"
ID_LUHN = "440304199001011049"  # a valid ID number that also passes Luhn
CARD_19 = "6222021234567890128"
CARD_16 = "6222021234567894"


def _find(text: str, kind: str, value: str) -> Finding:
    start = text.index(value)
    return Finding(kind, start, start + len(value), value)


def test_fixture_numbers_have_the_properties_the_tests_rely_on() -> None:
    assert luhn.is_valid(ID_LUHN)
    assert luhn.is_valid(CARD_19) and luhn.is_valid(CARD_16)
    assert not luhn.is_valid("2024051712345679")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (f"身份证号：{ID_X}。", "id_number", ID_X),
        (f"身份证号{ID_X.lower()}", "id_number", ID_X.lower()),
        (f"{ID_DIGIT}", "id_number", ID_DIGIT),
        (f"证件{ID_LUHN}号", "id_number", ID_LUHN),
        ("电话13812345678。", "mobile", "13812345678"),
        ("电话：138-1234-5678", "mobile", "138-1234-5678"),
        ("电话 138 1234 5678 联系", "mobile", "138 1234 5678"),
        ("+8613912345678", "mobile", "+8613912345678"),
        ("致电+86 139 1234 5678", "mobile", "+86 139 1234 5678"),
        ("8619912345678", "mobile", "8619912345678"),
        (f"卡号{CARD_19}", "bank_card", CARD_19),
        ("卡号6222 0212 3456 7894，", "bank_card", "6222 0212 3456 7894"),
        ("卡号6222-0212-3456-7894", "bank_card", "6222-0212-3456-7894"),
        ("6222 0212 3456 7890 128", "bank_card", "6222 0212 3456 7890 128"),
        ("邮箱zhang.san+foi@example.gov.cn。", "email", "zhang.san+foi@example.gov.cn"),
        ("邮箱13812345678@qq.com", "email", "13812345678@qq.com"),
    ],
)
def test_single_finding_with_exact_span(text: str, kind: str, value: str) -> None:
    assert scan_personal_data(text) == [_find(text, kind, value)]


@pytest.mark.parametrize(
    "text",
    [
        "110105194912310021",  # ID check digit wrong (and not Luhn-valid)
        "110105194902300028",  # 30 February
        "123456789012345678",  # random 18 digits
        "12345678901234567890",  # 20-digit run
        f"{CARD_19}0",  # card inside a longer run
        f"9{CARD_16}0000",
        "订单号：2024051712345679",  # order number failing Luhn
        "日期2024-05-17，20240517，2024年5月17日",
        "电话12812345678",  # not 1[3-9]
        "13812345678901",  # mobile inside a longer run
        "编号913812345678",
        "6222 0212 3456 7894 1234",  # five groups of four: not a card
        "统一社会信用代码91110000600037341L",  # 17 Luhn-valid digits + check char
        "金额1,380,000元，共13件",
        "name@localhost",
        "",
    ],
)
def test_false_positives_are_not_reported(text: str) -> None:
    assert scan_personal_data(text) == []


def test_full_width_digits_are_found_with_spans_in_the_original() -> None:
    id_fw = "１１０１０５１９４９１２３１００２Ｘ"
    mobile_fw = "１３８－１２３４－５６７８"
    email_fw = "ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ"
    text = f"身份证{id_fw}，电话{mobile_fw}，邮箱{email_fw}"
    assert scan_personal_data(text) == [
        _find(text, "id_number", id_fw),
        _find(text, "mobile", mobile_fw),
        _find(text, "email", email_fw),
    ]


def test_mixed_text_reports_each_item_once_in_order() -> None:
    text = (
        f"当事人张三（身份证号{ID_X}，联系电话138-1234-5678，"
        f"电子邮箱zs@example.com），罚款缴入账户{CARD_19}；"
        f"决定书编号2024051712345679，日期20240517。另：{ID_LUHN}"
    )
    assert scan_personal_data(text) == [
        _find(text, "id_number", ID_X),
        _find(text, "mobile", "138-1234-5678"),
        _find(text, "email", "zs@example.com"),
        _find(text, "bank_card", CARD_19),
        _find(text, "id_number", ID_LUHN),
    ]


def test_fold_width_is_length_preserving_nfkc_for_the_folded_characters() -> None:
    chars = [chr(cp) for cp in range(0xFF01, 0xFF5F)] + ["\u3000"]
    for char in chars:
        folded = fold_width(char)
        assert len(folded) == 1
        assert folded == unicodedata.normalize("NFKC", char)


@given(st.text(alphabet=st.sampled_from("0123456789１３８Xx -+@.abc中文，")))
def test_scan_spans_always_slice_the_original(text: str) -> None:
    findings = scan_personal_data(text)
    for f in findings:
        assert text[f.start : f.end] == f.value
    assert findings == sorted(findings, key=lambda f: (f.start, f.end))
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start  # findings never overlap


# ---------------------------------------------------------------- sensitive words


def test_sensitive_matcher_reports_all_occurrences_with_exact_spans() -> None:
    matcher = SensitiveMatcher({"赌博": "block", "博彩": "warn"})
    text = "严禁赌博，赌博彩票"
    assert matcher.find(text) == [
        WordMatch("赌博", 2, 4, "block"),
        WordMatch("赌博", 5, 7, "block"),
        WordMatch("博彩", 6, 8, "warn"),  # overlaps the previous match
    ]


def test_sensitive_matcher_nested_words_all_reported() -> None:
    matcher = SensitiveMatcher({"法轮": "block", "法轮功": "block", "轮": "warn"})
    found = [(m.word, m.start, m.end) for m in matcher.find("x法轮功")]
    assert found == [("法轮", 1, 3), ("法轮功", 1, 4), ("轮", 2, 3)]


def test_sensitive_matcher_ignores_ascii_case_and_full_width() -> None:
    matcher = SensitiveMatcher({"VPN": "warn"})
    text = "翻墙vpn与ＶＰＮ及Vpn"
    matches = matcher.find(text)
    assert [text[m.start : m.end] for m in matches] == ["vpn", "ＶＰＮ", "Vpn"]
    assert all(m.word == "VPN" and m.level == "warn" for m in matches)


def test_sensitive_words_differing_only_in_case_are_both_reported() -> None:
    matcher = SensitiveMatcher({"abc": "warn", "ABC": "block"})
    assert matcher.find("xAbC") == [
        WordMatch("ABC", 1, 4, "block"),
        WordMatch("abc", 1, 4, "warn"),
    ]


def test_empty_word_list_and_empty_text() -> None:
    assert SensitiveMatcher({}).find("任何文本") == []
    assert SensitiveMatcher({"": "block"}).find("任何文本") == []
    assert SensitiveMatcher({"词": "warn"}).find("") == []


def test_sensitive_matcher_spans_with_astral_characters() -> None:
    matcher = SensitiveMatcher({"违禁": "block"})
    text = "😀𠀀违禁"
    assert matcher.find(text) == [WordMatch("违禁", 2, 4, "block")]
