"""Table 2 figures from the other modules (RULES.md §2.2).

Each module that can count a table-2 cell declares a function under
``common.figures.TABLE2`` (the catalogue: 第二十条第（一）项; penalties: 第二十条第
（六）项); this module merges what they give and never reads their models.
Everything else (行政许可, 行政强制, 收费金额) is entered by the office.
"""

from __future__ import annotations

from typing import Any

from gongkai.common.figures import TABLE2, providers


def module_figures(year: int) -> dict[str, Any]:
    """The T2 cells the modules count: {caption: {row: {column: value}}}."""
    out: dict[str, Any] = {}
    for provide in providers(TABLE2):
        for caption, rows in provide(year=year).items():
            for row, cells in rows.items():
                out.setdefault(caption, {}).setdefault(row, {}).update(cells)
    return out
