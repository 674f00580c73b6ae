"""文号 as documents carry them: shapes, a match key, Chinese numerals.

Rules implemented (RULES.md §9, "Numbers actually carried by documents a catalogue
holds"): a catalogue stores, displays, searches and cross-references every number
as written; a number of an unknown shape is kept verbatim (``Shape.UNKNOWN``), never
refused.  The strict GB/T 9704-2012 §7.2 form (``core.ids.parse_doc_number(...,
lenient=False)``) is for the numbers the bureau itself assigns, not for this.

Shapes recognised:

* ``BRACKET`` 机关代字〔年份〕顺序号号 and its mistypes: ASCII or full-width
  parentheses, square brackets, 【】, 〖〗, ﹝﹞, leading zeros, 第 before the
  sequence (``沪发改价管(2012)020号``).
* ``ORDER`` 令 (行政法规, 规章): ``中华人民共和国国务院令第711号``, also in Chinese
  numerals (``中华人民共和国主席令第七十号``).
* ``ANNOUNCEMENT`` 公告/通告 with the year inside: ``市场监管总局公告2021年第41号``,
  joint issuers separated by a space or 、 (``财政部 税务总局公告2023年第29号``).
* ``NUMBERED`` 公告/通告 without a year (人大常委会公告): ``浙江省人民代表大会常务委员会
  公告第39号``, ``…公告第５号``.
* ``SERIAL`` any other 第N号, in Arabic, full-width or Chinese numerals
  (``第三五零号``, ``某字第十一号``).
* ``STANDARD`` technical standards and 安全技术规范: code, optional /T or /Z, number,
  dash, year (``GB/T 9704-2012``, ``DB35/T 1234-2020``, ``TSG T7007-2016``,
  ``JJF 1059.1-2012``).

The match key (``doc_number_key``) is what two written forms of the same number
share: NFKC (full-width digits and brackets to ASCII), no white space and no 、 or
comma between joint issuers, ASCII upper case, any dash as ``-``, the year brackets
as 〔〕, a sequence number in Arabic digits without leading zeros, and no 第 in the
bracket shape (GB/T 9704 writes none).  For the bracket shape the key is exactly
the canonical GB/T 9704 form, ``str(core.ids.parse_doc_number(text))``.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "DocNumberInfo",
    "Shape",
    "cn_numeral_value",
    "doc_number_info",
    "doc_number_key",
]


class Shape(enum.StrEnum):
    BRACKET = "bracket"
    ORDER = "order"
    ANNOUNCEMENT = "announcement"
    NUMBERED = "numbered"
    STANDARD = "standard"
    SERIAL = "serial"
    UNKNOWN = "unknown"


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_numeral_value(text: str) -> int | None:
    """The value of a Chinese numeral: positional (一百零五 = 105, 十一 = 11) or digit
    by digit (三五零 = 350); None when ``text`` is not one."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if not any(c in _CN_UNITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = section = 0
    digit: int | None = None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
            continue
        unit = _CN_UNITS[char]
        if unit == 10000:
            total += (section + (digit or 0)) * unit
            section = 0
        else:
            # 十 alone means 一十 (十一 = 11).
            section += (1 if digit is None else digit) * unit
        digit = None
    return total + section + (digit or 0)


_SPACE_RE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_JOINERS = str.maketrans("", "", "、,，·")
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
)
_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# After NFKC: （）［］ are ASCII, ﹝﹞ are 〔〕.
_YEAR_BRACKETS_RE = re.compile(r"[\[(【〔〖{]([0-9]{4})[\])】〕〗}]第?0*([0-9]+)号")
_CN_SEQ_RE = re.compile(r"第([〇零一二三四五六七八九两十百千万]+)号")
_ZERO_SEQ_RE = re.compile(r"第0+([0-9])")

_SHAPES = (
    (Shape.BRACKET, re.compile(r"[^〔〕]+〔[0-9]{4}〕[1-9][0-9]*号")),
    (Shape.ANNOUNCEMENT, re.compile(r".+?[公通]告[0-9]{4}年第[1-9][0-9]*号")),
    (Shape.NUMBERED, re.compile(r".+?[公通]告第[1-9][0-9]*号")),
    (Shape.ORDER, re.compile(r".+?令第[1-9][0-9]*号")),
    (
        Shape.STANDARD,
        re.compile(
            r"[A-Z]{1,5}(?:[0-9]{1,3})?(?:/[TZ])?[A-Z]?[0-9]+(?:\.[0-9]+)*-[0-9]{4}"
        ),
    ),
    (Shape.SERIAL, re.compile(r".*第[1-9][0-9]*号")),
)


def _cn_seq(match: re.Match[str]) -> str:
    value = cn_numeral_value(match[1])
    return match[0] if value is None else f"第{value}号"


def doc_number_key(text: str) -> str:
    """The normalised match key of a 文号 ("" for none); pure, never raises."""
    key = _key_once(text or "")
    # Removing spaces or upper-casing can bring a combining mark next to a new
    # base character (r + U+0327): repeat until stable, so the key is its own key.
    for _ in range(3):
        again = _key_once(key)
        if again == key:
            break
        key = again
    return key


def _key_once(text: str) -> str:
    key = unicodedata.normalize("NFKC", text)
    key = _SPACE_RE.sub("", key).translate(_JOINERS).translate(_DASHES)
    key = key.translate(_UPPER)
    key = _CN_SEQ_RE.sub(_cn_seq, key)
    key = _ZERO_SEQ_RE.sub(r"第\1", key)
    return _YEAR_BRACKETS_RE.sub(
        lambda m: f"〔{m[1]}〕{int(m[2])}号" if int(m[2]) else m[0], key
    )


@dataclass(frozen=True)
class DocNumberInfo:
    """A 文号 as written (surrounding white space removed), its key and its shape."""

    written: str
    key: str
    shape: Shape


def doc_number_info(text: str) -> DocNumberInfo:
    """Classify a 文号; an unknown shape is ``Shape.UNKNOWN``, never an error."""
    written = unicodedata.normalize("NFC", text or "").strip()
    key = doc_number_key(written)
    for shape, pattern in _SHAPES:
        if pattern.fullmatch(key):
            return DocNumberInfo(written, key, shape)
    return DocNumberInfo(written, key, Shape.UNKNOWN)
