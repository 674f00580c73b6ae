"""Search result excerpts: the text around the first term found, every term
marked (``selectors``: results and suggestions)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Literal, overload

from django.utils.safestring import SafeString, mark_safe

from .rules import case_folded

_SPACES = re.compile(r"\s+")


class Marker:
    """Puts <mark> around the terms in escaped text as one pattern of them all,
    longest first and case ignored, would: the leftmost match first and, where
    several start, the longest. Each term is its own pattern, which ``re``
    keeps compiled from one search to the next: such a pattern of four Chinese
    words took 150 µs to compile, and each new query made a new one."""

    def __init__(self, longest_first: Sequence[str]) -> None:
        self._patterns = [
            re.compile(re.escape(t), re.IGNORECASE) for t in longest_first
        ]

    def mark(self, text: str) -> str:
        patterns = self._patterns
        found = [p.search(text) for p in patterns]
        out, pos = [], 0
        while True:
            first = None
            for i, match in enumerate(found):
                if match is not None and match.start() < pos:  # overlapped: again
                    match = found[i] = patterns[i].search(text, pos)
                if match is not None and (
                    first is None or match.start() < first.start()
                ):
                    first = match
            if first is None:
                break
            out += [text[pos : first.start()], "<mark>", first.group(), "</mark>"]
            pos = first.end()
        out.append(text[pos:])
        return "".join(out)


def marker(terms: Sequence[str]) -> Marker | None:
    """What ``snippet`` marks in escaped text: the terms, longest first."""
    longest_first = sorted({html.escape(t) for t in terms if t}, key=len, reverse=True)
    return Marker(longest_first) if longest_first else None


@overload
def snippet(
    body: str,
    terms: Sequence[str],
    pattern: Marker | None,
    width: int = ...,
    *,
    whole: Literal[True] = ...,
) -> SafeString: ...


@overload
def snippet(
    body: str,
    terms: Sequence[str],
    pattern: Marker | None,
    width: int = ...,
    *,
    whole: bool,
) -> SafeString | None: ...


def snippet(
    body: str,
    terms: Sequence[str],
    pattern: Marker | None,
    width: int = 120,
    *,
    whole: bool = True,
) -> SafeString | None:
    """An escaped excerpt around the first term found, every term in <mark>
    (``pattern``: ``marker(terms)``).

    ``whole=False``: ``body`` is the opening of a text that may go on. The
    excerpt is then the whole text's where the opening decides it, else None:
    where no term is found in it; where the first found starts within the
    longest term's length of its end (a term running past the end, unseen here,
    could start before it); where it ends before one character past the excerpt.

    White space runs read as one space. Only the text up to the excerpt's end is
    read so (a body holds up to 20,000 characters): a term holds no white space,
    so it is found in the raw text at the same place, and the text before it
    reads the same on its own."""
    # Words without letters of case are found in the text as it is (lower-casing
    # a 4,000-character opening took 12 µs of each result).
    lowered = body if case_folded(terms) is None else body.lower()
    found = [p for p in (lowered.find(t) for t in terms) if p >= 0]
    first = min(found) if found else 0
    # A term running past an opening's end, unseen here, may start before
    # ``first`` only if that is within the longest term's length of the end.
    if (not whole and terms) and (
        not found or first >= len(lowered) - max(map(len, terms))
    ):
        return None
    head = _SPACES.sub(" ", body[:first])
    start = max(0, len(head) - width // 4)
    # The text from the term on, read a doubling piece at a time up to one
    # character past the excerpt (whether it goes on).
    need = start + width + 1 - len(head)
    tail, end, piece = "", first, need
    while len(tail) < need and end < len(body):
        tail = _SPACES.sub(" ", tail + body[end : end + piece])
        end += piece
        piece *= 2
    if not whole and len(tail) < need:
        return None
    text = head + tail
    out = html.escape(text[start : start + width])
    if pattern is not None:
        out = pattern.mark(out)
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + out + suffix)  # noqa: S308 - built from escaped text
