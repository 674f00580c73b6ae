"""What the review page shows (pure presentation over the checks and revisions): each
reviewed field as segments with the hits marked in place, and a character diff
against the last approved revision. Segments are (text, hit) pairs; the template
escapes the text and wraps hits in ``<mark>``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import nh3
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .checks import CheckReport
from .choices import WordLevel

PII_KINDS = {
    "id_number": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
}


@dataclass
class Hit:
    number: int  # 1-based, across the page: the mark and its row share it
    field: str
    label: str
    kind: str  # id_number, mobile, … or "word"
    kind_label: str
    start: int
    end: int
    value: str
    blocking: bool


@dataclass
class FieldPreview:
    name: str
    label: str
    segments: list[tuple[str, Hit | None]] = field(default_factory=list)
    html: SafeString = field(default_factory=lambda: mark_safe(""))


def _label(obj: Any, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def review_hits(obj: Any, report: CheckReport) -> list[Hit]:
    """Every hit, by field order then position; overlapping word hits are dropped
    after a personal-data hit at the same place."""
    hits: list[Hit] = []
    for name in obj.review_fields:
        label = _label(obj, name)
        spans: list[Hit] = []
        for x in report.personal.get(name, []):
            spans.append(
                Hit(0, name, label, x.kind, _(PII_KINDS.get(x.kind, x.kind)),
                    x.start, x.end, x.value, True)
            )  # fmt: skip
        for m in report.words.get(name, []):
            spans.append(
                Hit(0, name, label, "word", _("敏感词"), m.start, m.end, m.word,
                    m.level == WordLevel.BLOCK)
            )  # fmt: skip
        spans.sort(key=lambda h: (h.start, -h.end))
        kept_end = -1
        for hit in spans:
            if hit.start >= kept_end:
                hits.append(hit)
                kept_end = hit.end
    for i, hit in enumerate(hits, 1):
        hit.number = i
    return hits


def field_previews(obj: Any, hits: list[Hit]) -> list[FieldPreview]:
    """Each reviewed field's text cut into plain and marked segments."""
    out = []
    for name, text in obj.review_text().items():
        preview = FieldPreview(name, _label(obj, name))
        pos = 0
        for hit in (h for h in hits if h.field == name):
            if hit.start > pos:
                preview.segments.append((text[pos : hit.start], None))
            preview.segments.append((text[hit.start : hit.end], hit))
            pos = hit.end
        if pos < len(text) or not text:
            preview.segments.append((text[pos:], None))
        preview.html = rendered(text, preview.segments)
        out.append(preview)
    return out


def _mark(text: str, hit: Hit) -> str:
    css = ' class="bad"' if hit.blocking else ""
    return (
        f'<mark id="mark-{hit.number}"{css}>{text}</mark>'
        f'<a href="#hit-{hit.number}" class="hit-ref"><sup>{hit.number}</sup></a>'
    )


def rendered(text: str, segments: list[tuple[str, Hit | None]]) -> SafeString:
    """The field as the public will read it, each hit in a ``<mark>``: rich text
    (a field starting with a tag) is rendered through the same allow-list as
    publication, plus the marks; plain text is escaped with its line breaks."""
    if not text.lstrip().startswith("<"):
        parts = [
            _mark(escape(chunk), hit) if hit else escape(chunk)
            for chunk, hit in segments
        ]
        return mark_safe(linebreaks("".join(parts), autoescape=False))  # noqa: S308 (escaped above)
    parts = []
    for chunk, hit in segments:
        # A hit inside a tag (an attribute) stays listed but is not marked here.
        inside = hit is not None and "".join(parts).rfind("<") > "".join(parts).rfind(
            ">"
        )
        parts.append(_mark(chunk, hit) if hit and not inside else chunk)
    tags = set(nh3.ALLOWED_TAGS) | {"mark", "sup"}
    attributes = {k: set(v) for k, v in nh3.ALLOWED_ATTRIBUTES.items()}
    attributes["mark"] = {"id", "class"}
    attributes.setdefault("a", set()).update({"href", "class"})
    return mark_safe(  # noqa: S308 (sanitised by nh3 just above)
        nh3.clean("".join(parts), tags=tags, attributes=attributes)
    )


def char_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pairs, op in "same", "del", "ins": a character diff, which reads
    right for Chinese text (no word boundaries)."""
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", old[a1:a2]))
            continue
        if a2 > a1:
            out.append(("del", old[a1:a2]))
        if b2 > b1:
            out.append(("ins", new[b1:b2]))
    return out


def revision_diffs(
    obj: Any, old: dict[str, Any] | None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(field label, diff) for each reviewed field that differs from ``old``."""
    if old is None:
        return []
    out = []
    for name, text in obj.review_text().items():
        before = str(old.get(name, "") or "")
        if before != text:
            out.append((_label(obj, name), char_diff(before, text)))
    return out
