"""Next year's work plan from a spreadsheet (任务分解表): one row per task with
序号, 任务, 内容, 责任单位 (separated by 、，, or ;), 完成时限. Every row's problems are
reported with its row number; nothing is imported while any row is wrong."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _

from gongkai.core.tabular import Table

from .services import PlanData, TaskData

COLUMNS = {
    "序号": "number",
    "任务": "title",
    "内容": "description",
    "责任单位": "units",
    "完成时限": "deadline",
    "工作保障": "guarantee",
}
REQUIRED = ("序号", "任务", "责任单位")


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    m = re.fullmatch(
        r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日", text
    )
    if not m:
        raise ValueError(text)
    y, mo, d = (int(g) for g in m.groups() if g is not None)
    return dt.date(y, mo, d)


def plan_from_table(
    table: Table, *, year: int, title: str, doc_number: str = ""
) -> tuple[PlanData, list[str]]:
    """The plan the table describes and the row errors (Chinese), if any."""
    headers = [h.strip() for h in table.headers]
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        return PlanData(year, title), [_("缺少列：%s") % "、".join(missing)]
    index = {COLUMNS[h]: i for i, h in enumerate(headers) if h in COLUMNS}
    plan = PlanData(year=year, title=title, doc_number=doc_number)
    errors: list[str] = []
    numbers: set[int] = set()

    def cell(row: list[Any], name: str) -> Any:
        i = index.get(name)
        return row[i] if i is not None and i < len(row) else None

    for line, row in table.rows:
        problems = []
        raw = cell(row, "number")
        try:
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            number = int(str(raw).strip().rstrip(".、"))
        except ValueError:
            number = 0
            problems.append(_("序号“%s”不是数字") % (raw or ""))
        if number in numbers:
            problems.append(_("序号 %d 重复") % number)
        name = str(cell(row, "title") or "").strip()
        if not name:
            problems.append(_("任务名称为空"))
        units = [
            u.strip()
            for u in re.split(r"[、，,;；]", str(cell(row, "units") or ""))
            if u.strip()
        ]
        if not units:
            problems.append(_("未填写责任单位"))
        try:
            deadline = _date(cell(row, "deadline"))
        except ValueError as exc:
            deadline = None
            problems.append(_("完成时限“%s”不是日期（应为 YYYY-MM-DD）") % exc)
        if problems:
            errors.append(
                _("第 %(line)d 行：%(what)s")
                % {"line": line, "what": "；".join(problems)}
            )
            continue
        numbers.add(number)
        plan.tasks.append(
            TaskData(
                number=number,
                title=name[:200],
                units=[u[:100] for u in units],
                description=str(cell(row, "description") or "").strip(),
                deadline=deadline,
                is_guarantee=str(cell(row, "guarantee") or "").strip()
                in ("是", "1", "true", "True"),
            )
        )
    if not plan.tasks and not errors:
        errors.append(_("表中没有任务行。"))
    return plan, errors
