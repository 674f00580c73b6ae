"""Historical cases from XLSX, CSV or JSONL, so a bureau keeps its history and reports.

Columns (Chinese or English headers): 收到申请日期 received_on, 申请人类型 applicant_type,
办理结果 outcome, 答复日期 replied_on, 行政复议结果 review_result, 行政诉讼结果
litigation_result, and optionally 申请内容 description, 申请渠道 channel. Applicant
type and outcome may be codes or the official table labels (``法律服务机构``,
``不予公开/属于国家秘密``, ``予以公开``). Each bad row is reported by its line; good
rows are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gongkai.core import jsondepth
from gongkai.core import report_tables as rt
from gongkai.core.tabular import TableError, read_table

from .rules import OUTCOMES

HEADERS = {
    "received_on": ("收到申请日期", "received_on", "received", "received_at"),
    "applicant_type": ("申请人类型", "applicant_type"),
    "outcome": ("办理结果", "outcome"),
    "replied_on": ("答复日期", "replied_on", "reply_date", "closed_on"),
    "review_result": ("行政复议结果", "review_result"),
    "litigation_result": ("行政诉讼结果", "litigation_result"),
    "description": ("申请内容", "description"),
    "channel": ("申请渠道", "channel"),
}
TYPES = {label: key for key, label in rt.COLUMNS[:6]} | {
    f"{rt.ORG_GROUP}/{label}": key for key, label in rt.COLUMNS[1:6]
}
TYPES |= {key: key for key, _label in rt.COLUMNS[:6]}
RESULTS = {
    "结果维持": "upheld", "维持": "upheld", "upheld": "upheld",
    "结果纠正": "corrected", "纠正": "corrected", "corrected": "corrected",
    "其他结果": "other", "其他": "other", "other": "other",
    "尚未审结": "pending", "未审结": "pending", "pending": "pending",
}  # fmt: skip
CHANNELS = {"网上申请": "online", "当面提交": "in_person", "邮寄": "post",
            "平常信函": "letter", "传真": "fax"}  # fmt: skip


def _outcomes() -> dict[str, str]:
    """Codes, outcome labels and table-row labels → one outcome code each."""
    names: dict[str, str] = {}
    for outcome in reversed(OUTCOMES):  # the first outcome of a row wins
        path = rt.row_path(outcome.row)
        names[path] = names[path.split("/")[-1]] = outcome.code
        label = rt.ROW_LABELS[outcome.row]
        names[label] = outcome.code
        if label.startswith("（"):  # "（二）部分公开（…）" also without its number
            names[label[3:]] = outcome.code
    names |= {o.code: o.code for o in OUTCOMES} | {o.label: o.code for o in OUTCOMES}
    return names


OUTCOME_NAMES = _outcomes()


@dataclass(frozen=True)
class ImportRow:
    line: int
    received_on: dt.date
    applicant_type: str
    outcome: str
    replied_on: dt.date | None
    review_result: str
    litigation_result: str
    description: str
    channel: str


def _date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = re.fullmatch(
        r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", str(value)
    )
    if not match:
        raise ValueError(f"{name}“{value}”不是日期（例如 2025-03-02）")
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError as exc:
        raise ValueError(f"{name}“{value}”不是有效日期") from exc


def _one(table: dict[str, str], value: Any, name: str, *, required: bool) -> str:
    text = re.sub(r"\s+", "", str(value or "")).replace("（", "(").replace("）", ")")
    text = text.replace("(", "（").replace(")", "）")
    if not text:
        if required:
            raise ValueError(f"缺少{name}")
        return ""
    if text not in table:
        raise ValueError(f"无法识别的{name}：“{value}”")
    return table[text]


def parse_record(line: int, record: dict[str, Any]) -> ImportRow:
    """One row (canonical keys) → an ImportRow; ValueError names what is wrong."""
    received = _date(record.get("received_on"), "收到申请日期")
    if received is None:
        raise ValueError("缺少收到申请日期")
    replied = _date(record.get("replied_on"), "答复日期")
    outcome = _one(OUTCOME_NAMES, record.get("outcome"), "办理结果", required=False)
    if replied and not outcome:
        raise ValueError("有答复日期但缺少办理结果")
    if outcome and not replied:
        raise ValueError("有办理结果但缺少答复日期")
    if replied and replied < received:
        raise ValueError("答复日期早于收到申请日期")
    return ImportRow(
        line=line,
        received_on=received,
        applicant_type=_one(
            TYPES, record.get("applicant_type"), "申请人类型", required=True
        ),
        outcome=outcome,
        replied_on=replied,
        review_result=_one(
            RESULTS, record.get("review_result"), "行政复议结果", required=False
        ),
        litigation_result=_one(
            RESULTS, record.get("litigation_result"), "行政诉讼结果", required=False
        ),
        description=str(record.get("description") or "（历史数据导入）")[:5000],
        channel=CHANNELS.get(str(record.get("channel") or ""), "in_person"),
    )


def _canonical(headers: list[str]) -> list[str | None]:
    names = {
        alias.lower(): key for key, aliases in HEADERS.items() for alias in aliases
    }
    return [names.get(h.strip().lower()) for h in headers]


def read_records(data: bytes, filename: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of the file as (line, {canonical key: value}); TableError if unreadable."""
    if filename.lower().endswith((".jsonl", ".ndjson")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TableError("JSONL 文件必须是 UTF-8 编码。") from exc
        keys = {a: k for k, aliases in HEADERS.items() for a in aliases}
        for line, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                obj = jsondepth.loads(raw)
                if not isinstance(obj, dict):
                    raise ValueError
            except ValueError:
                yield line, {"_error": "不是 JSON 对象"}
                continue
            yield line, {keys.get(k, k): v for k, v in obj.items()}
        return
    table = read_table(data, filename)
    keys = _canonical(table.headers)
    missing = [
        HEADERS[k][0] for k in ("received_on", "applicant_type") if k not in keys
    ]
    if missing:
        raise TableError("缺少必需的列：" + "、".join(missing))
    for line, cells in table.rows:
        yield line, {k: v for k, v in zip(keys, cells, strict=False) if k}
