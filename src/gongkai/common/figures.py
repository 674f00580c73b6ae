"""Figures one module computes for another, through the module declarations.

A module that can count something another module reports names a typed function in
``Module.figures`` under an agreed name; the consumer asks ``providers(name)`` and
never queries the provider's models. Names and the shape of what they return:

* ``TABLE2`` (``annual_report.table2``): ``fn(*, year: int) -> Table2Cells`` — the
  cells of table 2 of the annual report (RULES.md §2.2) the module can count,
  ``{caption: {row: {column: count}}}`` with the captions of
  ``core.report_tables.T2_TABLES``.
* ``FINDINGS`` (``oversight.findings``): ``fn(*, on: datetime) -> list[Finding]`` — what
  a national site inspection (RULES.md §5) would find in the module's content as of
  ``on``; the oversight self-check scores them by indicator.
* ``TIMELINESS`` (``oversight.timeliness``): ``fn(*, start: date, end: date) ->
  list[ClockTally]`` — the module's clocks that fell due in ``[start, end]``, met or
  overdue, per department; the department assessment adds them up.
* ``ACTIVITY`` (``oversight.activity``): ``fn(*, start: date, end: date) ->
  list[ActivityCount]`` — counts per department the assessment shows beside the
  clocks: publications by column, information-request outcomes, …
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .modules import modules

TABLE2 = "annual_report.table2"
Table2Cells = dict[str, dict[str, dict[str, int]]]

FINDINGS = "oversight.findings"
TIMELINESS = "oversight.timeliness"


@dataclass(frozen=True)
class Finding:
    """One thing an inspection would mark down, and where it is fixed."""

    indicator: str  # an indicator key of the self-check, e.g. "interaction.unanswered"
    severity: Literal["veto", "deduction"]  # 单项否决 or 扣分
    object: str  # what is wrong, in Chinese: "留言《…》收到 2026-05-01，未答复"
    url: str  # the public page concerned, or ""
    fix_url: str  # the staff page where it is fixed
    action: str  # what to do, in Chinese
    department_id: int | None = None


@dataclass(frozen=True)
class ClockTally:
    """Clocks of one kind and department that fell due in a period."""

    kind: str  # a clock rule key, e.g. "foi.reply", "participation.message_reply"
    label: str  # its Chinese name
    department_id: int | None
    met: int
    overdue: int
    delay_days_total: float  # summed lateness of the overdue ones, in days


ACTIVITY = "oversight.activity"


@dataclass(frozen=True)
class ActivityCount:
    """How many of one item a department did in a period, e.g. documents published
    in a column (group "按栏目发布") or requests by outcome."""

    group: str  # its Chinese heading
    item: str  # its Chinese label
    department_id: int | None
    count: int


def providers(name: str) -> list[Callable[..., Any]]:
    """Every declared function computing the figures ``name``, in module order."""
    return [m.figures[name] for m in modules() if name in m.figures]
