"""The closing block of an official document's body, found for display.

GB/T 9704-2012 §7.3.5 puts the 发文机关署名 and the 成文日期 at the right of the
last page (the date 右空四字, the organ centred over it), and §7.3.6 puts the 附注
(“（此件公开发布）”) below them, indented two characters like the body. Bodies are
stored as plain paragraphs, so the closing block is recognised from its shape:

* the date: the last paragraph that is only a date (``2026年11月11日``, also in
  Chinese numerals, ``二〇二六年十一月十一日``);
* the signature: the short paragraphs just above it (at most ``MAX_SIGNERS``, each
  at most ``MAX_SIGNER_CHARS`` characters, without sentence punctuation);
* the addressee (主送机关): a short first paragraph ending with a colon and with
  no other sentence punctuation (organs are listed with 、), shown
  without the first-line indent (§7.3.2).

``mark(html)`` returns the body with ``class`` attributes added to those plain
``<p>`` elements; anything it does not recognise is returned unchanged.
"""

from __future__ import annotations

import re

MAX_SIGNERS = 3
MAX_SIGNER_CHARS = 30
_P = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_NUM = r"[0-9０-９〇零一二三四五六七八九十]"
_DATE = re.compile(
    rf"^\s*{_NUM}{{4}}\s*年\s*{_NUM}{{1,3}}\s*月\s*{_NUM}{{1,3}}\s*日\s*$"
)
_SENTENCE = re.compile(r"[。，；！？,;!?：:]")


def _text(inner: str) -> str:
    return _TAG.sub("", inner).replace("&nbsp;", " ").strip()


def mark(html: str) -> str:
    """``html`` with its closing date, signature and addressee paragraphs marked
    (``doc-date``, ``doc-signer``, ``doc-addressee``)."""
    paragraphs = list(_P.finditer(html))
    if not paragraphs:
        return html
    classes: dict[int, str] = {}
    first = _text(paragraphs[0].group(1))
    addressee = first[-1:] in ("：", ":") and not _SENTENCE.search(first[:-1])
    if len(paragraphs) > 1 and len(first) <= 60 and addressee:
        classes[0] = "doc-addressee"
    date_at = next(
        (
            i
            for i in range(len(paragraphs) - 1, 0, -1)
            if _DATE.match(_text(paragraphs[i].group(1)))
        ),
        None,
    )
    if date_at is not None:
        classes[date_at] = "doc-date"
        for i in range(date_at - 1, max(date_at - 1 - MAX_SIGNERS, 0), -1):
            text = _text(paragraphs[i].group(1))
            if not text or len(text) > MAX_SIGNER_CHARS or _SENTENCE.search(text):
                break
            classes[i] = "doc-signer"
    if not classes:
        return html
    out, last = [], 0
    for i, m in enumerate(paragraphs):
        if i in classes:
            out.append(html[last : m.start()])
            out.append(f'<p class="{classes[i]}">{m.group(1)}</p>')
            last = m.end()
    out.append(html[last:])
    return "".join(out)
