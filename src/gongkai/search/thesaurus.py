"""How a query is read: thesaurus expansion and compounds split into their parts
(pure; no Django).

A query becomes a list of ``Group``: a row matches when it matches every group,
and it matches a group when it holds all the words of any one of the group's
alternatives (an AND of OR groups; both engines evaluate it in their index,
so expansion adds no work per row).

* Thesaurus: a phrase of a ``SynonymSet`` found in the query (ignoring case,
  width, spaces and punctuation between its characters) becomes one group whose
  alternatives are the set's phrases; a ``directed`` set expands its first
  phrase to the others only (``信息公开年报`` → ``政府信息公开工作年度报告``, not
  back: the long form is already precise).
* The rest of the query is segmented as documents are; each word not part of a
  longer query word (``dominant``) is a group of one.
* A compound the index does not know (``parts``: no ``SearchTerm`` row, so held
  by at most one entry) is replaced by its dictionary parts: ``双随机一公开``
  typed whole finds the documents that write ``双随机、一公开``. Search-mode
  segmentation gives a compound together with its parts, in documents and
  queries alike, so the parts find every row the compound would have found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Tokenize = Callable[[str], list[str]]


@dataclass(frozen=True)
class SynonymSet:
    """Phrases that mean the same; ``directed``: the first expands to the others."""

    phrases: tuple[str, ...]
    directed: bool = False


@dataclass(frozen=True)
class Group:
    """What one part of a query (``text``, as typed) asks for: any alternative,
    each an AND of index words."""

    text: str
    alternatives: tuple[tuple[str, ...], ...]

    def words(self) -> list[str]:
        """The distinct words of every alternative, in order."""
        return list(dict.fromkeys(w for alt in self.alternatives for w in alt))

    def expression(self, word: Callable[[str], str], and_: str, or_: str) -> str:
        """The group as an engine expression (``word``: one word quoted for the
        engine): a plain word stays a plain word (the same query, and plan, as
        without expansion); alternatives are ORed."""
        alternatives = [
            and_.join(word(w) for w in alt) for alt in self.alternatives if alt
        ]
        if len(alternatives) == 1:
            return alternatives[0]
        return "(" + or_.join(f"({a})" for a in alternatives) + ")"

    def held_by(self, frequencies: Mapping[str, int]) -> int:
        """At most how many entries match the group: for each alternative its
        rarest word's entries (a word missing from the statistics counts as
        one), summed."""
        return sum(
            min(frequencies.get(w, 1) for w in alt) for alt in self.alternatives if alt
        )


@dataclass
class Plan:
    """A query as the engines are asked it: the groups, the words ranked by
    (every group's words and the compounds replaced by their parts), and the
    index statistics of those words (``SearchTerm``, ``SearchStats``)."""

    groups: list[Group]
    ranked: list[str]
    frequencies: dict[str, int]
    entries: int
    average: float
    # Whether some entry, visible or not, carries one of the query's codes; None:
    # not looked up (the search asks for the rows carrying them along its walk).
    coded: bool | None = False
    top_id: int = 0  # the highest entry id (where the walks of the newest start)


# Abbreviations and synonyms of the openness and market-supervision domain that
# hold everywhere; an office adds its own in the workbench (SearchSynonym).
BUILTIN: tuple[SynonymSet, ...] = (
    SynonymSet(("信息公开年报", "政府信息公开工作年度报告"), directed=True),
    SynonymSet(("年报", "年度报告")),
    SynonymSet(
        ("双公示", "行政许可和行政处罚信息公示", "行政许可行政处罚信用信息公示")
    ),
    SynonymSet(("市场监管总局", "国家市场监督管理总局")),
    SynonymSet(("市场监管局", "市场监督管理局")),
    SynonymSet(("质监局", "质量技术监督局")),
    SynonymSet(("质检总局", "国家质量监督检验检疫总局")),
    SynonymSet(("工商局", "工商行政管理局")),
    SynonymSet(("食药监局", "食品药品监督管理局")),
    SynonymSet(("发改委", "发展改革委", "发展和改革委员会")),
    SynonymSet(("互联网+", "互联网＋")),
    SynonymSet(("放管服", "简政放权、放管结合、优化服务")),
    SynonymSet(("抽检", "抽样检验")),
    SynonymSet(("维保", "维护保养")),
)

# Between the characters of a phrase a query may put spaces, punctuation or
# quotation marks (``双随机、一公开`` for ``双随机一公开``).
_SEPARATOR = r"[\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20!-/:-@\[-`{-~·•—…“”‘’]*"


def compact(text: str) -> str:
    """NFKC, lower-cased, without spaces, punctuation or symbols."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in folded if unicodedata.category(c)[0] not in "PSZC")


def normalise(query: str) -> str:
    """NFKC, lower-cased, runs of white space as one space: a query as counted."""
    return " ".join(unicodedata.normalize("NFKC", query).lower().split())


def dominant(terms: Sequence[str]) -> list[str]:
    """The terms that are not part of another term.

    Segmentation in search mode gives a long word with its parts (产品质量 → 产品,
    质量, 产品质量), in the query and in every indexed text alike, so a row holding
    the long word holds its parts: requiring the parts too changes no match and
    only multiplies the ranking work."""
    return [t for t in terms if not any(t != other and t in other for other in terms)]


def _pattern(phrase: str) -> re.Pattern[str] | None:
    chars = compact(phrase)
    if not chars:
        return None
    return re.compile(_SEPARATOR.join(re.escape(c) for c in chars))


def _alternative(phrase: str, tokenize: Tokenize) -> tuple[str, ...]:
    return tuple(dominant(list(dict.fromkeys(tokenize(phrase)))))


@dataclass(frozen=True)
class Trigger:
    """A phrase that expands: its set, its characters (``compact``) and the
    pattern that finds it in a query."""

    phrase: str
    synset: SynonymSet
    key: str
    pattern: re.Pattern[str]


class Thesaurus:
    """The phrases of ``synonyms`` that expand, compiled once, longest first."""

    def __init__(self, synonyms: Iterable[SynonymSet]) -> None:
        triggers = []
        for synset in synonyms:
            for phrase in synset.phrases[:1] if synset.directed else synset.phrases:
                pattern = _pattern(phrase)
                if pattern is not None:
                    triggers.append(Trigger(phrase, synset, compact(phrase), pattern))
        triggers.sort(key=lambda t: -len(t.key))
        self.triggers = tuple(triggers)


def parse(
    query: str, synonyms: Thesaurus | Iterable[SynonymSet], tokenize: Tokenize
) -> list[Group]:
    """The groups of ``query``: thesaurus phrases first (longest first), then the
    words of the rest, in the order they were typed."""
    thesaurus = synonyms if isinstance(synonyms, Thesaurus) else Thesaurus(synonyms)
    text = unicodedata.normalize("NFKC", query).lower()
    # A phrase inside a longer word of the query is part of that word (年度报告
    # in 政府信息公开工作年度报告), not a use of the phrase.
    whole = [compact(w) for w in dominant(list(dict.fromkeys(tokenize(text))))]
    found: list[tuple[int, Group]] = []
    for trigger in thesaurus.triggers:
        if any(trigger.key in w and trigger.key != w for w in whole):
            continue
        match = trigger.pattern.search(text)
        if match is None:
            continue
        text = text[: match.start()] + " " + text[match.end() :]
        phrases = trigger.synset.phrases
        ordered = [trigger.phrase, *(p for p in phrases if p != trigger.phrase)]
        alternatives = [_alternative(p, tokenize) for p in ordered]
        unique = tuple(dict.fromkeys(a for a in alternatives if a))
        if unique:
            found.append((match.start(), Group(match.group(), unique)))
    words = dominant(list(dict.fromkeys(tokenize(text))))
    found += [(max(text.find(w), 0), Group(w, ((w,),))) for w in words]
    found.sort(key=lambda f: f[0])
    return [group for _position, group in found]


def parts(word: str, tokenize: Tokenize) -> tuple[str, ...]:
    """The dictionary words inside ``word`` that cover it (single characters only
    when there is nothing longer); empty when it has none."""
    inner = [t for t in dict.fromkeys(tokenize(word)) if t != word]
    longer = [t for t in inner if len(t) > 1]
    return tuple(dominant(longer or inner))


def split_unknown(
    groups: Sequence[Group], known: Callable[[str], bool], tokenize: Tokenize
) -> tuple[list[Group], list[str]]:
    """``groups`` with every unknown compound replaced by its parts, and the
    compounds replaced (still worth ranking by: a row holding one whole is the
    better match)."""
    replaced: list[str] = []
    out = []
    for group in groups:
        alternatives = []
        for alt in group.alternatives:
            words: list[str] = []
            for word in alt:
                inner = () if known(word) else parts(word, tokenize)
                if inner:
                    replaced.append(word)
                words.extend(inner or (word,))
            alternatives.append(tuple(dict.fromkeys(words)))
        out.append(Group(group.text, tuple(dict.fromkeys(alternatives))))
    return out, list(dict.fromkeys(replaced))
