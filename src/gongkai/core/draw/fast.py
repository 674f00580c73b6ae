"""Bulk fast paths for validating large snapshots (DRAW.md §3, §4, §13).

§13 allows faster code paths only if they give identical output. Every function here
either accepts input that the per-record validators of :mod:`.fields` would accept
*unchanged* (already canonical and NFC), returning the same values, or returns
``None``; the caller then runs the slow path, which produces the exact error (code
and JSON path) or the canonical form. A fast path never rejects anything itself.

The savings: codes, dates and texts repeat (a million targets share a few hundred
region and industry codes), so each *distinct* value is validated once; USCCs are
checked in one pass over their concatenation, the check characters (§3 step 5) with
big-integer lane arithmetic instead of a Python loop per USCC.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import eq, itemgetter
from typing import Any

from .errors import DrawInputError
from .fields import _CODE, USCC_ALPHABET, USCC_WEIGHTS, date, text

_ALPHABET_BYTES = USCC_ALPHABET.encode("ascii")
# The 18th character's value is added with weight 1: (S + v18) ≡ 0 (mod 31) ⇔ the
# check character is alphabet[(31 − S mod 31) mod 31] (§3 step 5).
_WEIGHTS = (*USCC_WEIGHTS, 1)


def _position_table(weight: int) -> bytes:
    table = bytearray(256)
    for value, char in enumerate(USCC_ALPHABET):
        table[ord(char)] = value * weight % 31
    return bytes(table)


_TABLES = tuple(_position_table(w) for w in _WEIGHTS)
# Lane sums are at most 18 × 30 = 540; a valid USCC's sum is a multiple of 31.
_MULTIPLES_OF_31 = frozenset(range(0, 18 * 30 + 1, 31))


def all_canonical_usccs(usccs: Sequence[Any]) -> bool:
    """True iff every item is a str already in canonical USCC form with a valid check
    character, i.e. :func:`.fields.canonical_uscc` would return it unchanged."""
    try:
        joined = "".join(usccs)  # TypeError unless every item is a str
        raw = joined.encode("ascii")  # UnicodeEncodeError for non-ASCII
    except (TypeError, UnicodeEncodeError):
        return False
    n = len(usccs)
    if n == 0:
        return True
    if len(raw) != 18 * n or set(map(len, usccs)) != {18}:
        return False
    if raw.translate(None, _ALPHABET_BYTES):  # a character outside the alphabet
        return False
    return _check_characters_ok(raw, n)


def _check_characters_ok(raw: bytes, n: int) -> bool:
    # One 16-bit lane per USCC. For position i, the bytes raw[i::18] (the i-th
    # character of every USCC) are mapped to value·w_i mod 31 and added into the
    # lanes as one big integer; lanes never carry (each sum ≤ 540 < 2^16).
    lanes = bytearray(2 * n)
    total = 0
    for i, table in enumerate(_TABLES):
        lanes[0::2] = raw[i::18].translate(table)
        total += int.from_bytes(lanes, "little")
    sums = array("H")
    sums.frombytes(total.to_bytes(2 * n, "little"))
    if sys.byteorder == "big":
        sums.byteswap()
    return set(sums) <= _MULTIPLES_OF_31


def distinct_codes_ok(values: Iterable[Any]) -> bool:
    """True iff every distinct value is a str that is a valid §3 code."""
    try:
        distinct = set(values)
    except TypeError:  # an unhashable value (a list or object): not a code
        return False
    return all(type(v) is str and _CODE.fullmatch(v) for v in distinct)


def distinct_dates_ok(values: Iterable[Any]) -> bool:
    """True iff every distinct value is null or a valid §3 date string."""
    try:
        distinct = set(values)
    except TypeError:
        return False
    for v in distinct:
        if v is None:
            continue
        if type(v) is not str:
            return False
        try:
            date(v, "$")
        except DrawInputError:
            return False
    return True


def distinct_texts_ok(values: Iterable[Any], max_len: int) -> bool:
    """True iff every distinct value is an ASCII str that is a valid §3 text.

    ASCII only: a non-ASCII text may need NFC normalisation, left to the slow path.
    """
    try:
        distinct = set(values)
    except TypeError:
        return False
    for v in distinct:
        if type(v) is not str or not v.isascii():
            return False
        try:
            text(v, "$", max_len)
        except DrawInputError:
            return False
    return True


TARGET_KEYS = ("uscc", "region", "industry", "risk", "last_inspected", "status")
_TARGET_KEY_SET = frozenset(TARGET_KEYS)


def target_columns(raw: Any) -> tuple[tuple[Any, ...], ...] | None:
    """The six columns of valid, canonical target records, or None (use the slow path).

    Does not check for duplicate USCCs; the caller does.
    """
    if type(raw) is not list:
        return None
    if not raw:
        return ((),) * len(TARGET_KEYS)
    try:
        # dict.keys() of a non-dict raises TypeError; eq compares a keys view and a
        # frozenset as sets, so a missing or unknown field makes it False.
        if not all(map(eq, map(dict.keys, raw), repeat(_TARGET_KEY_SET))):
            return None
    except TypeError:
        return None
    columns = tuple(tuple(map(itemgetter(key), raw)) for key in TARGET_KEYS)
    usccs, regions, industries, risks, lasts, statuses = columns
    if not all_canonical_usccs(usccs):
        return None
    for codes in (regions, industries, risks, statuses):
        if not distinct_codes_ok(codes):
            return None
    if not distinct_dates_ok(lasts):
        return None
    return columns


def coi_columns(raw: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]] | None:
    """Inspector ids and USCCs of valid, canonical conflict pairs, or None."""
    if type(raw) is not list:
        return None
    if not raw:
        return (), ()
    if set(map(type, raw)) != {list} or set(map(len, raw)) != {2}:
        return None
    ids, usccs = tuple(map(itemgetter(0), raw)), tuple(map(itemgetter(1), raw))
    if not distinct_texts_ok(ids, 64) or not all_canonical_usccs(usccs):
        return None
    return ids, usccs
