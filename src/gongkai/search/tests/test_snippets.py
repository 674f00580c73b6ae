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
