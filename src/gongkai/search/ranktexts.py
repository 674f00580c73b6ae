"""The rows a search ranks and shows, kept in the process: each entry's hit
columns (HIT_COLUMNS), its title and the first ``rules.RANK_CHARS`` characters of
its body, the texts relevance is computed from (``rules.bm25``).

Ranking reads the texts of up to ``selectors.CANDIDATES`` matches per search.
Read with the matches, they were most of what a search of two common words moved
out of the database and decoded (1.4 of 1.9 ms for 470 candidates; the scoring
itself took 1.2). The newest entries are the candidates of most searches (the
matches are walked newest first), so their texts are kept here and only the
texts not kept are read, by id, in one statement. A results page is shown from
the same rows (``selectors._hits``): its excerpts come from the kept opening of
each body where it decides them (``snippets.snippet``, ``whole``), so the page's
rows are read again, with their whole bodies, only where it does not.

Each query word's occurrences in each kept row are counted once and kept with
the rows (``scores``): counting reads the whole opening, and the commonest words
come again and again.

What is kept belongs to one ``state.search_state`` (the search's): every index
write changes it, in this process at once (``forget``) and in the others within
about a second, as for the cached search results. At most MAX_CHARS characters are kept, about
16 MB; past that, the texts read first are dropped first.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from django.db import connection

from .backends import backend_for
from .rules import (
    RANK_CHARS,
    bm25_counted,
    bm25_scores,
    case_folded,
    weighted_frequency,
)

MAX_CHARS = 8_000_000
# Each query word's weighted occurrences in each kept row it was counted in:
# counting reads the whole opening (about a nanosecond a character: 3 ms for two
# words in 500 openings of 3,000 characters), and the commonest words come again
# and again. At most MAX_COUNTS counts (about 50 bytes each: 25 MB); past that,
# the words counted first are dropped, down to half. (Two at a time, the 400
# commonest words of bench_static's 2,000 documents needed more than 330,000: at
# 200,000, all dropped past it, a search counted about 300 again; 20 with all kept.)
MAX_COUNTS = 500_000

# A hit's columns but its text (``selectors`` reads and shows them, and counts
# the facets of a search's candidates from them).
HIT_COLUMNS = (
    "e.id, e.kind, e.label, e.url, e.date, e.issuer, e.validity, e.expires_on, e.year"
)
# A kept row: HIT_COLUMNS, the title and the body's first RANK_CHARS characters.
Row = tuple[Any, ...]
YEAR, TITLE, OPENING = 8, 9, 10

_lock = threading.Lock()
_kept: dict[int, Row] = {}
_kept_for: list[object] = [None]  # (database, search state) of what is kept
_chars = [0]
# (word, whether the texts were lower-cased) -> {entry id: weighted occurrences}
_counted: dict[tuple[str, bool], dict[int, int]] = {}
_counts = [0]


def _drop() -> None:
    _kept.clear()
    _chars[0] = 0
    _counted.clear()
    _counts[0] = 0


def forget() -> None:
    """Read every text again (an index write in this process, a new test)."""
    with _lock:
        _drop()
        _kept_for[0] = None


def whole(row: Row) -> bool:
    """Whether ``row`` holds its entry's whole body (shorter than RANK_CHARS)."""
    return len(row[OPENING]) < RANK_CHARS


def _size(row: Row) -> int:
    return sum(len(v) for v in row if isinstance(v, str))


def _read(ids: Sequence[int]) -> dict[int, Row]:
    if not ids:
        return {}
    marks = ",".join(["%s"] * len(ids))
    prefix = backend_for().body_prefix(RANK_CHARS)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {HIT_COLUMNS}, e.title, {prefix} "  # noqa: S608
            f"FROM search_searchentry e WHERE e.id IN ({marks})",
            list(ids),
        )
        return {row[0]: (*row[:OPENING], row[OPENING] or "") for row in cur}


def rank_rows(
    ids: Sequence[int], state: str | None, *, read: bool = True
) -> dict[int, Row]:
    """The rows of the entries ``ids`` (an entry gone since is missing), for a
    search at ``state`` (None: content keeps changing); ``read``: those not kept
    are read (else left out)."""
    if state is None:  # content keeps changing: nothing is kept
        return _read(ids) if read else {}
    owner = (str(connection.settings_dict["NAME"]), state)
    with _lock:
        if _kept_for[0] != owner:
            _drop()
            _kept_for[0] = owner
        found = {i: row for i in ids if (row := _kept.get(i)) is not None}
    if len(found) == len(ids) or not read:
        return found
    more = _read([i for i in ids if i not in found])
    with _lock:
        if _kept_for[0] == owner:  # not forgotten meanwhile
            for i, row in more.items():
                if i not in _kept:
                    _kept[i] = row
                    _chars[0] += _size(row)
            while _chars[0] > MAX_CHARS and _kept:
                _chars[0] -= _size(_kept.pop(next(iter(_kept))))
    found.update(more)
    return found


def scores(
    rows: Sequence[Row],
    terms: Sequence[str],
    idfs: Sequence[float],
    average_length: float,
    state: str | None,
) -> list[float]:
    """``rules.bm25_scores`` of the texts of ``rows`` (kept rows, from
    ``rank_rows`` for ``state``): each word's occurrences in a row counted once
    in the state and kept."""
    texts = [(row[TITLE], row[OPENING]) for row in rows]
    owner = (str(connection.settings_dict["NAME"]), state)
    if state is None or _kept_for[0] != owner:
        return bm25_scores(texts, terms, idfs, average_length)
    folded = case_folded(terms)
    cased = folded is not None
    lowered: dict[int, tuple[str, str]] = {}
    counts = []
    for term in folded or terms:
        with _lock:
            if _kept_for[0] != owner:  # forgotten meanwhile
                return bm25_scores(texts, terms, idfs, average_length)
            if _counts[0] > MAX_COUNTS:  # the words counted first go, to half
                for word in list(_counted):
                    _counts[0] -= len(_counted.pop(word))
                    if _counts[0] <= MAX_COUNTS // 2:
                        break
            known = _counted.setdefault((term, cased), {})
        column = []
        for row in rows:
            n = known.get(row[0])
            if n is None:
                title, body = row[TITLE], row[OPENING]
                if cased:
                    if (pair := lowered.get(row[0])) is None:
                        pair = lowered[row[0]] = (title.lower(), body.lower())
                    title, body = pair
                n = known[row[0]] = weighted_frequency(title, body, term)
                _counts[0] += 1
            column.append(n)
        counts.append(column)
    lengths = [len(title) + len(body) for title, body in texts]
    return bm25_counted(counts, lengths, idfs, average_length)
