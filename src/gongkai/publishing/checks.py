"""Pre-publication checks: personal data (blocks, exact spans) and sensitive words."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.text import Finding, SensitiveMatcher, WordMatch, scan_personal_data

from .choices import WordLevel
from .models import Publishable, SensitiveWord

_matcher_cache: dict[str, object] = {}


@dataclass
class CheckReport:
    personal: dict[str, list[Finding]] = field(default_factory=dict)
    words: dict[str, list[WordMatch]] = field(default_factory=dict)

    @property
    def blocking_words(self) -> dict[str, list[WordMatch]]:
        return {
            f: [m for m in ms if m.level == WordLevel.BLOCK]
            for f, ms in self.words.items()
            if any(m.level == WordLevel.BLOCK for m in ms)
        }

    @property
    def warnings(self) -> dict[str, list[WordMatch]]:
        return {
            f: [m for m in ms if m.level == WordLevel.WARN]
            for f, ms in self.words.items()
            if any(m.level == WordLevel.WARN for m in ms)
        }

    @property
    def blocks(self) -> bool:
        return bool(self.personal) or bool(self.blocking_words)

    def as_detail(self) -> dict[str, object]:
        return {
            "personal_data": {
                f: [
                    {"kind": x.kind, "start": x.start, "end": x.end, "value": x.value}
                    for x in xs
                ]
                for f, xs in self.personal.items()
            },
            "sensitive_words": {
                f: [
                    {"word": m.word, "start": m.start, "end": m.end, "level": m.level}
                    for m in ms
                ]
                for f, ms in self.words.items()
            },
        }


def sensitive_matcher() -> SensitiveMatcher:
    """The matcher over the current word list (rebuilt when the list changes)."""
    rows = list(SensitiveWord.objects.values_list("word", "level", "updated_at"))
    key = repr((len(rows), max((r[2] for r in rows), default=None)))
    if _matcher_cache.get("key") != key:
        _matcher_cache["matcher"] = SensitiveMatcher({w: lvl for w, lvl, _ in rows})
        _matcher_cache["key"] = key
    matcher = _matcher_cache["matcher"]
    assert isinstance(matcher, SensitiveMatcher)
    return matcher


def review_checks(obj: Publishable) -> CheckReport:
    """Scan each reviewed field of ``obj``; report exact spans per field."""
    matcher = sensitive_matcher()
    report = CheckReport()
    for name, text in obj.review_text().items():
        found = scan_personal_data(text)
        if found:
            report.personal[name] = found
        words = matcher.find(text)
        if words:
            report.words[name] = words
    return report
