"""Reads: the table sets and classification codes in force, a set's rows, the
public sets and the figures of the charts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from gongkai.accounts.choices import Role
from gongkai.accounts.permissions import has_role

from .choices import Kind
from .models import BudgetRow, BudgetSet, CodeTable
from .rules import (
    ECONOMIC,
    FUNCTION,
    Line,
    TableSet,
    tableset_choose,
)
from .tableset_rules import TableSetError, tableset_parse

DATA = Path(__file__).resolve().parent / "data"
log = logging.getLogger(__name__)


def _json_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


@dataclass(frozen=True)
class TableSetProblem:
    """A table set file that is not used, and why (``tableset_rules``)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class _Loaded:
    stamp: tuple[tuple[str, int, int, int], ...]
    sets: tuple[TableSet, ...]
    problems: tuple[TableSetProblem, ...]
    digest: str  # of the used files' contents: the same on every server


# The sets as last read; replaced whole, never changed, so threads may share it.
_loaded: _Loaded | None = None


def tableset_dirs() -> list[Path]:
    """The shipped folder, then the operator's (``GONGKAI_BUDGET_TABLESET_DIRS``)."""
    configured = getattr(settings, "GONGKAI_BUDGET_TABLESET_DIRS", [])
    return [DATA / "tablesets", *map(Path, configured)]


def _stamp(paths: list[Path]) -> tuple[tuple[str, int, int, int], ...]:
    """What tells that a file changed: its name, modification time, size, inode."""
    out = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            out.append((str(path), -1, -1, -1))  # read (and reported) below
        else:
            out.append((str(path), st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(out)


def _load() -> _Loaded:
    """The table sets, read again only when a file was added, removed or changed
    (a ``stat`` of each file instead of reading and parsing every file each time).
    A file that cannot be used is left out and logged whenever the files are read;
    the rest serve the pages, and ``gongkai check`` reports it (budgets.checks)."""
    global _loaded
    paths = [path for folder in tableset_dirs() for path in _json_files(folder)]
    stamp = _stamp(paths)  # before reading: a change while reading is seen next time
    loaded = _loaded
    if loaded is not None and loaded.stamp == stamp:
        return loaded
    found: dict[str, TableSet] = {}
    contents: dict[str, bytes] = {}
    origin: dict[str, Path] = {}
    problems: list[TableSetProblem] = []
    for path in paths:
        try:
            data = path.read_bytes()
            tableset = tableset_parse(data)
        except OSError as exc:
            reason = f"无法读取：{exc.strerror or exc}"
        except TableSetError as exc:
            reason = str(exc)
        else:
            first = origin.get(tableset.key)
            # An operator's set replaces a shipped one of its key; two of the
            # operator's files with one key: the first (folder, then name) is used.
            if first is None or first.parent == DATA / "tablesets":
                found[tableset.key], origin[tableset.key] = tableset, path
                contents[tableset.key] = data
                continue
            reason = (
                f"与 {first.name} 的表集标识“{tableset.key}”相同，只使用先读到的文件"
            )
        log.error("budgets: table set file %s not used: %s", path, reason)
        problems.append(TableSetProblem(path, reason))
    digest = hashlib.sha256()
    for key in sorted(contents):
        digest.update(hashlib.sha256(key.encode() + b"\0" + contents[key]).digest())
    _loaded = _Loaded(stamp, tuple(found.values()), tuple(problems), digest.hexdigest())
    return _loaded


def tablesets_digest() -> str:
    """What identifies the table sets in use: a digest of the used files' keys and
    contents (``services.tablesets_changed_mark``)."""
    return _load().digest


def tablesets() -> list[TableSet]:
    """The shipped table sets and those in ``GONGKAI_BUDGET_TABLESET_DIRS`` (a set
    there with the key of a shipped one replaces it); files that cannot be used, and
    a second operator file with a key already read, are left out
    (``tableset_problems``)."""
    return list(_load().sets)


def tableset_problems() -> list[TableSetProblem]:
    """The table set files left out, with the reason of each."""
    return list(_load().problems)


def tableset_for(kind: str, year: int) -> TableSet | None:
    """The table set of ``kind`` in force for ``year`` in the configured province."""
    province = getattr(settings, "GONGKAI_BUDGET_PROVINCE", "")
    return tableset_choose(tablesets(), kind=kind, year=year, province=province)


def tableset_get(key: str) -> TableSet | None:
    return next((t for t in tablesets() if t.key == key), None)


def codes_for(year: int) -> dict[str, Any]:
    """The 政府收支分类科目 in force for ``year``: the office's latest loaded table not
    after ``year``, else the shipped one."""
    loaded = CodeTable.objects.filter(since__lte=year).order_by("-since").first()
    shipped: list[tuple[int, Path]] = []
    for path in _json_files(DATA / "codes"):
        if path.stem.isdecimal() and int(path.stem) <= year:
            shipped.append((int(path.stem), path))
    best_shipped = max(shipped, default=None)
    if loaded and (best_shipped is None or loaded.since >= best_shipped[0]):
        return {"since": loaded.since, "source": loaded.source, **loaded.data}
    if best_shipped is None:
        return {"since": None, "source": "", "function": {}, "economic": {}}
    data: dict[str, Any] = json.loads(best_shipped[1].read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class CodeEdition:
    """One edition of the 政府收支分类科目 the system has: loaded by the office
    (``loaded_at`` set) or shipped with the system."""

    since: int
    source: str
    function: int  # number of codes
    economic: int
    loaded_at: dt.datetime | None = None
    loaded_by: str = ""
    in_force: bool = False  # the edition codes_for() gives for the year asked
    replaced: bool = False  # shipped, and the office loaded the same year
    until: int | None = None  # the last year it applies to (None: no newer one)


def code_editions(*, year: int) -> list[CodeEdition]:
    """Every edition, newest first (of one year, the loaded before the shipped, as
    ``codes_for`` prefers it), with the years each applies to; the one in force for
    ``year`` marked."""
    editions = [
        CodeEdition(
            since=table.since, source=table.source,
            function=len(table.data.get(FUNCTION, {})),
            economic=len(table.data.get(ECONOMIC, {})),
            loaded_at=table.loaded_at,
            loaded_by=str(table.loaded_by) if table.loaded_by else "",
        )
        for table in CodeTable.objects.select_related("loaded_by")
    ]  # fmt: skip
    for path in _json_files(DATA / "codes"):
        if path.stem.isdecimal():
            data = json.loads(path.read_text(encoding="utf-8"))
            editions.append(CodeEdition(
                since=int(path.stem), source=str(data.get("source", "")),
                function=len(data.get(FUNCTION, {})),
                economic=len(data.get(ECONOMIC, {})),
            ))  # fmt: skip
    editions.sort(key=lambda e: (e.since, e.loaded_at is not None), reverse=True)
    loaded = {e.since for e in editions if e.loaded_at is not None}
    current = next((e for e in editions if e.since <= year), None)
    out: list[CodeEdition] = []
    newer: int | None = None
    for e in editions:
        replaced = e.loaded_at is None and e.since in loaded
        until = None if replaced or newer is None else newer - 1
        out.append(replace(e, in_force=e is current, replaced=replaced, until=until))
        newer = newer if replaced else e.since
    return out


def set_lines(budget_set: BudgetSet) -> dict[str, list[Line]]:
    """The rows of a set as ``rules.Line`` per table key, in order."""
    out: dict[str, list[Line]] = {}
    for row in budget_set.rows.all():
        amounts = {k: Decimal(v) for k, v in row.amounts.items()}
        out.setdefault(row.table, []).append(
            Line(row.table, row.line, row.code, row.name, amounts)
        )
    return out


def set_amounts(budget_set: BudgetSet) -> dict[str, dict[str, dict[str, Decimal]]]:
    """``{table: {row key: {column: amount}}}`` (what a final account is checked
    against)."""
    out: dict[str, dict[str, dict[str, Decimal]]] = {}
    for row in budget_set.rows.all():
        out.setdefault(row.table, {})[row.key] = {
            k: Decimal(v) for k, v in row.amounts.items()
        }
    return out


def budget_set_visible_to_staff(user: Any) -> QuerySet[BudgetSet]:
    """Sets a staff member sees: the office and admins all, staff their department's."""
    qs = BudgetSet.objects.all()
    if has_role(user, Role.ADMIN, Role.REVIEWER, Role.AUDITOR):
        return qs
    if has_role(user, Role.STAFF) and user.department_id:
        return qs.filter(department_id=user.department_id)
    return qs.none()


def budget_sets_public(*, now: dt.datetime) -> QuerySet[BudgetSet]:
    """Published sets inside their window, newest year first."""
    qs: QuerySet[BudgetSet] = BudgetSet.objects.visible(now)
    return qs.order_by("-year", "kind")


def budget_set_public(*, year: int, kind: str, now: dt.datetime) -> BudgetSet | None:
    return budget_sets_public(now=now).filter(year=year, kind=kind).first()


def public_years(*, now: dt.datetime) -> list[int]:
    years = budget_sets_public(now=now).values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def _total(rows: list[BudgetRow], column: str) -> Decimal:
    return next((r.amount(column) for r in rows if r.key == "total"), Decimal(0))


def chart_spending(budget_set: BudgetSet, tableset: TableSet) -> dict[str, Any]:
    """Expenditure by function (类 level) and basic against project spending."""
    key = tableset.charts.get("spending", "")
    # .all() so that rows prefetched by the caller (chart_years) are reused
    rows = [r for r in budget_set.rows.all() if r.table == key]
    by_class = (
        [
            {"code": r.code, "name": r.name, "value": r.amount("total")}
            for r in rows
            if tableset.table(key).rows == FUNCTION and len(r.code) == 3
        ]
        if key
        else []
    )
    split = [
        {"name": "基本支出", "value": _total(rows, "basic")},
        {"name": "项目支出", "value": _total(rows, "project")},
    ]
    return {
        "by_function": by_class,
        "basic_project": split,
        "total": _total(rows, "total"),
    }


def _three_public_row(budget_set: BudgetSet, tableset: TableSet) -> BudgetRow | None:
    spec: Mapping[str, str] = tableset.charts.get("three_public", {})
    if not spec:
        return None
    return next(
        (
            r
            for r in budget_set.rows.all()
            if (r.table, r.key) == (spec["table"], spec["row"])
        ),
        None,
    )


def chart_years(*, now: dt.datetime) -> dict[str, Any]:
    """三公 by year (the final figure where there is one, else the budget) and budget
    against final total expenditure per year."""
    sets = list(budget_sets_public(now=now).prefetch_related("rows"))
    by_year: dict[int, dict[str, BudgetSet]] = {}
    for s in sets:
        by_year.setdefault(s.year, {})[s.kind] = s
    three_public, compare = [], []
    for year in sorted(by_year):
        kinds = by_year[year]
        values: dict[str, Any] = {"year": year}
        for kind in (Kind.BUDGET, Kind.FINAL):
            one = kinds.get(kind)
            tableset = tableset_get(one.tableset_key) if one else None
            values[kind] = (
                chart_spending(one, tableset)["total"] if one and tableset else None
            )
        compare.append(values)
        chosen = kinds.get(Kind.FINAL) or kinds.get(Kind.BUDGET)
        tableset = tableset_get(chosen.tableset_key) if chosen else None
        row = _three_public_row(chosen, tableset) if chosen and tableset else None
        if row is not None and chosen is not None:
            three_public.append({
                "year": year,
                "kind": Kind(chosen.kind).label,
                "abroad": row.amount("abroad"),
                "vehicles": row.amount("vehicles"),
                "reception": row.amount("reception"),
                "total": row.amount("total"),
            })  # fmt: skip
    return {"three_public": three_public, "compare": compare}
