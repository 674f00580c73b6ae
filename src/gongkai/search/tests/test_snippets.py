"""Snippets (search/snippets.py) and facet counts (search/selectors.py) against the plain rules they
keep: the excerpt of the whole text with white space runs read as one space,
and a count of each value over every candidate."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.search import selectors, snippets


def _plain_snippet(body: str, terms: list[str], width: int = 120) -> str:
    """The excerpt as read from the whole text, white space collapsed first."""
    text = re.sub(r"\s+", " ", body)
    lowered = text.lower()
    positions = [p for p in (lowered.find(t) for t in terms) if p >= 0]
    start = max(0, min(positions) - width // 4) if positions else 0
    out = html.escape(text[start : start + width])
    longest_first = sorted({html.escape(t) for t in terms if t}, key=len, reverse=True)
    if longest_first:
        pattern = re.compile("|".join(map(re.escape, longest_first)), re.IGNORECASE)
        out = pattern.sub(lambda m: f"<mark>{m.group()}</mark>", out)
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + out + suffix


def _snippet(body: str, terms: list[str], width: int = 120) -> str:
    return str(snippets.snippet(body, terms, snippets.marker(terms), width))


SPACE = " \n\t\u3000\r"
LONG = "抽查" + " " * 500 + "说明" * 2000 + "\n\n" + "电梯抽查结果<b>" * 300


@pytest.mark.parametrize(
    ("body", "terms"),
    [
        ("", ["抽查"]),
        ("抽查", ["抽查"]),
        ("没有要找的词", ["抽查"]),
        ("  前面有空白  抽查  ", ["抽查"]),
        ("甲" * 29 + " \n " + "抽查" + "乙" * 200, ["抽查"]),  # the start inside a run
        ("甲" * 200 + "抽查", ["抽查"]),  # the term last: nothing after it
        ("甲" * 200 + "抽查" + " " * 10, ["抽查"]),  # only white space after it
        ("甲" * 200 + "抽查" + "乙" * 89, ["抽查"]),  # exactly the width: no "…"
        ("甲" * 200 + "抽查" + "乙" * 90, ["抽查"]),
        ("甲" * 60 + "抽查" + " " * 5000 + "乙" * 200, ["抽查"]),  # a long run
        ("<p>抽查 &lt;script&gt;</p>", ["抽查", "<p>"]),
        ("ISO 9001 and iso", ["iso"]),
        (LONG, ["电梯", "抽查"]),
        (LONG, ["结果"]),
        (LONG, ["没有"]),
    ],
)
def test_the_excerpt_reads_as_the_whole_text_collapsed(body, terms):
    assert _snippet(body, terms) == _plain_snippet(body, terms)


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(alphabet=st.sampled_from([*SPACE, "抽", "查", "a", "B", "<", "&"])),
    terms=st.lists(
        st.text(alphabet=st.sampled_from(["抽", "查", "a", "b", "<"]), min_size=1),
        max_size=3,
    ),
    width=st.integers(min_value=4, max_value=40),
)
def test_the_excerpt_reads_as_the_whole_text_collapsed_for_any_text(body, terms, width):
    assert _snippet(body, terms, width) == _plain_snippet(body, terms, width)


def _opening(body: str, n: int, terms: list[str], width: int = 120) -> str | None:
    out = snippets.snippet(body[:n], terms, snippets.marker(terms), width, whole=False)
    return None if out is None else str(out)


@pytest.mark.parametrize(
    ("body", "n", "terms", "decided"),
    [
        ("甲" * 200 + "抽查" + "乙" * 200, 400, ["抽查"], True),
        # The excerpt is text[170:290]: one character past it is needed.
        ("甲" * 200 + "抽查" + "乙" * 200, 291, ["抽查"], True),
        ("甲" * 200 + "抽查" + "乙" * 200, 290, ["抽查"], False),
        ("甲" * 200 + "抽查" + "乙" * 200, 150, ["抽查"], False),  # not in it
        ("甲" * 100 + "抽" + "查" * 300, 101, ["抽查"], False),  # runs past its end
        ("抽查" + "甲" * 100 + "乙" * 100, 150, ["甲乙", "抽查"], True),
        # The first term found (乙) may not be the first: 甲乙 starts before it.
        ("丙" * 150 + "甲乙" + "乙" * 150, 151, ["甲乙", "乙"], False),
        ("丙" * 150 + "甲乙" + "乙" * 150, 152, ["甲乙", "乙"], False),
        ("没有" * 150, 121, [], True),  # no terms: from the start
        ("没有" * 150, 120, [], False),
        ("短文。抽查", 5, ["抽查"], False),
        ("甲" * 60 + "抽查" + " " * 5000 + "乙" * 200, 4000, ["抽查"], False),
        ("甲" * 60 + "抽查" + "  " * 100 + "乙" * 200, 4000, ["抽查"], True),
        (LONG, 4000, ["电梯", "抽查"], True),
        (LONG, 4000, ["结果"], False),
        ("ΑΣ" * 100, 151, ["σ"], True),
    ],
)
def test_an_opening_gives_the_whole_texts_excerpt_or_none(body, n, terms, decided):
    assert _opening(body, n, terms) == (_snippet(body, terms) if decided else None)


@pytest.mark.parametrize(
    ("body", "n", "terms"),
    [
        # 乙乙乙 is found at 2, but the long term, cut off, starts at 1.
        ("丙甲乙乙乙乙乙丁", 6, ["甲乙乙乙乙乙", "乙乙乙"]),
        # A final sigma: Σ reads ς at the opening's end and σ in the whole text,
        # so the term found at the longest term's length from the end is not there.
        ("ΒΒΑΑΑΑΣΑ", 7, ["αααας"]),
    ],
)
def test_a_term_near_the_openings_end_leaves_the_excerpt_undecided(body, n, terms):
    assert _opening(body, n, terms, width=4) is None
    assert _snippet(body, terms, 4) != str(
        snippets.snippet(body[:n], terms, snippets.marker(terms), 4)
    )


@settings(max_examples=500, deadline=None)
@given(
    body=st.text(
        alphabet=st.sampled_from([*SPACE, "抽", "查", "a", "B", "<", "Σ", "Α", "İ"])
    ),
    terms=st.lists(
        st.text(alphabet=st.sampled_from(["抽", "查", "a", "b", "σ", "i"]), min_size=1),
        max_size=3,
    ),
    width=st.integers(min_value=4, max_value=40),
    cut=st.integers(min_value=0, max_value=200),
)
def test_an_opening_never_gives_another_excerpt(body, terms, width, cut):
    decided = _opening(body, cut, terms, width)
    assert decided is None or decided == _snippet(body, terms, width)


@pytest.mark.parametrize(
    ("text", "terms", "marked"),
    [
        ("baaa", ["aa", "ba"], "<mark>ba</mark><mark>aa</mark>"),  # overlapped: again
        ("ababa", ["aba", "b"], "<mark>aba</mark><mark>b</mark>a"),
        ("aaa", ["aa", "a"], "<mark>aa</mark><mark>a</mark>"),
        (
            "市场监管抽查",
            ["市场", "市场监管", "抽查"],
            "<mark>市场监管</mark><mark>抽查</mark>",
        ),
        ("ISO iso", ["iso"], "<mark>ISO</mark> <mark>iso</mark>"),
        ("&lt;b&gt;", ["<b>"], "<mark>&lt;b&gt;</mark>"),
        ("没有", ["抽查"], "没有"),
    ],
)
def test_terms_are_marked_as_one_pattern_of_them_would(text, terms, marked):
    assert snippets.marker(terms).mark(text) == marked


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(["a", "b", "A", "抽", "查", "&", ";", " "])),
    terms=st.lists(
        st.text(alphabet=st.sampled_from(["a", "b", "B", "抽", "查", "&"]), min_size=1),
        min_size=1,
        max_size=4,
    ),
)
def test_terms_are_marked_as_one_pattern_of_them_would_for_any_text(text, terms):
    longest_first = sorted({html.escape(t) for t in terms}, key=len, reverse=True)
    one = re.compile("|".join(map(re.escape, longest_first)), re.IGNORECASE)
    expected = one.sub(lambda m: f"<mark>{m.group()}</mark>", text)
    assert snippets.marker(terms).mark(text) == expected


def _plain_facets(rows):
    counts = {name: {} for name in selectors.FACETS}
    for row in rows:
        for name, value in zip(selectors.FACETS, row[3:7], strict=True):
            if value not in (None, ""):
                counts[name][str(value)] = counts[name].get(str(value), 0) + 1
    out = {
        name: sorted(bucket.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
        for name, bucket in counts.items()
    }
    out["year"] = sorted(out["year"], key=lambda kv: kv[0], reverse=True)
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(),
            st.floats(allow_nan=False),
            st.none(),
            st.sampled_from(["政策文件", "通知公告", "", None]),
            st.sampled_from([f"机关{i}" for i in range(25)] + ["", None]),
            st.one_of(st.none(), st.integers(min_value=2000, max_value=2030)),
            st.sampled_from(["有效", "已失效", ""]),
        ),
        max_size=60,
    )
)
def test_facets_count_every_candidate(rows):
    assert selectors._facets(rows) == _plain_facets(rows)
