"""Reads behind the forgiving search: the thesaurus in force, a query read
against it and the index statistics (``plan_query``) and, for a query that
matched nothing, the nearest queries that do match."""

from __future__ import annotations

from collections.abc import Sequence
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


def forget_thesaurus() -> None:
    """Read the thesaurus again at the next search (``services._bump``)."""
    _thesauri.clear()


def frequencies_of(words: Sequence[str]) -> dict[str, int]:
    """How many entries hold each of ``words`` (``SearchTerm``; missing: at most one)."""
    if not words:
        return {}
    marks = ",".join(["%s"] * len(words))
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT term, entries FROM search_searchterm WHERE term IN ({marks})",  # noqa: S608
            list(words),
        )
        return dict(cur.fetchall())


def _statistics(
    words: Sequence[str], codes: Sequence[str]
) -> tuple[object, int, float, dict[str, int], bool, int]:
    """The search version, the index statistics (entries, average length),
    ``frequencies_of(words)``, whether any entry carries one of ``codes`` and the
    highest entry id, in one statement."""
    marks = ",".join(["%s"] * len(words)) or "NULL"
    code_marks = ",".join(["%s"] * len(codes)) or "NULL"
    with connection.cursor() as cur:
        cur.execute(
            "SELECT 0, NULL, value, NULL FROM search_searchversion WHERE id = 1 "  # noqa: S608
            "UNION ALL SELECT 1, NULL, entries, average_length FROM search_searchstats "
            "UNION ALL SELECT 2, term, entries, NULL FROM search_searchterm "
            f"WHERE term IN ({marks}) "
            "UNION ALL SELECT 3, NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM "
            f"search_searchcode WHERE code IN ({code_marks})) "
            "UNION ALL SELECT 4, NULL, MAX(id), NULL FROM search_searchentry",
            [*words, *codes],
        )
        rows = cur.fetchall()
    version, entries, average, frequencies, coded, top = None, 0, 0.0, {}, False, 0
    for kind, term, number, length in rows:
        if kind == 0:
            version = number
        elif kind == 1:
            entries, average = number, length
        elif kind == 2:
            frequencies[term] = number
        elif kind == 3:
            coded = True
        else:
            top = number or 0
    return version, entries, average, frequencies, coded, top


def plan_query(
    query: str, *, also: Sequence[str] = (), codes: Sequence[str] = ()
) -> Plan:
    """Read ``query``: thesaurus groups, then compounds the index does not know
    replaced by their parts (only once the statistics exist: before, every word
    is unknown). The thesaurus is read again only when the search version moved:
    a search reads the version, the statistics, the frequencies of its words and
    of the words ``also`` (the query's tokens, for the suggestions) and whether
    one of ``codes`` is known (``Plan.coded``) and the highest entry id, in one
    statement."""
    name = str(connection.settings_dict["NAME"])
    for _attempt in range(2):
        read_at, thesaurus = _thesauri.get(name) or (_UNREAD, _BUILTIN)
        groups = parse(query, thesaurus, query_tokens)
        words = list(dict.fromkeys([*(w for g in groups for w in g.words()), *also]))
        version, entries, average, frequencies, coded, top = _statistics(words, codes)
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
        frequencies.update(frequencies_of(list(dict.fromkeys(more))))
    ranked = list(dict.fromkeys([*(w for g in groups for w in g.words()), *replaced]))
    return Plan(groups, ranked, frequencies, entries, average, coded, top)


def _inner(word: str) -> set[str]:
    """Every part of ``word`` of two characters or more, but the whole."""
    return {
        word[i : i + n] for n in range(2, len(word)) for i in range(len(word) - n + 1)
    }


def _candidates(plan: Plan) -> list[tuple[str, list[Group]]]:
    """Queries near the planned one: each group left out in turn, then each
    unknown word replaced by the longest (then commonest) known word inside it
    (the parts of every unknown word looked up in one statement)."""
    groups = plan.groups
    out: list[tuple[str, list[Group]]] = []
    if len(groups) >= 2:
        for i in range(len(groups)):
            rest = groups[:i] + groups[i + 1 :]
            out.append((" ".join(g.text for g in rest), rest))
    unknown: dict[int, str] = {}
    for i, group in enumerate(groups):
        if len(group.alternatives) != 1 or len(group.alternatives[0]) != 1:
            continue
        word = group.alternatives[0][0]
        if word not in plan.frequencies and 3 <= len(word) <= MAX_SIMILAR_WORD:
            unknown[i] = word
    parts = {i: _inner(word) for i, word in unknown.items()}
    known = frequencies_of(sorted(set().union(*parts.values())))
    for i, inner in parts.items():
        found = [w for w in inner if w in known]
        if found:
            better = max(found, key=lambda w: (len(w), known[w], w))
            changed = [*groups[:i], Group(better, ((better,),)), *groups[i + 1 :]]
            out.append((" ".join(g.text for g in changed), changed))
    return out


def nearest_queries(plan: Plan, where: str, params: list[Any]) -> list[str]:
    """Up to MAX_NEAREST queries near ``plan`` that match at least one visible row
    (only when the query itself matched nothing): the candidates are looked up
    MAX_NEAREST at a time, each batch in one statement (``any_match``)."""
    candidates = [(text, groups) for text, groups in _candidates(plan) if text]
    found: list[str] = []
    for start in range(0, len(candidates), MAX_NEAREST):
        batch = candidates[start : start + MAX_NEAREST]
        matched = backend_for().any_match(
            [groups for _text, groups in batch],
            where=where,
            params=params,
            frequencies=plan.frequencies,
            entries=plan.entries,
            top_id=plan.top_id,
        )
        for (text, _groups), hit in zip(batch, matched, strict=True):
            if hit and text not in found:
                found.append(text)
        if len(found) >= MAX_NEAREST:
            break
    return found[:MAX_NEAREST]
