"""The texts relevance is computed from (``rules.bm25``): each entry's title and
the first ``rules.RANK_CHARS`` characters of its body, kept in the process.

Ranking reads the texts of up to ``selectors.CANDIDATES`` matches per search.
Read with the matches, they were most of what a search of two common words moved
out of the database and decoded (1.4 of 1.9 ms for 470 candidates; the scoring
itself took 1.2). The newest entries are the candidates of most searches (the
matches are walked newest first), so their texts are kept here and only the
texts not kept are read, by id, in one statement.

What is kept belongs to one ``state.search_state`` (the search's): every index
write changes it, in this process at once (``forget``) and in the others within
about a second, as for the cached search results. At most MAX_CHARS characters are kept, about
16 MB; past that, the texts read first are dropped first.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from django.db import connection

from .backends import backend_for
from .rules import RANK_CHARS

MAX_CHARS = 8_000_000

Texts = tuple[str, str]  # (title, the body's first RANK_CHARS characters)

_lock = threading.Lock()
_kept: dict[int, Texts] = {}
_kept_for: list[object] = [None]  # (database, search state) of what is kept
_chars = [0]


def forget() -> None:
    """Read every text again (an index write in this process, a new test)."""
    with _lock:
        _kept.clear()
        _kept_for[0] = None
        _chars[0] = 0


def _read(ids: Sequence[int]) -> dict[int, Texts]:
    if not ids:
        return {}
    marks = ",".join(["%s"] * len(ids))
    prefix = backend_for().body_prefix(RANK_CHARS)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT e.id, e.title, {prefix} FROM search_searchentry e "  # noqa: S608
            f"WHERE e.id IN ({marks})",
            list(ids),
        )
        return {i: (title, body or "") for i, title, body in cur.fetchall()}


def rank_texts(ids: Sequence[int], state: str | None) -> dict[int, Texts]:
    """The texts of the entries ``ids`` (an entry gone since is missing), for a
    search at ``state`` (None: content keeps changing)."""
    if state is None:  # content keeps changing: nothing is kept
        return _read(ids)
    owner = (str(connection.settings_dict["NAME"]), state)
    with _lock:
        if _kept_for[0] != owner:
            _kept.clear()
            _kept_for[0] = owner
            _chars[0] = 0
        found = {i: texts for i in ids if (texts := _kept.get(i)) is not None}
    if len(found) == len(ids):
        return found
    read = _read([i for i in ids if i not in found])
    with _lock:
        if _kept_for[0] == owner:  # not forgotten meanwhile
            for i, texts in read.items():
                if i not in _kept:
                    _kept[i] = texts
                    _chars[0] += len(texts[0]) + len(texts[1])
            while _chars[0] > MAX_CHARS and _kept:
                title, body = _kept.pop(next(iter(_kept)))
                _chars[0] -= len(title) + len(body)
    found.update(read)
    return found
