"""Reading documents from import files (pure Python, no Django).

Formats (issue 3):

* official text, as ``seed/work-plan-2017.txt``: optional header lines
  ``文件名称:`` / ``文件编号:`` / ``发布时间:`` / ``实施时间:`` (ASCII or full-width
  colon), then the text.  The issuer(s) are the short lines right above the first
  line that is only a date (``2017年5月27日`` or ``二〇一七年五月二十七日``), which is the
  成文日期 (GB/T 9704-2012 §7.3.5); a joint document lists several issuers there.
  A marker line ``（此件主动公开）`` / ``（此件依申请公开）`` / ``（此件不予公开）`` sets the
  disclosure attribute; without one the document is proactive.
* JSON Lines: one object per line with ``title, doc_number, issuer, date, body``
  (``issuer`` a string or a list; ``date`` as ``parse_cn_date`` reads it); optional
  ``summary``, ``keywords``, ``disclosure``, ``disclosure_reason``, ``published``.
* .docx, PDF and OFD: their text is read as official text (``formats.py``).

Real documents are taken as they are (RULES.md §9): a 文号 is kept as written
(its shape and match key are ``core.doc_numbers``'s), and a missing or unreadable
成文日期 or 发文机关 is left unknown with a warning (``ParsedDocument.warnings``),
never invented.  Only a row that cannot be a document at all (no title, not JSON,
an unknown disclosure attribute) is a ``RowError``, with its physical line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from gongkai.core import jsondepth
from gongkai.core.doc_numbers import Shape, doc_number_info


@dataclass
class ParsedDocument:
    title: str
    doc_number: str  # as written, "" when the document has none
    issuers: list[str]
    written_on: dt.date | None
    body: list[str]  # paragraphs
    line: int = 1
    published_on: dt.date | None = None
    effective_from: dt.date | None = None
    disclosure: str = "proactive"
    disclosure_reason: str = ""
    summary: str = ""
    keywords: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    # (line, reason): kept, but something is unknown or unusual.
    warnings: list[tuple[int, str]] = field(default_factory=list)
    searchable: bool = True  # False: a scan without a text layer
    category: str = "other"  # 规章 / 行政规范性文件 (annual report table 2)
    valid_until: dt.date | None = None
    repealed_on: dt.date | None = (
        None  # repealed, the repealing act not in the catalogue
    )


class RowError(Exception):
    """A row that cannot be imported: its line (or paragraph) number and why."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"{line}: {reason}")
        self.line = line
        self.reason = reason


_HEADER_RE = re.compile(
    r"^(文件名称|文件编号|发布时间|实施时间|发文机关)\s*[:：]\s*(.*)$"
)
# 2017年5月1日, 2017.5.1, 2017/05/01, 2017-5-1 (one separator style per date).
_DATE_RE = re.compile(
    r"^\s*(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|([./-])(\d{1,2})\4(\d{1,2}))\s*$"
)
_COMPACT_DATE_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_CN_DATE_RE = re.compile(
    r"^\s*([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日\s*$"
)
_MARKER_RE = re.compile(r"^[（(]\s*此件(主动公开|依申请公开|不予公开)\s*[)）]$")
_MARKERS = {"主动公开": "proactive", "依申请公开": "on_request", "不予公开": "withheld"}
_PUNCT = set('，。,:：;；、！？!?“”"《》')
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _DIGITS[text[1]]
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return _DIGITS[tens] * 10 + (_DIGITS[ones] if ones else 0)
    return _DIGITS[text]


def parse_cn_date(text: str) -> dt.date | None:
    """A date in Arabic or Chinese numerals (``2017年5月1日``, ``二〇一七年五月一日``,
    ``2017.5.1``, ``2017/05/01``, ``2017-05-01``, ``20170501``); None if it is none."""
    text = unicodedata.normalize("NFKC", text).strip()
    if m := _DATE_RE.match(text):
        y = int(m[1])
        mo, d = (int(m[2]), int(m[3])) if m[2] else (int(m[5]), int(m[6]))
    elif m := _COMPACT_DATE_RE.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _CN_DATE_RE.match(text):
        y = int("".join(str(_DIGITS[c]) for c in m[1]))
        mo, d = _cn_number(m[2]), _cn_number(m[3])
    else:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _doc_number(value: str, line: int, warnings: list[tuple[int, str]]) -> str:
    """The 文号 as written; an unknown shape is kept with a warning."""
    info = doc_number_info(value)
    if info.written and info.shape == Shape.UNKNOWN:
        warnings.append((line, f"文号“{info.written}”格式未能识别，已按原样保存。"))
    return info.written


def parse_official_text(text: str, *, first_line: int = 1) -> ParsedDocument:
    """Parse one official text; raises RowError for a document that cannot be read."""
    lines = [unicodedata.normalize("NFC", raw).strip() for raw in text.splitlines()]
    headers: dict[str, tuple[str, int]] = {}
    body_start = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        m = _HEADER_RE.match(line)
        if m is None:
            body_start = i
            break
        headers[m[1]] = (m[2].strip(), first_line + i)
        body_start = i + 1
    body = [
        (first_line + i, line)
        for i, line in enumerate(lines)
        if i >= body_start and line
    ]
    if not body:
        raise RowError(first_line, "文件没有正文。")
    title = headers.get("文件名称", ("", 0))[0] or body[0][1]
    number, number_line = headers.get("文件编号", ("", first_line))
    warnings: list[tuple[int, str]] = []
    doc_number = _doc_number(number, number_line, warnings)
    doc = ParsedDocument(
        title=title[:300],
        doc_number=doc_number,
        issuers=[],
        written_on=None,
        body=[line for _n, line in body],
        line=first_line,
        warnings=warnings,
    )
    for key, attr in (("发布时间", "published_on"), ("实施时间", "effective_from")):
        value, line_no = headers.get(key, ("", 0))
        if value:
            parsed = parse_cn_date(value)
            if parsed is None:
                warnings.append((line_no, f"{key}“{value}”不是有效日期，按不详处理。"))
            setattr(doc, attr, parsed)
    for _line_no, line in body:
        if (marker := _MARKER_RE.match(line)) is not None:
            doc.disclosure = _MARKERS[marker[1]]
            break
    for idx, (_line_no, line) in enumerate(body):
        date = parse_cn_date(line)
        if date is None or idx == 0:
            continue
        doc.written_on = date
        issuers: list[str] = []
        for _n, above in reversed(body[:idx]):
            if len(above) > 40 or any(c in _PUNCT for c in above):
                break
            issuers.insert(0, above)
        doc.issuers = issuers
        break
    if issuer_header := headers.get("发文机关", ("", 0))[0]:
        doc.issuers = [p for p in re.split(r"[、,，\s]+", issuer_header) if p]
    if doc.written_on is None:
        warnings.append((first_line, "没有找到成文日期，按不详保存，请补全。"))
    if not doc.issuers:
        warnings.append((first_line, "没有找到发文机关，按不详保存，请补全。"))
    return doc


def parse_jsonl(text: str) -> Iterator[ParsedDocument | RowError]:
    """Each non-empty line of a JSON Lines file as a document or a RowError."""
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = jsondepth.loads(raw)
        except json.JSONDecodeError as exc:
            yield RowError(number, f"不是有效的 JSON：{exc.msg}")
            continue
        if not isinstance(data, dict):
            yield RowError(number, "每行应是一个 JSON 对象。")
            continue
        try:
            yield _from_mapping(data, number)
        except RowError as err:
            yield err


# JSONL "category": the Chinese name or the code; anything else is "other".
_CATEGORIES = {
    "规章": "rule",
    "行政规范性文件": "normative",
    "rule": "rule",
    "normative": "normative",
}


def _text(data: dict[str, object], key: str) -> str:
    value = data.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _from_mapping(data: dict[str, object], line: int) -> ParsedDocument:
    title = _text(data, "title")
    if not title:
        raise RowError(line, "缺少标题（title）。")
    warnings: list[tuple[int, str]] = []
    doc_number = _doc_number(_text(data, "doc_number"), line, warnings)
    issuer = data.get("issuer")
    issuers = (
        [issuer]
        if isinstance(issuer, str)
        else issuer
        if isinstance(issuer, list)
        else []
    )
    issuers = [i.strip() for i in issuers if isinstance(i, str) and i.strip()]
    if not issuers:
        warnings.append((line, "缺少发文机关（issuer），按不详保存，请补全。"))
    date = _text(data, "date")
    written_on = parse_cn_date(date) if date else None
    if written_on is None:
        warnings.append(
            (line, f"成文日期（date）“{date}”无法识别，按不详保存，请补全。")
            if date
            else (line, "缺少成文日期（date），按不详保存，请补全。")
        )
    body = [p.strip() for p in _text(data, "body").splitlines() if p.strip()]
    if not body:
        warnings.append((line, "没有正文（body），只保存目录信息。"))
    published = _text(data, "published")
    published_on = parse_cn_date(published) if published else None
    if published and published_on is None:
        warnings.append((line, f"发布日期（published）“{published}”无法识别，已忽略。"))
    category = _CATEGORIES.get(_text(data, "category"), "other")
    dates: dict[str, dt.date | None] = {}
    for key, label in (("valid_until", "有效期至"), ("repealed_on", "废止日期")):
        value = _text(data, key)
        dates[key] = parse_cn_date(value) if value else None
        if value and dates[key] is None:
            raise RowError(line, f"{label}（{key}）“{value}”无效，应为 YYYY-MM-DD。")
    repealed_on = dates["repealed_on"]
    if repealed_on is not None and written_on and repealed_on < written_on:
        raise RowError(line, "废止日期（repealed_on）不能早于成文日期。")
    disclosure = _text(data, "disclosure") or "proactive"
    if disclosure not in _MARKERS.values():
        raise RowError(
            line, f"公开属性“{disclosure}”无效（proactive / on_request / withheld）。"
        )
    return ParsedDocument(
        title=title[:300],
        doc_number=doc_number,
        issuers=issuers,
        written_on=written_on,
        body=body,
        line=line,
        disclosure=disclosure,
        disclosure_reason=_text(data, "disclosure_reason"),
        summary=_text(data, "summary")[:500],
        keywords=_text(data, "keywords")[:200],
        published_on=published_on,
        warnings=warnings,
        category=category,
        valid_until=dates["valid_until"],
        repealed_on=dates["repealed_on"],
    )
