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
from .rules import RANK_CHARS

MAX_CHARS = 8_000_000

# A hit's columns but its text (``selectors`` reads and shows them).
HIT_COLUMNS = "e.id, e.kind, e.label, e.url, e.date, e.issuer, e.validity, e.expires_on"
# A kept row: HIT_COLUMNS, the title and the body's first RANK_CHARS characters.
Row = tuple[Any, ...]
TITLE, OPENING = 8, 9

_lock = threading.Lock()
_kept: dict[int, Row] = {}
_kept_for: list[object] = [None]  # (database, search state) of what is kept
_chars = [0]


def forget() -> None:
    """Read every text again (an index write in this process, a new test)."""
    with _lock:
        _kept.clear()
        _kept_for[0] = None
        _chars[0] = 0


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
            _kept.clear()
            _kept_for[0] = owner
            _chars[0] = 0
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
