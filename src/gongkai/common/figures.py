"""Figures one module computes for another, through the module declarations.

A module that can count something another module reports names a typed function in
``Module.figures`` under an agreed name; the consumer asks ``providers(name)`` and
never queries the provider's models. Names and the shape of what they return:

* ``TABLE2`` (``annual_report.table2``): ``fn(*, year: int) -> Table2Cells`` — the
  cells of table 2 of the annual report (RULES.md §2.2) the module can count,
  ``{caption: {row: {column: count}}}`` with the captions of
  ``core.report_tables.T2_TABLES``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .modules import modules

TABLE2 = "annual_report.table2"
Table2Cells = dict[str, dict[str, dict[str, int]]]


def providers(name: str) -> list[Callable[..., Any]]:
    """Every declared function computing the figures ``name``, in module order."""
    return [m.figures[name] for m in modules() if name in m.figures]
