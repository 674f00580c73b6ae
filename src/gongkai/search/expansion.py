"""Reads behind the forgiving search: the thesaurus in force, a query read
against it and the index statistics (``plan_query``) and, for a query that
matched nothing, the nearest queries that do match."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from .backends import backend_for, query_tokens
from .thesaurus import (
    BUILTIN,
    Group,
    Plan,
    SynonymSet,
    Thesaurus,
    parse,
    split_unknown,
)

MAX_NEAREST = 5
# Unknown words this long or shorter are tried as their known sub-words.
MAX_SIMILAR_WORD = 12


def synonyms() -> list[SynonymSet]:
    """The built-in thesaurus and the office's sets (``SearchSynonym``)."""
    with connection.cursor() as cur:
        cur.execute("SELECT phrases, directed FROM search_searchsynonym ORDER BY id")
        rows = cur.fetchall()
    office = [
        SynonymSet(tuple(p.strip() for p in text.splitlines() if p.strip()), directed)
        for text, directed in rows
    ]
    return [*BUILTIN, *(s for s in office if len(s.phrases) >= 2)]


# The thesaurus in force, compiled, per database: (the search version it was read
# at, the thesaurus). Every write that changes it bumps the version
# (``services._bump``, which also forgets it here: a rolled back write can leave
# a version number that comes again with other content).
_thesauri: dict[str, tuple[object, Thesaurus]] = {}
_UNREAD = object()
_BUILTIN = Thesaurus(BUILTIN)


@dataclass
class _Known:
    """What the statistics statements told this process for one search state
    (``state.search_state``, which every index write changes): the search
    version, entries, average length and highest id, how many entries hold each
    word looked up (None: at most one) and whether any entry carries each code."""

    owner: tuple[str, str]
    base: tuple[object, int, float, int]
    words: dict[str, int | None] = field(default_factory=dict)
    codes: dict[str, bool] = field(default_factory=dict)


# A search whose words and codes were all looked up before in its search state
# sends no statistics statement (the index's commonest words come again and
# again). At most MAX_KNOWN words and codes are kept; past that, all but the
# search's own are dropped.
MAX_KNOWN = 50_000
_known: list[_Known | None] = [None]
_lock = threading.Lock()


def forget() -> None:
    """Read the thesaurus and the statistics again at the next search
    (``services._bump``)."""
    _thesauri.clear()
    _known[0] = None


def _known_for(state: str | None) -> _Known | None:
    if state is None:  # content keeps changing: nothing is kept
        return None
    known = _known[0]
    owner = (str(connection.settings_dict["NAME"]), state)
    return known if known is not None and known.owner == owner else None


def frequencies_of(words: Sequence[str], state: str | None = None) -> dict[str, int]:
    """How many entries hold each of ``words`` (``SearchTerm``; missing: at most
    one), those looked up before in ``state`` from what is kept."""
    known = _known_for(state)
    kept, _codes = _kept(known, words, ())
    asked = [w for w in words if w not in kept]
    found: dict[str, int] = {}
    if asked:
        marks = ",".join(["%s"] * len(asked))
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT term, entries FROM search_searchterm WHERE term IN ({marks})",  # noqa: S608
                asked,
            )
            found = dict(cur.fetchall())
    if known is None:
        return found
    now = {w: kept[w] if w in kept else found.get(w) for w in words}
    _keep(known, now, {})
    return {w: n for w, n in now.items() if n is not None}


def _kept(
    known: _Known | None, words: Sequence[str], codes: Sequence[str]
) -> tuple[dict[str, int | None], dict[str, bool]]:
    """What ``known`` holds of ``words`` and ``codes``."""
    if known is None:
        return {}, {}
    with _lock:
        return (
            {w: known.words[w] for w in words if w in known.words},
            {c: known.codes[c] for c in codes if c in known.codes},
        )


def _keep(known: _Known, words: dict[str, int | None], codes: dict[str, bool]) -> None:
    """Keep a search's ``words`` and ``codes``; past MAX_KNOWN only these."""
    with _lock:
        new = sum(w not in known.words for w in words)
        new += sum(c not in known.codes for c in codes)
        if new and len(known.words) + len(known.codes) + new > MAX_KNOWN:
            known.words.clear()
            known.codes.clear()
        known.words.update(words)
        known.codes.update(codes)


def _inner(word: str) -> set[str]:
    """Every part of ``word`` of two characters or more, but the whole."""
    return {
        word[i : i + n] for n in range(2, len(word)) for i in range(len(word) - n + 1)
    }


def _similar(word: str) -> bool:
    """Whether ``word``, unknown, is tried as its known parts
    (``nearest_candidates``)."""
    return 3 <= len(word) <= MAX_SIMILAR_WORD


def _read_statistics(
    words: Sequence[str],
    codes: Sequence[str],
    parts: Sequence[str] = (),
    *,
    base: bool = True,
) -> tuple[tuple[object, int, float, int] | None, dict[str, int], dict[str, bool]]:
    """The search version, the index statistics (entries, average length, highest
    entry id; None where ``base`` is false: they are known), ``frequencies_of(words)``
    (and of ``parts``, in the same mapping) and whether any entry carries each of
    ``codes``, in one statement."""
    words = [*words, *parts]
    branches = [
        "SELECT 0, NULL, value, NULL FROM search_searchversion WHERE id = 1",
        "SELECT 1, NULL, entries, average_length FROM search_searchstats",
        "SELECT 4, NULL, MAX(id), NULL FROM search_searchentry",
    ][: 3 if base else 0]
    if words:
        marks = ",".join(["%s"] * len(words))
        branches.append(
            "SELECT 2, term, entries, NULL FROM search_searchterm "  # noqa: S608
            f"WHERE term IN ({marks})"
        )
    branches += [
        "SELECT 3, %s, NULL, NULL WHERE EXISTS "
        "(SELECT 1 FROM search_searchcode WHERE code = %s)"
    ] * len(codes)
    with connection.cursor() as cur:
        cur.execute(
            " UNION ALL ".join(branches),
            [*words, *(x for code in codes for x in (code, code))],
        )
        rows = cur.fetchall()
    version, entries, average, top = None, 0, 0.0, 0
    frequencies: dict[str, int] = {}
    carried = dict.fromkeys(codes, False)
    for kind, text, number, length in rows:
        if kind == 0:
            version = number
        elif kind == 1:
            entries, average = number, length
        elif kind == 2:
            frequencies[text] = number
        elif kind == 3:
            carried[text] = True
        else:
            top = number or 0
    read = (version, entries, average, top) if base else None
    return read, frequencies, carried


def _statistics(
    words: Sequence[str], codes: Sequence[str], state: str | None
) -> tuple[object, int, float, dict[str, int], bool | None, int]:
    """The search version, the index statistics (entries, average length),
    ``frequencies_of(words)``, whether any entry carries one of ``codes`` (None:
    not looked up) and the highest entry id: what was not looked up before in
    ``state`` read in one statement, the rest from what is kept. Where only
    codes are new, no statement: the search asks for the rows carrying them
    along its walk, in the same round trip (``selectors.search_run``)."""
    known = _known_for(state)
    kept, kept_codes = _kept(known, words, codes)
    asked = [w for w in words if w not in kept]
    asked_codes = [c for c in codes if c not in kept_codes]
    # Kept, a new word's parts are asked with it: should the search match
    # nothing, its nearest queries try an unknown word's known parts.
    similar: set[str] = set()
    if state is not None:
        similar = {p for w in asked if _similar(w) for p in _inner(w)} - set(words)
    kept_parts, _none = _kept(known, sorted(similar), ())
    parts = sorted(similar - kept_parts.keys())
    unasked: list[str] = []
    if known is None:
        read, found, carried = _read_statistics(asked, asked_codes, parts)
        assert read is not None
        base = read
    else:  # the version and the index statistics are known in the state
        base, found, carried = known.base, {}, {}
        if asked:
            _base, found, carried = _read_statistics(
                asked, asked_codes, parts, base=False
            )
        else:
            unasked = asked_codes
    if state is None:
        version, entries, average, top = base
        return version, entries, average, found, any(carried.values()), top
    if known is None:
        known = _Known((str(connection.settings_dict["NAME"]), state), base)
        _known[0] = known
    # The state's figures stay those first read for it (words read later may
    # already count a write another process made since).
    now = {w: kept[w] if w in kept else found.get(w) for w in words}
    now_codes = {
        c: kept_codes.get(c, carried.get(c, False)) for c in codes if c not in unasked
    }
    # Only an unknown word's parts are kept.
    unknown = {p for w in asked if w not in found and _similar(w) for p in _inner(w)}
    looked_up = {**kept_parts, **{p: found.get(p) for p in parts}}
    _keep(known, {**{p: looked_up[p] for p in unknown - now.keys()}, **now}, now_codes)
    version, entries, average, top = known.base
    frequencies = {w: n for w, n in now.items() if n is not None}
    coded = True if any(now_codes.values()) else (None if unasked else False)
    return version, entries, average, frequencies, coded, top


def plan_query(
    query: str,
    *,
    also: Sequence[str] = (),
    codes: Sequence[str] = (),
    state: str | None = None,
) -> Plan:
    """Read ``query``: thesaurus groups, then compounds the index does not know
    replaced by their parts (only once the statistics exist: before, every word
    is unknown). The thesaurus is read again only when the search version moved:
    a search reads the version, the statistics, the frequencies of its words and
    of the words ``also`` (the query's tokens, for the suggestions) and whether
    one of ``codes`` is known (``Plan.coded``) and the highest entry id, in one
    statement, or none where all its words were looked up before in ``state``
    (the search's; its new codes are then asked along the search)."""
    name = str(connection.settings_dict["NAME"])
    for _attempt in range(2):
        read_at, thesaurus = _thesauri.get(name) or (_UNREAD, _BUILTIN)
        groups = parse(query, thesaurus, query_tokens)
        words = list(dict.fromkeys([*(w for g in groups for w in g.words()), *also]))
        version, entries, average, frequencies, coded, top = _statistics(
            words, codes, state
        )
        if version == read_at:
            break
        # Read after the version: a write in between is seen by the next search.
        _thesauri[name] = (version, Thesaurus(synonyms()))
    replaced: list[str] = []
    if entries:
        groups, replaced = split_unknown(
            groups, lambda w: w in frequencies, query_tokens
        )
        more = [w for g in groups for w in g.words() if w not in words]
        frequencies.update(frequencies_of(list(dict.fromkeys(more)), state))
    ranked = list(dict.fromkeys([*(w for g in groups for w in g.words()), *replaced]))
    return Plan(groups, ranked, frequencies, entries, average, coded, top)


def nearest_candidates(plan: Plan, state: str | None = None) -> list[list[Group]]:
    """The queries near ``plan`` that ``nearest_queries`` tries, in order: each
    group left out in turn, then each unknown word replaced by the longest (then
    commonest) known word inside it. The parts of the unknown words were asked
    with the plan's statistics where its search state is kept (``_statistics``);
    otherwise they are looked up here, in one statement."""
    groups = plan.groups
    out: list[list[Group]] = []
    if len(groups) >= 2:
        out += [groups[:i] + groups[i + 1 :] for i in range(len(groups))]
    unknown: dict[int, str] = {}
    for i, group in enumerate(groups):
        if len(group.alternatives) != 1 or len(group.alternatives[0]) != 1:
            continue
        word = group.alternatives[0][0]
        if word not in plan.frequencies and _similar(word):
            unknown[i] = word
    parts = {i: _inner(word) for i, word in unknown.items()}
    known = frequencies_of(sorted(set().union(*parts.values())), state)
    for i, inner in parts.items():
        found = [w for w in inner if w in known]
        if found:
            better = max(found, key=lambda w: (len(w), known[w], w))
            out.append([*groups[:i], Group(better, ((better,),)), *groups[i + 1 :]])
    return [c for c in out if _text(c)]


def _text(groups: Sequence[Group]) -> str:
    """A candidate as the query it shows."""
    return " ".join(g.text for g in groups)


def nearest_queries(
    plan: Plan,
    where: str,
    params: list[Any],
    candidates: Sequence[Sequence[Group]],
    first: Sequence[bool] | None = None,
) -> list[str]:
    """Up to MAX_NEAREST of ``candidates`` (``nearest_candidates(plan)``) that
    match at least one visible row (only when the query itself matched
    nothing): looked up MAX_NEAREST at a time, each batch in one statement
    (``any_match``); ``first``: the first batch's answers, where the caller
    asked them."""
    found: list[str] = []
    for start in range(0, len(candidates), MAX_NEAREST):
        batch = candidates[start : start + MAX_NEAREST]
        matched = (
            first
            if start == 0 and first is not None
            else backend_for().any_match(
                batch,
                where=where,
                params=params,
                frequencies=plan.frequencies,
                entries=plan.entries,
                top_id=plan.top_id,
            )
        )
        for groups, hit in zip(batch, matched, strict=True):
            text = _text(groups)
            if hit and text not in found:
                found.append(text)
        if len(found) >= MAX_NEAREST:
            break
    return found[:MAX_NEAREST]
