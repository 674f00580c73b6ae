"""Chinese text: search segmentation, personal-data scan, sensitive-word matching.

Segmentation
    A private ``rjieba.Jieba`` instance (the default dictionary plus
    ``data/domain.dict``) is built lazily once, under a lock.  ``segment`` uses
    search mode (``cut_for_search``: the whole word plus its dictionary sub-words)
    on the NFKC form of the text, so full-width ``２０２４`` indexes as ``2024``,
    and adds the 4+-character domain terms contained in longer tokens
    (``行政处罚决定书`` also yields ``行政处罚``, which jieba's search mode omits;
    found by one Aho-Corasick pass per token, so the work is linear in the text);
    tokens are stripped, tokens made only of punctuation, symbols or white space
    are dropped and ASCII letters are lower-cased.  Documents and queries go
    through the same function, so both sides agree.

Personal data (RULES.md §3.3: never publish full 身份证号/电话 of natural persons)
    The scan runs on a *width-folded* copy: full-width ASCII forms U+FF01-U+FF5E
    and the ideographic space U+3000 are replaced by their NFKC equivalents.
    These mappings are exactly one character to one character, so an index into
    the folded copy is the same index into the original text and every reported
    span satisfies ``text[start:end] == value`` on the original.  Other NFKC
    mappings (e.g. ① -> 1, ligatures) are not applied: some change the length
    and none produce the ASCII we look for.

    * id_number: 18 characters, GB 11643-1999 check character and a real birth
      date (``ids.id_birth_date``); legacy 15-digit numbers have no check digit
      and are not reported (too many false positives on order numbers).
    * bank_card: 16-19 digits, unbroken or in groups of four separated by one
      space or hyphen (``6222 0212 3456 7890 123``), passing Luhn (ISO/IEC 7812).
    * mobile: ``1[3-9]`` + 9 digits, optional ``+86``/``0086``/``86`` prefix,
      optional consistent separators (``138-1234-5678``, ``138 1234 5678``).
    * email: ``local@domain.tld`` (ASCII).

    A candidate glued to a longer digit run is not reported.  Findings never
    overlap: priority email > id_number > bank_card > mobile (a 手机号@qq.com
    address is one email finding; an ID number is never also a bank card).

Sensitive words
    ``SensitiveMatcher`` uses an Aho-Corasick automaton (pyahocorasick) over the
    width-folded, ASCII-lower-cased text and words, so matching ignores ASCII case
    and full-width forms and reports every occurrence, overlapping ones included.
"""

from __future__ import annotations

import bisect
import re
import string
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import ahocorasick
import rjieba
from stdnum import luhn
from stdnum.cn import ric

from gongkai.core.ids import id_birth_date

__all__ = [
    "Finding",
    "SegmentCost",
    "SensitiveMatcher",
    "WordMatch",
    "fold_width",
    "scan_personal_data",
    "search_terms",
    "segment",
]

# ---------------------------------------------------------------- folding

# Full-width ASCII (U+FF01-U+FF5E) -> U+0021-U+007E and U+3000 -> U+0020: the
# NFKC mappings of these characters, each exactly one character long.
_WIDTH_FOLD: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD[0x3000] = 0x20
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_WIDE_RUN_RE = re.compile("[\uff01-\uff5e\u3000]+")


def fold_width(text: str) -> str:
    """Map full-width ASCII forms and U+3000 to ASCII; the length never changes."""
    # Translating only the wide runs is ~3x faster than translating the whole text.
    return _WIDE_RUN_RE.sub(lambda m: m.group().translate(_WIDTH_FOLD), text)


# ---------------------------------------------------------------- segmentation

_jieba: rjieba.Jieba | None = None
# The domain terms of 4+ characters in an Aho-Corasick automaton (value: the
# term's length); see _with_domain_subwords.
_long_terms: ahocorasick.Automaton | None = None
_jieba_lock = threading.Lock()


def _load_domain_words(jieba: rjieba.Jieba) -> ahocorasick.Automaton:
    source = resources.files("gongkai.core.data").joinpath("domain.dict")
    automaton = ahocorasick.Automaton()
    for raw in source.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        word, *rest = line.split()
        freq = int(rest[0]) if rest else None
        tag = rest[1] if len(rest) > 1 else None
        # suggest_freq gives the frequency that forces the characters together.
        jieba.add_word(word, max(freq or 0, jieba.suggest_freq(word)), tag)
        if len(word) >= 4:
            automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _get_jieba() -> rjieba.Jieba:
    global _jieba, _long_terms
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                jieba = rjieba.Jieba()
                _long_terms = _load_domain_words(jieba)
                _jieba = jieba
    return _jieba


class SegmentCost:
    """Counts the work ``segment`` does in Python: characters read and tokens
    emitted (for the linear-time test; rjieba's own work is reflected in the
    length of what it returns)."""

    __slots__ = ("operations",)

    def __init__(self) -> None:
        self.operations = 0


def _with_domain_subwords(
    tokens: list[str], cost: SegmentCost | None = None
) -> list[str]:
    # jieba's search mode only adds the 2- and 3-character dictionary words found
    # inside a long word, so "行政处罚决定书" would not yield "行政处罚"; add the
    # 4+-character domain terms inside each longer token, before the token,
    # shortest first and left to right. One pass of the automaton per token:
    # linear in the token's length (the terms ending at one position are at most
    # the dictionary's nesting depth).
    automaton = _long_terms
    out: list[str] = []
    for token in tokens:
        size = len(token)
        if size > 4 and automaton is not None and automaton.kind:
            by_length: dict[int, list[str]] = {}
            for end, length in automaton.iter(token):
                if length < size:
                    by_length.setdefault(length, []).append(
                        token[end - length + 1 : end + 1]
                    )
            for length in sorted(by_length):
                out.extend(by_length[length])
            if cost is not None:
                cost.operations += size + sum(map(len, by_length.values()))
        out.append(token)
        if cost is not None:
            cost.operations += 1
    return out


def _is_noise(token: str) -> bool:
    # Unicode categories P* (punctuation), S* (symbols), Z* (separators), C* (control).
    return all(unicodedata.category(c)[0] in "PSZC" for c in token)


def segment(text: str, *, cost: SegmentCost | None = None) -> list[str]:
    """Return search-mode tokens of ``text`` (NFKC, no punctuation, ASCII lowered);
    linear in the length of ``text``."""
    normalised = unicodedata.normalize("NFKC", text)
    raw = _with_domain_subwords(_get_jieba().cut_for_search(normalised), cost)
    if cost is not None:
        # strip, the noise test and lower-casing each read every token once.
        cost.operations += len(normalised) + sum(len(t) for t in raw)
    tokens = (t.strip() for t in raw)
    return [t.translate(_ASCII_LOWER) for t in tokens if t and not _is_noise(t)]


def search_terms(query: str) -> list[str]:
    """Return the distinct search-mode tokens of ``query``, first occurrence order."""
    return list(dict.fromkeys(segment(query)))


# ---------------------------------------------------------------- personal data


@dataclass(frozen=True)
class Finding:
    """Personal data found in a text; ``text[start:end] == value``."""

    kind: str  # "id_number" | "mobile" | "bank_card" | "email"
    start: int
    end: int
    value: str


# Each pattern opens with a one-character lookahead: re then rejects most positions
# of Chinese text at once (about 3x faster than trying the alternatives).

# GB 11643-1999: 6 地址码 + YYYYMMDD + 3 顺序码 + check (X or x).
_ID_RE = re.compile(
    r"(?=[1-9])(?<![0-9])"
    r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx]"
    r"(?![0-9])",
    re.ASCII,
)
_CARD_RE = re.compile(
    r"(?=[0-9])(?<![0-9])(?:"
    # an unbroken run ending in an ASCII letter is a code (a USCC ends in its
    # check character), not a card
    r"[0-9]{16,19}(?![0-9A-Za-z])"
    # grouped form: fours separated by one consistent space or hyphen; the whole
    # group run must not continue (a fifth group of four is not a card).
    r"|(?<![0-9][ -])[0-9]{4}(?P<sep>[ -])[0-9]{4}(?:(?P=sep)[0-9]{4}){2}"
    r"(?:(?P=sep)[0-9]{1,3})?(?![0-9])(?![ -][0-9])"
    r")",
    re.ASCII,
)
_MOBILE_RE = re.compile(
    r"(?=[0-9+])(?<![0-9+])(?:(?:\+|00)?86[ -]?)?"
    r"1[3-9][0-9](?P<sep>[ -]?)[0-9]{4}(?P=sep)[0-9]{4}"
    r"(?![0-9])",
    re.ASCII,
)
_EMAIL_RE = re.compile(
    r"(?=[A-Za-z0-9._%+-])(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+"
    r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])",
    re.ASCII,
)


def _valid_id(candidate: str) -> bool:
    number = candidate.upper()
    return (
        id_birth_date(number) is not None and ric.calc_check_digit(number) == number[17]
    )


def _valid_card(candidate: str) -> bool:
    return luhn.is_valid(candidate.replace(" ", "").replace("-", ""))


def scan_personal_data(text: str) -> list[Finding]:
    """Return the ID numbers, mobiles, bank cards and e-mails in ``text`` by start."""
    folded = fold_width(text)
    # Accepted spans, disjoint and sorted: an overlap test needs only the neighbours.
    starts: list[int] = []
    ends: list[int] = []
    findings: list[Finding] = []

    def add(kind: str, start: int, end: int) -> None:
        i = bisect.bisect_right(starts, start)
        if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            return  # already covered by a higher-priority finding
        starts.insert(i, start)
        ends.insert(i, end)
        findings.append(Finding(kind, start, end, text[start:end]))

    for m in _EMAIL_RE.finditer(folded):
        add("email", m.start(), m.end())
    for m in _ID_RE.finditer(folded):
        if _valid_id(m.group()):
            add("id_number", m.start(), m.end())
    for m in _CARD_RE.finditer(folded):
        if _valid_card(m.group()):
            add("bank_card", m.start(), m.end())
    for m in _MOBILE_RE.finditer(folded):
        add("mobile", m.start(), m.end())
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


# ---------------------------------------------------------------- sensitive words


@dataclass(frozen=True)
class WordMatch:
    """An occurrence of a configured sensitive word; ``word`` as configured."""

    word: str
    start: int
    end: int
    level: str  # e.g. "block" | "warn"


def _fold_key(text: str) -> str:
    return fold_width(text).translate(_ASCII_LOWER)


class SensitiveMatcher:
    """Find every occurrence of configured words (ASCII case and width ignored)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        # Words that fold to the same key ("ABC", "abc") are all kept and reported.
        entries: dict[str, list[tuple[str, str]]] = {}
        for word, level in words.items():
            if word:
                entries.setdefault(_fold_key(word), []).append((word, level))
        self._automaton: ahocorasick.Automaton | None = None
        if entries:
            automaton = ahocorasick.Automaton()
            for key, items in entries.items():
                automaton.add_word(key, (len(key), tuple(items)))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str) -> list[WordMatch]:
        """Return all matches in ``text``, overlapping ones included, by position."""
        if self._automaton is None or not text:
            return []
        matches = [
            WordMatch(word, end + 1 - length, end + 1, level)
            for end, (length, items) in self._automaton.iter(_fold_key(text))
            for word, level in items
        ]
        matches.sort(key=lambda m: (m.start, m.end, m.word))
        return matches
