"""Pure rules of the site search (no Django)."""

from __future__ import annotations

import re
import unicodedata

# A 文号 quoted in running text (GB/T 9704-2012 §7.2: 机关代字〔年份〕顺序号; lenient
# brackets and 第 as core.ids accepts them). Where the 机关代字 starts cannot be told
# from the text ("引用闽质监〔2017〕126号"), so every suffix of the run of Chinese
# characters before the bracket, 2 to MAX_AGENCY long, is kept as a candidate.
_MENTION_RE = re.compile(
    r"([\u4e00-\u9fff]{2,})\s*[\[(【〔〖{]\s*([0-9]{4})\s*[\])】〕〗}]\s*第?\s*0*([1-9][0-9]*)\s*号"
)
MAX_AGENCY = 10
MAX_MENTIONS = 50  # distinct 文号 per text; beyond that the full-text index serves


def doc_number_mentions(text: str) -> list[str]:
    """Canonical forms (``机关代字〔年份〕顺序号号``) of the 文号 quoted in ``text``,
    one per possible start of the 机关代字, first occurrence order."""
    found: dict[str, None] = {}
    matches = _MENTION_RE.finditer(unicodedata.normalize("NFKC", text))
    for numbers, match in enumerate(matches, start=1):
        if numbers > MAX_MENTIONS:
            break
        run, year, seq = match.groups()
        for length in range(2, min(len(run), MAX_AGENCY) + 1):
            found.setdefault(f"{run[-length:]}〔{year}〕{seq}号")
    return list(found)
