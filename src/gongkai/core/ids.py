"""Identifiers: 统一社会信用代码, 组织机构代码, 公民身份号码, 文号, 索引号, masking.

Rules implemented (RULES.md §3.3, §4, §9; DRAW.md §3):

* 统一社会信用代码 (GB 32100-2015): canonical form = NFKC, strip ASCII white space,
  ASCII upper case (DRAW.md §3).  Valid = 18 characters from the 31-character
  alphabet ``0123456789ABCDEFGHJKLMNPQRTUWXY``, positions 3-8 digits (行政区划码),
  and the GB 32100 check character (computed here from the weights of RULES
  §4.1; the tests check it against ``stdnum.cn.uscc``).  The
  first two characters are *not* checked against a code list (RULES §4.1: later
  amendments added 登记管理部门 codes such as A and N), so we deliberately do not
  call ``stdnum.cn.uscc.validate``, which requires positions 1-2 to be digits.
* 组织机构代码 (GB 11714): 8 body characters + 1 check character, weights
  3 7 9 10 5 8 4 2, ``c9 = 11 - (sum mod 11)``, 10 -> X, 11 -> 0 (RULES §4.2).
* 公民身份号码 (GB 11643-1999): 18 characters, 17 digits + check character from
  ``stdnum.cn.ric``; the birth date must be a real Gregorian date in 1800-2099.
  The 地址码 is not looked up (stdnum's region table misses historic codes,
  e.g. the standard's own example 440524188001010014).  No "not in the future"
  check: core never reads the clock.
* 发文字号 (GB/T 9704-2012 §7.2): 机关代字〔年份〕顺序号号, year in full inside
  六角括号 U+3014/U+3015, sequence without 第 and without leading zeros.
* 索引号 (RULES §9, no national standard): configurable ``str.format`` pattern
  over ``org_code``, ``year`` and ``seq`` only.
* Masking (RULES §3.3, national rule UNVERIFIED): keep 6 + 4 of an ID number,
  3 + 4 of a phone number, the first character of a name; never raises.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric

__all__ = [
    "DEFAULT_INDEX_PATTERN",
    "ERROR_MESSAGES",
    "DocNumber",
    "IdentifierError",
    "canonical_id_number",
    "canonical_uscc",
    "format_doc_number",
    "format_index_number",
    "id_birth_date",
    "is_valid_id_number",
    "is_valid_org_code",
    "is_valid_uscc",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "org_code_from_uscc",
    "parse_doc_number",
    "uscc_category",
    "uscc_check_char",
    "validate_index_pattern",
]


# Default Chinese messages per stable code (a raise site may give a more precise one).
ERROR_MESSAGES: dict[str, str] = {
    "uscc.length": "统一社会信用代码应为18位",
    "uscc.charset": "统一社会信用代码含有无效字符",
    "uscc.checksum": "统一社会信用代码校验位错误",
    "id.length": "公民身份号码应为18位",
    "id.format": "公民身份号码前17位应为数字，最后一位为数字或X",
    "id.birthdate": "公民身份号码中的出生日期无效",
    "id.checksum": "公民身份号码校验码错误",
    "doc_number.format": "文号格式不正确（应为“机关代字〔年份〕顺序号号”）",
}


class IdentifierError(ValueError):
    """An identifier is malformed; ``code`` is stable, ``message`` is Chinese."""

    def __init__(self, code: str, message: str | None = None) -> None:
        self.code = code
        self.message = message or ERROR_MESSAGES.get(code, "标识符格式不正确")
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[IdentifierError], tuple[str, str]]:
        return (type(self), (self.code, self.message))


# DRAW.md §3 step 2: only ASCII white space (U+0009-U+000D, U+0020) is stripped;
# NFKC has already turned U+3000 and no-break spaces into U+0020.
_ASCII_WS = " \t\n\r\x0b\x0c"
_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


def _normalise(value: str) -> str:
    """NFKC, strip ASCII white space, ASCII upper case (DRAW.md §3 steps 1-3)."""
    return unicodedata.normalize("NFKC", value).strip(_ASCII_WS).translate(_ASCII_UPPER)


# ---------------------------------------------------------------- 统一社会信用代码

# GB 32100-2015: 31 characters, no I O S V Z; value = index.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_CHARS = frozenset(USCC_ALPHABET)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
# RULES §4.1: weights 3^(i-1) mod 31 for positions 1-17.
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# An already canonical code (the common case in a spreadsheet) skips NFKC.
_USCC_PLAIN_RE = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}")


# v_i·w_i of each character at each position: one look-up per character.
_USCC_PRODUCTS = tuple(
    {c: v * w for c, v in _USCC_VALUE.items()} for w in _USCC_WEIGHTS
)


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character of the first 17 (canonical) characters."""
    # alphabet[(31 - Σ v_i·w_i mod 31) mod 31]
    total = sum(map(dict.__getitem__, _USCC_PRODUCTS, first17))
    return USCC_ALPHABET[-total % 31]


def canonical_uscc(value: str) -> str:
    """Return the canonical 统一社会信用代码 or raise :class:`IdentifierError`."""
    if _USCC_PLAIN_RE.fullmatch(value):
        if value[17] != uscc_check_char(value[:17]):
            raise IdentifierError("uscc.checksum")
        return value
    code = _normalise(value)
    if len(code) != 18:
        raise IdentifierError("uscc.length")
    if any(c not in _USCC_CHARS for c in code):
        raise IdentifierError(
            "uscc.charset", "统一社会信用代码含有无效字符（不得使用I、O、S、V、Z）"
        )
    # RULES §4.1: positions 3-8 are the GB/T 2260 登记管理机关行政区划码.
    if not code[2:8].isdigit():
        raise IdentifierError(
            "uscc.charset", "统一社会信用代码第3至8位（行政区划码）应为数字"
        )
    # GB 32100-2015 check character: alphabet[(31 - Σ v_i·w_i mod 31) mod 31].
    if code[17] != uscc_check_char(code[:17]):
        raise IdentifierError("uscc.checksum")
    return code


def is_valid_uscc(value: str) -> bool:
    """Return whether ``value`` is a valid 统一社会信用代码 (after canonicalisation)."""
    try:
        canonical_uscc(value)
    except IdentifierError:
        return False
    return True


def uscc_category(value: str) -> str:
    """Return the 登记管理部门代码 + 机构类别代码 (first two characters), e.g. "91"."""
    return canonical_uscc(value)[:2]


def org_code_from_uscc(uscc_value: str) -> str:
    """Return the embedded 9-character 主体标识码 (组织机构代码), positions 9-17.

    The embedded code is returned as written; check it with ``is_valid_org_code``.
    """
    return canonical_uscc(uscc_value)[8:17]


# ---------------------------------------------------------------- 组织机构代码

# GB 11714 (RULES §4.2): weights for the 8 body characters.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_RE = re.compile(r"([0-9A-Z]{8})-?([0-9X])", re.ASCII)


def _org_value(char: str) -> int:
    # Digits 0-9, letters A=10 … Z=35.
    return int(char, 36)


def is_valid_org_code(value: str) -> bool:
    """Return whether ``value`` is a valid GB 11714 组织机构代码 (or ``XXXXXXXX-Y``)."""
    match = _ORG_RE.fullmatch(_normalise(value))
    if match is None:
        return False
    body, check = match.groups()
    remainder = (
        11
        - sum(_org_value(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    )
    expected = {10: "X", 11: "0"}.get(remainder, str(remainder))
    return check == expected


# ---------------------------------------------------------------- 公民身份号码

_ID_RE = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
# Plausibility window for the 出生日期码; the clock is not read (STYLE: core is pure).
ID_MIN_BIRTH_YEAR = 1800
ID_MAX_BIRTH_YEAR = 2099


def id_birth_date(number: str) -> date | None:
    """Return the birth date of an 18-character ID number, or None if implausible."""
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not ID_MIN_BIRTH_YEAR <= year <= ID_MAX_BIRTH_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def canonical_id_number(value: str) -> str:
    """Return the canonical 公民身份号码 (GB 11643-1999) or raise IdentifierError."""
    number = _normalise(value)
    if len(number) != 18:
        raise IdentifierError("id.length")
    if _ID_RE.fullmatch(number) is None:
        raise IdentifierError("id.format")
    if id_birth_date(number) is None:
        raise IdentifierError("id.birthdate")
    # GB 11643-1999: r = Σ a_i·w_i mod 11, check = "10X98765432"[r].
    if number[17] != ric.calc_check_digit(number):
        raise IdentifierError("id.checksum")
    return number


def is_valid_id_number(value: str) -> bool:
    """Return whether ``value`` is a valid 18-character 公民身份号码."""
    try:
        canonical_id_number(value)
    except IdentifierError:
        return False
    return True


# ---------------------------------------------------------------- masking

# RULES §3.3 (UNVERIFIED national rule): show at most a prefix and a suffix.


def mask_id_number(value: str) -> str:
    """Keep the first 6 and last 4 characters, mask the rest; short input all masked."""
    text = value.strip()
    # 15 (legacy) and 18 characters are the real lengths; anything shorter would
    # reveal most of the number, so mask everything.
    if len(text) < 15:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_phone(value: str) -> str:
    """Keep the first 3 and last 4 digits, mask the other digits; separators kept."""
    text = value.strip()
    # unicodedata.decimal also reads full-width digits; any other character is kept.
    positions = [
        i for i, c in enumerate(text) if unicodedata.decimal(c, None) is not None
    ]
    digits = "".join(str(unicodedata.decimal(text[i])) for i in positions)
    head = 0  # digits of a +86 / 0086 country code, left visible
    for code in ("0086", "86"):
        rest = digits[len(code) :]
        if digits.startswith(code) and len(rest) == 11 and rest.startswith("1"):
            head = len(code)
            break
    national = len(digits) - head
    # Fewer than 8 digits: 3 + 4 would reveal (almost) everything, so mask them all.
    keep_head, keep_tail = (3, 4) if national >= 8 else (0, 0)
    masked = set(positions[head + keep_head : len(positions) - keep_tail])
    return "".join("*" if i in masked else c for i, c in enumerate(text))


def mask_name(value: str) -> str:
    """Keep the first character of a name (张三 -> 张*); a 1-character name masked."""
    text = value.strip()
    if len(text) <= 1:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 1)


# ---------------------------------------------------------------- 文号

_DOC_STRICT_RE = re.compile(
    r"(?P<agency>[^〔]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号", re.ASCII
)
# Lenient: run on the NFKC form (full-width digits/brackets -> ASCII, ﹝﹞ -> 〔〕).
_DOC_LENIENT_RE = re.compile(
    r"(?P<agency>[^\[\](){}【】〔〕〖〗\s][^\[\](){}【】〔〕〖〗]*?)\s*"
    r"[\[(【〔〖{]\s*(?P<year>[0-9]{4})\s*[\])】〕〗}]\s*"
    r"第?\s*(?P<seq>[0-9]+)\s*号",
    re.ASCII,
)


def _doc_error(value: str) -> IdentifierError:
    return IdentifierError(
        "doc_number.format",
        f"文号格式不正确：{value!r}（应为“机关代字〔年份〕顺序号号”）",
    )


@dataclass(frozen=True)
class DocNumber:
    """A 发文字号 (GB/T 9704-2012 §7.2); ``str()`` gives the canonical form."""

    agency: str
    year: int
    seq: int

    def __post_init__(self) -> None:
        agency_ok = bool(self.agency) and self.agency == self.agency.strip()
        if not agency_ok or "〔" in self.agency or "〕" in self.agency:
            raise _doc_error(self.agency)
        if not 1000 <= self.year <= 9999 or self.seq < 1:
            raise _doc_error(f"{self.agency}〔{self.year}〕{self.seq}号")

    def __str__(self) -> str:
        return f"{self.agency}〔{self.year}〕{self.seq}号"


# The canonical form itself, already NFKC: what lenient parsing would return as is.
_DOC_CANONICAL_RE = re.compile(
    r"(?P<agency>[^\[\](){}【】〔〕〖〗\s]+)〔(?P<year>[0-9]{4})〕(?P<seq>[1-9][0-9]*)号"
)


def parse_doc_number(value: str, *, lenient: bool = True) -> DocNumber:
    """Parse a 文号; lenient mode accepts common bracket/digit/第/zero variants."""
    if lenient:
        match = _DOC_CANONICAL_RE.fullmatch(value)
        if match is not None and unicodedata.is_normalized("NFKC", value):
            try:
                return DocNumber(match["agency"], int(match["year"]), int(match["seq"]))
            except IdentifierError:
                raise _doc_error(value) from None
    if not lenient:
        match = _DOC_STRICT_RE.fullmatch(value)
    else:
        match = _DOC_LENIENT_RE.fullmatch(unicodedata.normalize("NFKC", value).strip())
    if match is None or int(match["seq"]) == 0:
        raise _doc_error(value)
    agency = match["agency"].strip() if lenient else match["agency"]
    try:
        return DocNumber(agency, int(match["year"]), int(match["seq"]))
    except IdentifierError:
        raise _doc_error(value) from None


def format_doc_number(agency: str, year: int, seq: int) -> str:
    """Return the canonical 文号, e.g. ``闽质监〔2017〕126号``."""
    return str(DocNumber(agency, year, seq))


# ---------------------------------------------------------------- 索引号

# RULES §9: observed forms 000014349/2018-00222, 11330700099033995K/2024-121134.
DEFAULT_INDEX_PATTERN = "{org_code}/{year}-{seq:05d}"
_INDEX_FIELDS = frozenset({"org_code", "year", "seq"})
_MAX_INDEX_LENGTH = 100
_SPEC_NUMBER_RE = re.compile(r"[0-9]+")


def validate_index_pattern(pattern: str) -> None:
    """Raise ValueError unless ``pattern`` is a safe 索引号 pattern using ``{seq}``."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise ValueError(f"索引号格式模板无效：{exc}") from exc
    fields: set[str] = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        # Only bare names: no positional fields, attribute or item access
        # ("{org_code.__class__}"), conversions or nested replacement fields.
        if name not in _INDEX_FIELDS:
            raise ValueError(
                f"索引号格式模板含有未知字段 {{{name}}}，只允许 org_code、year、seq"
            )
        if conversion is not None or "{" in (spec or ""):
            raise ValueError("索引号格式模板不允许转换符或嵌套字段")
        # Guard against huge widths ("{seq:999999999d}") from admin input.
        if any(int(n) > 32 for n in _SPEC_NUMBER_RE.findall(spec or "")):
            raise ValueError("索引号格式模板中的宽度过大")
        fields.add(name)
    if "seq" not in fields:
        raise ValueError("索引号格式模板必须包含 {seq}，否则索引号会重复")
    try:
        sample = pattern.format(org_code="000014349", year=2024, seq=1)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"索引号格式模板无效：{exc}") from exc
    if len(sample) > _MAX_INDEX_LENGTH:
        raise ValueError("索引号格式模板生成的索引号过长")


def format_index_number(pattern: str, *, org_code: str, year: int, seq: int) -> str:
    """Return the 索引号 for ``pattern`` (default ``{org_code}/{year}-{seq:05d}``)."""
    validate_index_pattern(pattern)
    if not org_code or not 1000 <= year <= 9999 or seq < 1:
        raise ValueError("索引号的机构代码、年份或流水号无效")
    return pattern.format(org_code=org_code, year=year, seq=seq)
