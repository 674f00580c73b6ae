"""Writes: import a set from its workbook (checked, refused whole when a check fails),
edit its explanation, record the approval (starts the 20-day clock), publish it (stops
the clock), load the year's classification codes."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.types import Staff
from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import SHANGHAI, clocks_for
from gongkai.clocks.services import clock_event_add, clock_start, clocks_delete_for
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.core.jsondepth import nesting
from gongkai.publishing import services as pub
from gongkai.publishing.caching import content_changed
from gongkai.publishing.choices import Status

from .audit_actions import BudgetsAudit
from .choices import Kind
from .clock_rules import RULE_KEY
from .models import BudgetRow, BudgetSet, CodeTable, TableSetState
from .permissions import can_load_codes
from .rules import (
    CHECKS,
    CODE_LENGTHS,
    ECONOMIC,
    FUNCTION,
    Problem,
    TableSet,
    check_set,
    check_years,
    code_shape_ok,
    row_key,
)
from .selectors import codes_for, set_amounts, tableset_for, tablesets_digest
from .workbook import workbook_read

MAX_FILE = 5 * 1024 * 1024
MAX_CODES_FILE = 2 * 1024 * 1024
CODE_SYSTEMS = {
    FUNCTION: gettext_lazy("支出功能分类"),
    ECONOMIC: gettext_lazy("支出经济分类"),
}
RUNNING_COSTS = "机关运行经费"


def _problem_detail(problems: list[Problem]) -> list[dict[str, Any]]:
    return [
        {
            "sheet": p.sheet,
            "row": p.row,
            "column": p.column,
            "check": p.check,
            "check_label": CHECKS.get(p.check, p.check),
            "message": p.text(),
        }
        for p in problems
    ]


def budget_check(
    *, data: bytes, kind: str, year: int, organisation: str = ""
) -> tuple[TableSet, list[Any], list[Problem]]:
    """Read and check a workbook without storing it: the table set, the lines and
    every problem (empty: it passes)."""
    if kind not in Kind.values:
        raise InvalidInputError(
            _("类别应为 budget（预算）或 final（决算）。"), code="budget.kind"
        )
    if not 2000 <= year <= 2100:
        raise InvalidInputError(_("年度应为四位数字。"), code="budget.year")
    tableset = tableset_for(kind, year)
    if tableset is None:
        raise InvalidInputError(
            _("没有适用于该年度的表样。"), code="budget.no_tableset"
        )
    parsed = workbook_read(data, tableset)
    problems = parsed.problems + check_years(parsed.years, year=year)
    if problems:
        return tableset, parsed.lines, problems
    budget = None
    if kind == Kind.FINAL:
        planned = BudgetSet.objects.filter(
            year=year, kind=Kind.BUDGET, organisation=organisation or _organisation()
        ).first()
        budget = set_amounts(planned) if planned else None
    problems = check_set(tableset, parsed.lines, codes=codes_for(year), budget=budget)
    return tableset, parsed.lines, problems


def _organisation() -> str:
    name = getattr(settings, "GONGKAI_BUDGET_ORGANISATION", "")
    return str(name or getattr(settings, "GONGKAI_ORG_NAME", "") or "本部门")


@transaction.atomic
def budget_import(
    *,
    data: bytes,
    file_name: str,
    kind: str,
    year: int,
    by: Staff,
    department: Any = None,
    organisation: str = "",
    now: dt.datetime | None = None,
) -> BudgetSet:
    """Import a filled workbook as the draft set of ``year`` (replacing that year's
    draft); refused whole, naming sheet, row, column and check, if any check fails."""
    now = now or timezone.now()
    department = department or by.department
    if department is None or not can_edit_content(by, None):
        raise PermissionDeniedError()
    if len(data) > MAX_FILE:
        raise InvalidInputError(_("文件不能超过 5 MB。"), code="budget.too_large")
    organisation = organisation or _organisation()
    tableset, lines, problems = budget_check(
        data=data, kind=kind, year=year, organisation=organisation
    )
    if problems:
        raise InvalidInputError(
            _("数据未通过校验（%(n)d 处），未导入：%(first)s")
            % {"n": len(problems), "first": problems[0].text()},
            code="budget.check_failed",
            detail=_problem_detail(problems),
        )
    budget_set = (
        BudgetSet.objects.select_for_update()
        .filter(organisation=organisation, year=year, kind=kind)
        .first()
    )
    if budget_set is not None:
        if budget_set.status != Status.DRAFT:
            raise ConflictError(
                _("该年度的%(kind)s已提交或发布，请先“重新编辑”再导入。")
                % {"kind": Kind(kind).label},
                code="budget.not_draft",
            )
        if not can_edit_content(by, budget_set):
            raise PermissionDeniedError()
        budget_set.rows.all().delete()
    else:
        budget_set = BudgetSet(
            organisation=organisation,
            year=year,
            kind=kind,
            department=department,
            author=by,
            title=f"{organisation}{year}年{Kind(kind).label}",
        )
    budget_set.tableset_key, budget_set.unit = tableset.key, tableset.unit
    budget_set.source_name, budget_set.source_data = file_name[:200], data
    budget_set.imported_at = now
    budget_set.save()
    rows = []
    for position, line in enumerate(lines, start=1):
        table = tableset.table(line.table)
        rows.append(BudgetRow(
            budget_set=budget_set, table=line.table, position=position, line=line.line,
            key=row_key(table, line) or "", code=line.code, name=line.name[:200],
            amounts={k: str(v) for k, v in line.amounts.items()},
        ))  # fmt: skip
    BudgetRow.objects.bulk_create(rows)
    pub.revision_save(obj=budget_set, by=by, now=now)
    audit_record(
        actor=by,
        action=BudgetsAudit.IMPORT,
        obj=budget_set,
        now=now,
        changes={"year": year, "kind": kind, "file": file_name, "rows": len(rows),
                 "tableset": tableset.key},
    )  # fmt: skip
    return budget_set


@transaction.atomic
def budget_update(
    *,
    budget_set: BudgetSet,
    title: str,
    explanation: str,
    running_costs: Decimal | None,
    by: Staff,
    now: dt.datetime | None = None,
) -> BudgetSet:
    """Edit the title and the written explanation (说明) of a draft set."""
    now = now or timezone.now()
    if not can_edit_content(by, budget_set):
        raise PermissionDeniedError()
    budget_set = BudgetSet.objects.select_for_update().get(pk=budget_set.pk)
    if budget_set.status != Status.DRAFT:
        raise ConflictError(_("只有草稿可以修改。"), code="budget.not_draft")
    budget_set.title = title.strip()[:200] or budget_set.title
    budget_set.explanation = explanation
    budget_set.running_costs = running_costs
    budget_set.save(
        update_fields=["title", "explanation", "running_costs", "updated_at"]
    )
    pub.revision_save(obj=budget_set, by=by, now=now)
    audit_record(actor=by, action=BudgetsAudit.UPDATE, obj=budget_set, now=now,
                 changes={"title": budget_set.title, "running_costs": running_costs})  # fmt: skip
    return budget_set


def explanation_problem(budget_set: BudgetSet) -> str:
    """Why the set cannot go to review yet ("" when it can): 预算法 第十四条 asks
    for the explanation, including 机关运行经费, and the clock needs the 批复 date."""
    if budget_set.approved_on is None:
        return _("请先登记财政部门批复日期。")
    if RUNNING_COSTS not in budget_set.explanation:
        return _("情况说明应包括机关运行经费的安排情况（预算法第十四条）。")
    if budget_set.running_costs is None:
        return _("请填写机关运行经费金额。")
    if not budget_set.rows.exists():
        return _("请先导入预决算表。")
    return ""


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)


@transaction.atomic
def budget_approval_record(
    *,
    budget_set: BudgetSet,
    approved_on: dt.date,
    by: Staff,
    now: dt.datetime | None = None,
) -> BudgetSet:
    """Record the day the finance department approved (批复) the set: the 20-day
    clock of 预算法 第十四条 starts (a correction restarts it)."""
    now = now or timezone.now()
    if not can_edit_content(by, budget_set):
        raise PermissionDeniedError()
    if approved_on > now.astimezone(SHANGHAI).date():
        raise InvalidInputError(
            _("批复日期不能晚于今天。"), code="budget.approved_future"
        )
    if approved_on.year < budget_set.year - 1 or approved_on.year > budget_set.year + 1:
        raise InvalidInputError(
            _("批复日期与年度不符：%(year)d年的预决算。") % {"year": budget_set.year},
            code="budget.approved_year",
        )
    budget_set = BudgetSet.objects.select_for_update().get(pk=budget_set.pk)
    if budget_set.status == Status.PUBLISHED:
        raise ConflictError(
            _("已公开的预决算不能修改批复日期。"), code="budget.published"
        )
    before = budget_set.approved_on
    budget_set.approved_on = approved_on
    budget_set.save(update_fields=["approved_on", "updated_at"])
    if before is not None:
        clocks_delete_for(subject=budget_set, by=by, now=now)
    clock_start(subject=budget_set, rule_key=RULE_KEY, at=_start(approved_on),
                title=f"公开{budget_set.title}", department=budget_set.department,
                start_event="approved", by=by, now=now)  # fmt: skip
    audit_record(actor=by, action=BudgetsAudit.APPROVAL_RECORD, obj=budget_set,
                 now=now, changes={"approved_on": approved_on, "before": before})  # fmt: skip
    return budget_set


@transaction.atomic
def budget_submit(
    *, budget_set: BudgetSet, by: Staff, now: dt.datetime | None = None
) -> BudgetSet:
    """Send the set to review once its explanation and approval date are there."""
    budget_set = BudgetSet.objects.select_for_update().get(pk=budget_set.pk)
    problem = explanation_problem(budget_set)
    if problem:
        raise InvalidInputError(problem, code="budget.incomplete")
    return pub.publishing_submit(obj=budget_set, by=by, now=now)  # type: ignore[return-value]


@transaction.atomic
def budget_publish(
    *,
    budget_set: BudgetSet,
    by: Staff,
    publish_at: dt.datetime | None = None,
    unpublish_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> BudgetSet:
    """Publish an approved set; the 20-day clock stops at its publication."""
    now = now or timezone.now()
    if not can_review_content(by, budget_set):
        raise PermissionDeniedError()
    budget_set = pub.publishing_publish(  # type: ignore[assignment]
        obj=budget_set, by=by, publish_at=publish_at, unpublish_at=unpublish_at, now=now
    )
    at = budget_set.publish_at or now
    for clock in (
        clocks_for(budget_set)
        .filter(rule_key=RULE_KEY)
        .exclude(state=CachedState.STOPPED)
    ):
        clock_event_add(clock=clock, kind="published", at=at, by=by, now=now)
    return budget_set


# A code table nests three levels ({"function": {code: name}}); far more is not one.
MAX_CODES_NESTING = 16


def _codes_read(data: bytes) -> Any:
    """The JSON value of a codes file, or a refusal saying what is wrong with it."""
    if len(data) > MAX_CODES_FILE:
        raise InvalidInputError(_("文件不能超过 2 MB。"), code="budget.codes_too_large")
    if not data.strip():
        raise InvalidInputError(_("文件是空的。"), code="budget.codes_empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            _("文件不是 UTF-8 编码的 JSON 文本（是否选成了 Excel 或其他文件？）。"),
            code="budget.codes_not_json",
        ) from exc
    # Checked before parsing: the parser recurses once a level, and a process whose
    # recursion limit a library raised would overflow the C stack, not refuse.
    if nesting(text) > MAX_CODES_NESTING:
        raise InvalidInputError(
            _("文件不是科目表：嵌套层次过深。"), code="budget.codes_shape"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            _("文件不是有效的 JSON：第 %(line)d 行第 %(column)d 列附近有语法错误。")
            % {"line": exc.lineno, "column": exc.colno},
            code="budget.codes_not_json",
        ) from exc


def _codes_problems(table: Any) -> list[str]:
    """Everything wrong with a code table: its shape, each code's digits (预算法
    第三十二条, ``rules.CODE_LENGTHS``) and each name; empty when it can be loaded."""
    if not isinstance(table, dict):
        return [_("科目表应为 JSON 对象：{\"function\": {编码: 名称, …}, "
                  "\"economic\": {编码: 名称, …}}。")]  # fmt: skip
    problems = []
    for system, lengths in CODE_LENGTHS.items():
        label = CODE_SYSTEMS[system]
        codes = table.get(system)
        if not isinstance(codes, dict) or not codes:
            problems.append(
                _("缺少%(label)s科目（“%(key)s”，应为 {编码: 名称} 且不为空）。")
                % {"label": label, "key": system}
            )
            continue
        digits = "/".join(str(n) for n in lengths)
        for code, name in codes.items():
            if not (code.isascii() and code_shape_ok(system, code)):
                problems.append(
                    _("%(label)s科目编码“%(code)s”位数不对：应为 %(digits)s 位数字。")
                    % {"label": label, "code": code, "digits": digits}
                )
            elif not isinstance(name, str) or not name.strip():
                problems.append(
                    _("%(label)s科目“%(code)s”缺少名称。")
                    % {"label": label, "code": code}
                )
    return problems


@transaction.atomic
def codes_load(
    *,
    since: int,
    data: bytes,
    source: str,
    by: Staff | None,
    file_name: str = "",
    now: dt.datetime | None = None,
) -> CodeTable:
    """Load the 政府收支分类科目 in force from ``since`` from the office's JSON file:
    checked whole and refused whole; an edition of the same year is replaced."""
    now = now or timezone.now()
    if by is not None and not can_load_codes(by):
        raise PermissionDeniedError()
    if not 2000 <= since <= 2100:
        raise InvalidInputError(
            _("起始年度应为 2000 至 2100 之间的四位数字。"), code="budget.codes_since"
        )
    table = _codes_read(data)
    problems = _codes_problems(table)
    if problems:
        raise InvalidInputError(
            _("科目表未通过校验（%(n)d 处），未导入：%(first)s")
            % {"n": len(problems), "first": problems[0]},
            code="budget.codes_invalid",
            detail=[{"message": p} for p in problems[:100]],
        )
    source = (source.strip() or str(table.get("source") or "").strip())[:300]
    codes = {k: table[k] for k in CODE_LENGTHS}
    code_table, created = CodeTable.objects.update_or_create(
        since=since, defaults={"data": codes, "source": source, "loaded_by": by}
    )
    audit_record(actor=by, action=BudgetsAudit.CODES_LOAD, obj=code_table, now=now,
                 changes={"since": since, "source": source, "file": file_name[:200],
                          "function": len(codes[FUNCTION]),
                          "economic": len(codes[ECONOMIC]), "replaced": not created})  # fmt: skip
    return code_table


# The page tag of the pages drawn with the table sets (``module.PAGES``).
TABLESETS_TAG = "budgets.tablesets"
# The digest last compared with ``TableSetState``, per database, in this process.
_compared: dict[str, str] = {}


def tablesets_changed_mark(*, now: dt.datetime | None = None) -> bool:
    """Mark the pages drawn with the table sets stale (pages cached, static files)
    when the files in use differ from those of the last mark: an operator added,
    changed or removed a file in ``GONGKAI_BUDGET_TABLESET_DIRS``. Each process
    compares once per change of the files (one query); the first comparison on a
    database records the files without marking. Called by the budgets pages and
    by the worker's schedule (``Module.ticks``), so that a change reaches pages
    only nginx serves. True when it marked."""
    digest = tablesets_digest()
    name = str(connection.settings_dict["NAME"])
    if _compared.get(name) == digest:
        return False
    now = now or timezone.now()
    rows = TableSetState.objects.filter(pk=1)
    stored = rows.values_list("digest", flat=True).first()
    marked = False
    if stored is None:
        TableSetState.objects.bulk_create(
            [TableSetState(pk=1, digest=digest, changed_at=now)], ignore_conflicts=True
        )
    elif stored != digest:
        with transaction.atomic():
            # Compare and set: of the processes noticing one change, one marks.
            if rows.filter(digest=stored).update(digest=digest, changed_at=now):
                content_changed(tags=[TABLESETS_TAG])
                marked = True
    _compared[name] = digest
    return marked
