"""Pure rules of the site search (no Django)."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Sequence

from gongkai.core.doc_numbers import cn_numeral_value
from gongkai.core.text import scan_personal_data

# A 文号 quoted in running text (GB/T 9704-2012 §7.2: 机关代字〔年份〕顺序号; lenient
# brackets and 第 as core.ids accepts them). Where the 机关代字 starts cannot be told
# from the text ("引用闽质监〔2017〕126号"), so every suffix of the run of Chinese
# characters before the bracket, 2 to MAX_AGENCY long, is kept as a candidate.
# The number is found first and the run read backwards from it, so a long run of
# Chinese text without a number costs one pass, not one pass per character.
_BRACKETED_RE = re.compile(
    r"\s*[\[(【〔〖{]\s*([0-9]{4})\s*[\])】〕〗}]\s*第?\s*0*([1-9][0-9]*)\s*号"
)
MAX_AGENCY = 10
MAX_MENTIONS = 50  # distinct 文号 per text; beyond that the full-text index serves
# 令第N号, 公告YYYY年第N号, 公告第N号 (RULES.md §9) quoted in text, as the keys of
# core.doc_numbers: the issuer (joint issuers separated by a space or 、 joined up)
# may be a long name (浙江省人民代表大会常务委员会), so up to MAX_ISSUER characters.
_ISSUED_RE = re.compile(
    r"\s*(令|公告|通告)\s*(?:([0-9]{4})\s*年\s*)?第\s*"
    r"([0-9]+|[〇零一二三四五六七八九两十百千]+)\s*号"
)
MAX_ISSUER = 20


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _run_before(text: str, end: int, floor: int, limit: int, *, joint: bool) -> str:
    """The last ``limit`` Chinese characters before ``end`` (not before ``floor``);
    with ``joint``, a space or 、 between two of them is skipped (joint issuers)."""
    chars: list[str] = []
    i = end
    while i > floor and len(chars) < limit:
        char = text[i - 1]
        if _is_han(char):
            chars.append(char)
        elif not (joint and char in " 、" and chars and i - 2 >= floor):
            break
        i -= 1
    return "".join(reversed(chars))


def doc_number_mentions(text: str) -> list[str]:
    """Match keys (``core.doc_numbers.doc_number_key``) of the 文号 quoted in
    ``text``, one per possible start of the issuer, first occurrence order."""
    found: dict[str, None] = {}
    normal = unicodedata.normalize("NFKC", text)
    numbers, floor = 0, 0
    for match in _BRACKETED_RE.finditer(normal):
        run = _run_before(normal, match.start(), floor, MAX_AGENCY, joint=False)
        if len(run) < 2:
            continue
        floor = match.end()
        numbers += 1
        if numbers > MAX_MENTIONS:
            break
        year, seq = match.groups()
        for length in range(2, len(run) + 1):
            found.setdefault(f"{run[-length:]}〔{year}〕{seq}号")
    numbers, floor = 0, 0
    for match in _ISSUED_RE.finditer(normal):
        kind, year, seq = match.groups()
        number = int(seq) if seq.isdigit() else cn_numeral_value(seq)
        run = _run_before(normal, match.start(), floor, MAX_ISSUER, joint=True)
        if not number or len(run) < 2:
            continue
        floor = match.end()
        numbers += 1
        if numbers > MAX_MENTIONS:
            break
        middle = f"{year}年" if year else ""
        for length in range(2, len(run) + 1):
            found.setdefault(f"{run[-length:]}{kind}{middle}第{number}号")
    return list(found)


# Relevance: Okapi BM25 (Robertson & Zaragoza, "The Probabilistic Relevance
# Framework: BM25 and Beyond", 2009, eq. 3.15 with Lucene's non-negative idf), the
# title's occurrences counted TITLE_WEIGHT times (BM25F with one shared length
# normalisation). k1 and b are the defaults of FTS5 and Lucene. Occurrences and
# length are counted in the stored text, the same on every database: the title and
# the first RANK_CHARS characters of the body (where a document states its
# subject; it also bounds what ranking reads per candidate).
#
# One departure from the textbook formula: a text shorter than the average is
# normalised as if it were of average length (a pivot floor, as Singhal, Buckley &
# Mitra, "Pivoted document length normalization", SIGIR 1996, bound short texts).
# BM25 otherwise raises a short register row holding a word once above a document
# about that word (issue 19: 张某 of the leading-group register over the 政务公开
# work plan); a longer text is still discounted for its length.
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 10
RANK_CHARS = 4000


def idf(entries_with_term: int, entries: int) -> float:
    """Inverse document frequency: rare words weigh more; never negative."""
    df = max(1, min(entries_with_term, entries))
    return math.log(1 + (entries - df + 0.5) / (df + 0.5))


def weighted_frequency(title: str, body: str, term: str) -> int:
    """Occurrences of ``term`` in ``title`` and ``body`` (all three lower-cased by
    the caller), the title's counted TITLE_WEIGHT times."""
    return TITLE_WEIGHT * title.count(term) + body.count(term)


def bm25(
    frequencies: Sequence[float],
    idfs: Sequence[float],
    length: float,
    average_length: float,
) -> float:
    """BM25 score of one entry: ``frequencies`` (weighted, see ``weighted_frequency``)
    and ``idfs`` per query word; ``length`` in characters against the index average."""
    ratio = max(1.0, length / average_length) if average_length > 0 else 1.0
    norm = K1 * (1 - B + B * ratio)
    return sum(
        weight * tf * (K1 + 1) / (tf + norm)
        for tf, weight in zip(frequencies, idfs, strict=True)
        if tf > 0
    )


def weighted_counts(texts: Sequence[tuple[str, str]], term: str) -> list[int]:
    """``weighted_frequency`` of ``term`` in each (title, body) of ``texts``."""
    return [
        TITLE_WEIGHT * title.count(term) + body.count(term) for title, body in texts
    ]


def bm25_counted(
    counts: Sequence[Sequence[int]],
    lengths: Sequence[int],
    idfs: Sequence[float],
    average_length: float,
) -> list[float]:
    """``bm25`` of each text from its weighted occurrences of each query word
    (``counts[j][i]``: word j in text i) and its length: the same formula in one
    loop (ranking scores hundreds of candidates per query)."""
    k1_plus_1 = K1 + 1
    base = K1 * (1 - B)
    per_char = K1 * B / average_length if average_length > 0 else 0.0
    floor = K1  # the norm of a text of average length or shorter
    weighted = list(zip(counts, idfs, strict=True))
    scores = []
    for i, length in enumerate(lengths):
        norm = max(floor, base + per_char * length)
        score = 0.0
        for column, weight in weighted:
            tf = column[i]
            if tf:
                score += weight * tf * k1_plus_1 / (tf + norm)
        scores.append(score)
    return scores


def case_folded(terms: Sequence[str]) -> list[str] | None:
    """``terms`` lower-cased where one has letters with case (then the texts are
    lower-cased too: such words match case-insensitively), else None."""
    if any(t.lower() != t.upper() for t in terms):
        return [t.lower() for t in terms]
    return None


def bm25_scores(
    texts: Sequence[tuple[str, str]],
    terms: Sequence[str],
    idfs: Sequence[float],
    average_length: float,
) -> list[float]:
    """``bm25`` of each (title, body) in ``texts`` for ``terms``, its length as
    stored. Words with letters that have case are matched case-insensitively."""
    lengths = [len(title) + len(body) for title, body in texts]
    folded = case_folded(terms)
    if folded is not None:
        texts = [(title.lower(), body.lower()) for title, body in texts]
    counts = [weighted_counts(texts, term) for term in folded or terms]
    return bm25_counted(counts, lengths, idfs, average_length)


def highlight_terms(query: str, tokens: Sequence[str]) -> list[str]:
    """What a snippet marks (issue 19): each word of the query as typed, and each
    token of two or more characters that is not a bare number. The single
    characters and numbers a word is cut into (闽, 号, 2017 of a 文号) are parts the
    search matches by, not terms the visitor asked for."""
    words = [w.lower() for w in unicodedata.normalize("NFKC", query).split()]
    parts = [t for t in tokens if len(t) >= 2 and not t.isdigit()]
    return list(dict.fromkeys([*words, *parts]))


# ---------------------------------------------------------------- analytics

ANALYTICS_QUERY_CHARS = 200


def query_key(query: str) -> str:
    """A query as the office's statistics count it: NFKC, lower-cased, white space
    collapsed, control characters dropped, and every 身份证号, mobile, bank card or
    e-mail in it replaced by ``*`` (RULES.md §3.3: the statistics hold no personal
    data)."""
    words = unicodedata.normalize("NFKC", query).lower().split()
    # Control characters (NUL ...) say nothing about the query; PostgreSQL
    # refuses NUL in text.
    text = " ".join(
        kept
        for word in words
        if (kept := "".join(c for c in word if unicodedata.category(c)[0] != "C"))
    )
    for finding in reversed(scan_personal_data(text)):
        text = text[: finding.start] + "*" + text[finding.end :]
    return text[:ANALYTICS_QUERY_CHARS]


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week (ISO 8601 weeks start on Monday)."""
    return day - dt.timedelta(days=day.weekday())
