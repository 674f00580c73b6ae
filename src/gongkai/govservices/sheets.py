"""The spreadsheet columns of service items, power items and adjustments: their
labels, how a cell is read (with a Chinese reason when it cannot be), the template
with one example row, and the export of stored rows in the same columns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from gongkai.core.tabular import write_xlsx

from .choices import (
    AdjustmentKind,
    Audience,
    HandlingForm,
    HandlingType,
    ItemType,
    OnlinePayment,
    TimeUnit,
)


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _choice(choices: Any, extra: dict[str, str] | None = None) -> Callable[[Any], str]:
    by_label = {str(label): value for value, label in choices.choices}
    by_label.update({value: value for value in choices.values})
    by_label.update(extra or {})

    def read(value: Any) -> str:
        text = _text(value)
        if not text:
            return ""
        if text in by_label:
            return by_label[text]
        raise CellError(f"“{text}”不是可选值（{'、'.join(map(str, choices.labels))}）")

    return read


def _int(value: Any) -> int | None:
    text = _text(value)
    if not text:
        return None
    if not re.fullmatch(r"\d{1,4}", text):
        raise CellError(f"“{text}”应为非负整数")
    return int(text)


def _bool(value: Any) -> bool:
    text = _text(value)
    if text in ("", "否", "不收费", "0", "false", "False"):
        return False
    if text in ("是", "收费", "1", "true", "True"):
        return True
    raise CellError(f"“{text}”应为“是”或“否”")


def _payment(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    if text in ("是", "支持", "yes"):
        return OnlinePayment.YES
    if text in ("否", "不支持", "no"):
        return OnlinePayment.NO
    raise CellError(f"“{text}”应为“是”或“否”")


_LEVELS = {"Ⅰ级": "1", "Ⅱ级": "2", "Ⅲ级": "3", "Ⅳ级": "4", "I级": "1", "II级": "2",
           "III级": "3", "IV级": "4", "全程网办": "4", "1": "1", "2": "2", "3": "3",
           "4": "4"}  # fmt: skip


def _level(value: Any) -> str:
    text = _text(value).replace("（", "(").split("(")[0].strip()
    if not text:
        return ""
    if text in _LEVELS:
        return _LEVELS[text]
    raise CellError(f"“{_text(value)}”应为Ⅰ级、Ⅱ级、Ⅲ级或Ⅳ级")


def _forms(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    read = _choice(HandlingForm, {"窗口": "window", "网上": "online", "网办": "online",
                                  "邮寄": "mail", "快递": "mail"})  # fmt: skip
    forms = [read(part) for part in re.split(r"[、,，;；\s]+", text) if part]
    ordered = [f for f in ("window", "online", "mail") if f in forms]
    return "," + ",".join(ordered) + ","


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        raise CellError("未填写")
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not m:
        raise CellError(f"“{text}”不是日期（应如 2026-03-01）")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise CellError(f"“{text}”不是有效日期") from None


def _materials(value: Any) -> list[str]:
    return [m.strip() for m in re.split(r"[\n；;]+", _text(value)) if m.strip()]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    read: Callable[[Any], Any] = _text
    required: bool = False
    example: Any = ""


_UNIT = _choice(TimeUnit, {"天": "day", "日": "day", "月": "month"})

SERVICE_COLUMNS: tuple[Column, ...] = (
    Column("name", "事项名称", required=True, example="计量器具型式批准"),
    Column("basic_code", "基本编码", example="000172007000"),
    Column("implementation_code", "实施编码", required=True,
           example="000172007000-330000000000-000-113300000024821018-1-00"),
    Column("item_type", "事项类型", _choice(ItemType), required=True, example="行政许可"),
    Column("legal_basis", "设定依据", example="《中华人民共和国计量法》第十三条"),
    Column("implementing_body", "实施主体", example="浙江省市场监督管理局"),
    Column("theme", "主题", example="计量"),
    Column("audience", "服务对象", _choice(Audience), example="法人"),
    Column("accept_conditions", "受理条件", example="申请人为计量器具制造单位"),
    Column("procedure", "办理流程", example="申请—受理—审查—决定—送达"),
    Column("materials", "申请材料", _materials, example="计量器具型式批准申请书\n营业执照复印件"),
    Column("statutory_limit", "法定办结时限", _int, example=20),
    Column("statutory_unit", "法定时限单位", _UNIT, example="工作日"),
    Column("promised_limit", "承诺办结时限", _int, example=10),
    Column("promised_unit", "承诺时限单位", _UNIT, example="工作日"),
    Column("visits", "到办事现场次数", _int, example=0),
    Column("handling_type", "办件类型", _choice(HandlingType), example="承诺件"),
    Column("handling_forms", "办理形式", _forms, example="窗口办理、网上办理"),
    Column("online_level", "网上办理深度", _level, example="Ⅳ级"),
    Column("online_address", "网上办理地址", example="https://www.zjzwfw.gov.cn/"),
    Column("charged", "是否收费", _bool, example="否"),
    Column("fee_items", "收费项目及标准"),
    Column("fee_basis", "收费依据"),
    Column("online_payment", "是否支持网上支付", _payment),
    Column("place", "办理地点", example="杭州市某路1号 政务服务中心3楼"),
    Column("hours", "办理时间", example="工作日 9:00-12:00，13:30-17:00"),
    Column("consult_phone", "咨询电话", example="0571-89761234"),
    Column("complaint_phone", "监督投诉电话", example="0571-89765678"),
    Column("result_name", "审批结果名称", example="计量器具型式批准证书"),
)  # fmt: skip

POWER_COLUMNS: tuple[Column, ...] = (
    Column("code", "事项编码", required=True, example="330217001000"),
    Column("name", "事项名称", required=True, example="计量器具型式批准"),
    Column("power_type", "权力类型", _choice(ItemType), required=True, example="行政许可"),
    Column("legal_basis", "实施依据", required=True, example="《中华人民共和国计量法》第十三条"),
    Column("department", "责任处室"),  # blank: the importing department
    Column("responsibilities", "责任事项", required=True,
           example="1.受理责任：公示依法应当提交的材料……"),
    Column("accountability", "追责情形", example="对符合法定条件的申请不予受理的"),
    Column("kind", "调整类型", _choice(AdjustmentKind), example="保留"),
    Column("effective_on", "调整日期", _date, required=True, example="2026-01-01"),
    Column("doc_number", "文号", example="浙市监法〔2026〕1号"),
    Column("reason", "调整理由", example="权责清单年度调整"),
)  # fmt: skip

ADJUSTMENT_COLUMNS: tuple[Column, ...] = (
    Column("code", "事项编码", required=True, example="330217001000"),
    Column("kind", "调整类型", _choice(AdjustmentKind), required=True, example="下放"),
    Column("effective_on", "调整日期", _date, required=True, example="2026-07-01"),
    Column("doc_number", "文号", example="浙政发〔2026〕12号"),
    Column("reason", "调整理由", example="下放至设区市市场监管部门实施"),
    Column("delegated_to", "下放至或承接自", example="设区市市场监督管理局"),
    Column("name", "事项名称（调整后）"),
    Column("legal_basis", "实施依据（调整后）"),
    Column("responsibilities", "责任事项（调整后）"),
    Column("accountability", "追责情形（调整后）"),
)  # fmt: skip

KINDS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "services": ("政务服务事项", SERVICE_COLUMNS),
    "powers": ("权责事项", POWER_COLUMNS),
    "adjustments": ("权责清单调整", ADJUSTMENT_COLUMNS),
}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "\n".join(value)
    return value


def template_xlsx(kind: str) -> bytes:
    """An empty import template of ``kind``: the headers and one example row."""
    title, columns = KINDS[kind]
    return write_xlsx(
        [c.label for c in columns], [[_cell(c.example) for c in columns]], sheet=title
    )


def read_row(
    columns: Iterable[Column], record: dict[str, Any]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The values of one row by column key, and (key, reason) of each bad cell."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for column in columns:
        raw = record.get(column.key)
        if column.required and not _text(raw) and not isinstance(raw, dt.date):
            problems.append((column.key, "未填写"))
            continue
        if raw is None and column.key not in record:
            continue
        try:
            values[column.key] = column.read(raw)
        except CellError as exc:
            problems.append((column.key, str(exc)))
    return values, problems


def _labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


_FORM_LABELS = _labels(HandlingForm)
_LEVEL_LABELS = {"1": "Ⅰ级", "2": "Ⅱ级", "3": "Ⅲ级", "4": "Ⅳ级"}


def service_cells(item: Any) -> list[Any]:
    """One guide as a row of the services template (importable again)."""
    shown: dict[str, Any] = {
        "item_type": _labels(ItemType).get(item.item_type, ""),
        "audience": _labels(Audience).get(item.audience, ""),
        "statutory_unit": _labels(TimeUnit).get(item.statutory_unit, ""),
        "promised_unit": _labels(TimeUnit).get(item.promised_unit, ""),
        "handling_type": _labels(HandlingType).get(item.handling_type, ""),
        "handling_forms": "、".join(
            _FORM_LABELS[f] for f in item.forms_list if f in _FORM_LABELS
        ),
        "online_level": _LEVEL_LABELS.get(item.online_level, ""),
        "charged": "是" if item.charged else "否",
        "online_payment": {"yes": "是", "no": "否"}.get(item.online_payment, ""),
        "materials": "\n".join(m.name for m in item.materials.all()),
    }
    return [
        shown[c.key] if c.key in shown else getattr(item, c.key)
        for c in SERVICE_COLUMNS
    ]


def adjustment_cells(adj: Any) -> list[Any]:
    """One adjustment as a row of the adjustments template."""
    snap = adj.snapshot
    return [
        adj.item.code, _labels(AdjustmentKind)[adj.kind], adj.effective_on, adj.doc_number,
        adj.reason, adj.delegated_to, snap.get("name", ""), snap.get("legal_basis", ""),
        snap.get("responsibilities", ""), snap.get("accountability", ""),
    ]  # fmt: skip


def power_cells(item: Any, first: Any) -> list[Any]:
    """One power item with its first adjustment, as a row of the powers template."""
    return [
        item.code, item.name, _labels(ItemType).get(item.power_type, ""), item.legal_basis,
        item.department.name, item.responsibilities, item.accountability,
        _labels(AdjustmentKind)[first.kind], first.effective_on, first.doc_number,
        first.reason,
    ]  # fmt: skip


def export_xlsx(kind: str, rows: Iterable[list[Any]]) -> bytes:
    """Stored rows of ``kind`` in the template's columns."""
    title, columns = KINDS[kind]
    return write_xlsx([c.label for c in columns], rows, sheet=title)
