"""Tests for gongkai.core.ids: USCC, 组织机构代码, 公民身份号码 and masking (RULES.md §4);
文号 and 索引号 are in test_doc_numbers.py."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.ids import (
    USCC_ALPHABET,
    IdentifierError,
    canonical_id_number,
    canonical_uscc,
    is_valid_id_number,
    is_valid_org_code,
    is_valid_uscc,
    mask_id_number,
    mask_name,
    mask_phone,
    org_code_from_uscc,
    uscc_category,
    uscc_check_char,
)

# ---------------------------------------------------------------- USCC

VALID_USCC = [
    "91110000600037341L",
    "121200004013590816",
    "9115220107837941X1",
    "91310115MA1K3BTP2B",
    "91350100M000100Y43",
    "11330700099033995K",
    "113208007833785008",
]


@pytest.mark.parametrize("code", VALID_USCC)
def test_rules_valid_uscc_vectors_are_accepted(code: str) -> None:
    assert canonical_uscc(code) == code
    assert is_valid_uscc(code)


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("91110000600037341N", "uscc.checksum"),
        # Under RULES §4.1 the first character is not checked against a code list,
        # so "A1…L" fails on its check character (A1…K would be valid).
        ("A1110000600037341L", "uscc.checksum"),
        ("9111000060003IOZSV", "uscc.charset"),
        ("91AB0000600037341L", "uscc.charset"),
        ("91110000600037341", "uscc.length"),
        ("91110000600037341LL", "uscc.length"),
        ("", "uscc.length"),
        ("91 110000600037341L", "uscc.length"),
    ],
)
def test_rules_invalid_uscc_vectors_are_rejected(code: str, error_code: str) -> None:
    with pytest.raises(IdentifierError) as info:
        canonical_uscc(code)
    assert info.value.code == error_code
    assert str(info.value) == info.value.message
    assert not is_valid_uscc(code)


def test_uscc_error_message_is_chinese() -> None:
    with pytest.raises(IdentifierError, match="统一社会信用代码校验位错误"):
        canonical_uscc("91110000600037341N")


def test_identifier_error_default_message_and_pickling() -> None:
    error = IdentifierError("doc_number.format")
    assert isinstance(error, ValueError)
    assert str(error) == "文号格式不正确（应为“机关代字〔年份〕顺序号号”）"
    copy = pickle.loads(pickle.dumps(IdentifierError("id.checksum")))
    assert (copy.code, copy.message) == ("id.checksum", "公民身份号码校验码错误")


@pytest.mark.parametrize(
    "raw",
    [
        "  91110000600037341l\n",
        "９１１１００００６０００３７３４１Ｌ",
        "\u300091110000600037341L\u3000",
        "\t91110000600037341L ",
    ],
)
def test_uscc_canonical_form_nfkc_strip_upper(raw: str) -> None:
    assert canonical_uscc(raw) == "91110000600037341L"


def test_uscc_first_character_outside_original_list_is_accepted() -> None:
    # RULES §4.1: do not reject 登记管理部门 codes outside {1,5,9,Y} (e.g. A, N).
    assert canonical_uscc("A1110000600037341K") == "A1110000600037341K"
    assert uscc_category("A1110000600037341K") == "A1"


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("91110000600037341L", "91"),
        ("121200004013590816", "12"),
        ("113208007833785008", "11"),
    ],
)
def test_uscc_category_is_first_two_characters(code: str, category: str) -> None:
    assert uscc_category(code) == category


def _with_check(body: str) -> str:
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, weights, strict=True))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


_uscc_bodies = st.builds(
    lambda head, region, subject: head + region + subject,
    st.text(USCC_ALPHABET, min_size=2, max_size=2),
    st.text("0123456789", min_size=6, max_size=6),
    st.text(USCC_ALPHABET, min_size=9, max_size=9),
)


@given(body=_uscc_bodies, position=st.integers(0, 17), data=st.data())
def test_generated_uscc_accepted_and_any_single_change_rejected(
    body: str, position: int, data: st.DataObject
) -> None:
    code = _with_check(body)
    assert canonical_uscc(code) == code
    replacement = data.draw(
        st.sampled_from(USCC_ALPHABET).filter(lambda c: c != code[position])
    )
    altered = code[:position] + replacement + code[position + 1 :]
    # The weights are units mod 31, so one substitution always changes the sum.
    assert not is_valid_uscc(altered)


@given(body=_uscc_bodies)
def test_uscc_check_char_agrees_with_stdnum(body: str) -> None:
    from stdnum.cn import uscc

    assert uscc_check_char(body) == uscc.calc_check_digit(body)


@pytest.mark.parametrize(
    ("raw", "error_code"),
    [
        ("91110000600037341N", "uscc.checksum"),  # canonical form, wrong check
        ("91110000600037341l", None),  # lower case: the slow path canonicalises
        ("９１110000600037341L", None),  # full width: likewise
    ],
)
def test_uscc_fast_and_slow_paths_agree(raw: str, error_code: str | None) -> None:
    if error_code is None:
        assert canonical_uscc(raw) == "91110000600037341L"
    else:
        with pytest.raises(IdentifierError) as info:
            canonical_uscc(raw)
        assert info.value.code == error_code


def test_org_code_from_uscc_is_positions_9_to_17() -> None:
    assert org_code_from_uscc("91110000600037341L") == "600037341"
    assert org_code_from_uscc("91310115ma1k3btp2b") == "MA1K3BTP2"


# ---------------------------------------------------------------- 组织机构代码


@pytest.mark.parametrize(
    "code",
    [
        "014341690",
        "014289810",
        "006939748",
        "000014349",
        "014319450",
        "099033995",
        "783378500",
        "600037341",
        "MA1K3BTP2",
        "01434169-0",
        "ma1k3btp-2",
    ],
)
def test_rules_valid_org_codes(code: str) -> None:
    assert is_valid_org_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "014341691",
        "00001434",
        "0000143490",
        "00001434X",
        "",
        "01434169--0",
        "O14341690",
    ],
)
def test_invalid_org_codes(code: str) -> None:
    assert not is_valid_org_code(code)


@pytest.mark.parametrize(
    "uscc",
    [
        "11330700099033995K",
        "113208007833785008",
        "91110000600037341L",
        "91310115MA1K3BTP2B",
    ],
)
def test_org_code_embedded_in_rules_uscc_vectors_is_valid(uscc: str) -> None:
    assert is_valid_org_code(org_code_from_uscc(uscc))


# ---------------------------------------------------------------- 公民身份号码

VALID_IDS = [
    "11010519491231002X",
    "440524188001010014",
    "360426199101010071",
    "44011320141005001X",
]


@pytest.mark.parametrize("number", VALID_IDS)
def test_rules_valid_id_numbers(number: str) -> None:
    assert canonical_id_number(number) == number
    assert is_valid_id_number(number)


def test_id_number_lower_case_x_and_full_width_are_normalised() -> None:
    assert canonical_id_number(" 11010519491231002x ") == "11010519491231002X"
    assert (
        canonical_id_number("１１０１０５１９４９１２３１００２ｘ")
        == "11010519491231002X"
    )


@pytest.mark.parametrize(
    ("number", "error_code"),
    [
        ("110105194912310021", "id.checksum"),
        ("11010519491231002", "id.length"),
        ("110105194912310020X", "id.length"),
        ("11010519491231X02X", "id.format"),
        ("110105194902300028", "id.birthdate"),  # 30 February
        ("110105170001010011", "id.birthdate"),  # year 1700 not plausible
        ("110105194913010011", "id.birthdate"),  # month 13
    ],
)
def test_invalid_id_numbers(number: str, error_code: str) -> None:
    with pytest.raises(IdentifierError) as info:
        canonical_id_number(number)
    assert info.value.code == error_code
    assert not is_valid_id_number(number)


# ---------------------------------------------------------------- masking


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("110105491231002", "110105*****1002"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_mask_id_number(raw: str, masked: str) -> None:
    assert mask_id_number(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("008613812345678", "0086138****5678"),
        ("010-12345678", "010-****5678"),
        ("１３８１２３４５６７８", "１３８****５６７８"),
        ("12345", "*****"),
        ("abc", "abc"),
        ("", ""),
    ],
)
def test_mask_phone(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("张三", "张*"),
        ("张三丰", "张**"),
        ("欧阳娜娜", "欧***"),
        ("张", "*"),
        ("", ""),
        (" 李四 ", "李*"),
    ],
)
def test_mask_name(raw: str, masked: str) -> None:
    assert mask_name(raw) == masked


@given(st.text())
def test_masking_never_raises_and_keeps_length(value: str) -> None:
    assert len(mask_id_number(value)) == len(value.strip())
    assert len(mask_phone(value)) == len(value.strip())
    assert len(mask_name(value)) == len(value.strip())
