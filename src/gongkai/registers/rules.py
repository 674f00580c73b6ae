"""Register field types and the checking of one value, pure (no Django).

A register is defined by data (an administrator's field list), so every check here is
driven by the field's kind. Values are stored as canonical text: a USCC canonical and
check-digit valid (GB 32100-2015, RULES §4.1), dates ISO, money in 元 with at most two
decimals, enumerations one of the defined options, links http(s) only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.core.cells import cell_text, parse_amount, parse_date
from gongkai.core.ids import IdentifierError, canonical_uscc
from gongkai.core.text import scan_personal_data

KIND_LABELS: dict[str, str] = {
    "text": "文本",
    "longtext": "长文本",
    "date": "日期",
    "uscc": "统一社会信用代码",
    "money": "金额（元）",
    "enum": "枚举",
    "file": "附件",
    "link": "链接",
}
MAX_LENGTH = {"text": 500, "longtext": 20000, "link": 500}
_URL = re.compile(r"https?://[^\s<>\"']+", re.ASCII)
_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}", re.ASCII)
_OPTION_SPLIT = re.compile(r"[、,，;；\n]+")
_PII_KINDS = {
    "id_number": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
}


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    kind: str
    required: bool = False
    options: tuple[str, ...] = ()
    public: bool = True


def split_options(text: str) -> tuple[str, ...]:
    """Enumeration options typed as "合格、不合格" (or one per line)."""
    return tuple(
        dict.fromkeys(o.strip() for o in _OPTION_SPLIT.split(text) if o.strip())
    )


def field_problems(fields: Sequence[FieldDef]) -> list[str]:
    """What is wrong with a register definition (empty when it is usable)."""
    problems = []
    if not fields:
        problems.append("名录至少需要一个字段。")
    keys = [f.key for f in fields]
    labels = [f.label for f in fields]
    for f in fields:
        if not _KEY.fullmatch(f.key):
            problems.append(
                f"字段代码“{f.key}”只能用小写字母、数字和下划线，以字母开头。"
            )
        if not f.label.strip():
            problems.append(f"字段“{f.key}”缺少名称。")
        if f.kind not in KIND_LABELS:
            problems.append(f"字段“{f.label}”的类型“{f.kind}”无效。")
        if f.kind == "enum" and not f.options:
            problems.append(f"枚举字段“{f.label}”需要列出可选值。")
    if len(set(keys)) != len(keys):
        problems.append("字段代码不能重复。")
    if len(set(labels)) != len(labels):
        problems.append("字段名称不能重复。")
    return problems


def check_value(field: FieldDef, raw: Any) -> str:
    """The canonical stored text of one cell, or ValueError with a Chinese reason."""
    if field.kind == "date":
        return parse_date(raw).isoformat()
    if field.kind == "money":
        return format(parse_amount(raw, places=2, unit="元").normalize(), "f")
    text = cell_text(raw)
    if field.kind == "uscc":
        try:
            return canonical_uscc(text)
        except IdentifierError as exc:
            raise ValueError(exc.message) from None
    if field.kind == "enum":
        if text not in field.options:
            raise ValueError(f"“{text}”不是可选值，应为：{'、'.join(field.options)}")
        return text
    if field.kind == "link" and not _URL.fullmatch(text):
        raise ValueError("链接应以 http:// 或 https:// 开头")
    if field.kind == "file":
        raise ValueError("附件请在工作台上传，导入时此列应留空")
    limit = MAX_LENGTH.get(field.kind)
    if limit and len(text) > limit:
        raise ValueError(f"长度超过{limit}个字符")
    return text


def check_record(
    fields: Sequence[FieldDef], raw: Mapping[str, Any]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Check one record (cells by field key): (values by key, [(key, reason)])."""
    values: dict[str, str] = {}
    errors: list[tuple[str, str]] = []
    for field in fields:
        cell = raw.get(field.key)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            if field.required and field.kind != "file":
                errors.append((field.key, "必填项为空"))
            continue
        try:
            values[field.key] = check_value(field, cell)
        except ValueError as exc:
            errors.append((field.key, str(exc)))
            continue
        if field.public and field.kind in ("text", "longtext"):
            found = scan_personal_data(values[field.key])
            if found:
                kinds = "、".join(dict.fromkeys(_PII_KINDS[f.kind] for f in found))
                errors.append((field.key, f"含有个人信息（{kinds}），公开前必须删除"))
    return values, errors


# ---------------------------------------------------------------- redefinition
# When an administrator changes a register's fields, the stored entries follow:
# a renamed field keeps its values, a new type or option list re-checks them (and
# stores them canonical: "2026/9/1" becomes "2026-09-01" in a date field), a field
# made public is scanned for personal data. What would lose or invalidate data is
# refused, entry by entry, with the reason: removing a field that holds values,
# a value the new type does not accept, a new required field left empty.


def field_sources(
    old: Sequence[FieldDef], new: Sequence[FieldDef], renames: Mapping[str, str]
) -> tuple[dict[str, str | None], list[str], list[str]]:
    """For each new field, the old field its values come from (None: a new field),
    the old fields removed, and what is wrong with the renames.

    ``renames`` maps a new key to the old key it replaces (fields not named there
    keep their key).
    """
    old_keys = {f.key for f in old}
    sources: dict[str, str | None] = {}
    problems: list[str] = []
    for f in new:
        source = renames.get(f.key) or f.key
        sources[f.key] = source if source in old_keys else None
    claimed: dict[str, str] = {}
    for key, maybe in sources.items():
        if maybe is None:
            continue
        source = maybe
        if source in claimed:
            problems.append(
                f"原字段“{source}”不能同时对应“{claimed[source]}”和“{key}”两个字段。"
            )
        claimed[source] = key
    removed = [f.key for f in old if f.key not in claimed]
    return sources, removed, problems


def migrate_values(
    data: Mapping[str, str],
    *,
    old: Mapping[str, FieldDef],
    new: Sequence[FieldDef],
    sources: Mapping[str, str | None],
    removed: Sequence[str],
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """One entry's values under the new definition, and why it cannot move
    ([(field label, reason)]; empty when it can)."""
    values: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for f in new:
        source = sources.get(f.key)
        raw = data.get(source, "") if source else ""
        if raw == "":
            if f.required and f.kind != "file":
                problems.append((f.label, "必填项为空（新定义要求必填）"))
            continue
        before = old[source] if source else None
        if f.kind == "file":
            problems.append((f.label, f"改为附件类型会丢失已填写的内容“{raw}”"))
            continue
        if before is not None and (before.kind, before.options) == (f.kind, f.options):
            value = raw
        else:
            try:
                value = check_value(f, raw)
            except ValueError as exc:
                problems.append(
                    (f.label, f"“{raw}”不能改为{KIND_LABELS[f.kind]}：{exc}")
                )
                continue
        if f.public and f.kind in ("text", "longtext"):
            was_shown = before is not None and before.public
            if not was_shown and scan_personal_data(value):
                problems.append((f.label, "含有个人信息，不能改为公开"))
                continue
        values[f.key] = value
    for key in removed:
        if data.get(key, "") != "":
            problems.append((old[key].label, "删除此字段会丢失已填写的内容"))
    return values, problems
