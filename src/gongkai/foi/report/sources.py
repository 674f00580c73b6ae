"""Table 2 figures from the other modules, where they exist (RULES.md §2.2).

* 第二十条第（一）项 from the catalogue: documents whose 体裁 is 规章 or contains
  规范性文件; 制发 = published, written in the year; 废止 = repealed or expired with the
  change in the year; 现行有效 = published and effective or amended now (so the figure
  is right when the report is made after the year's end and before anything changes).
* 第二十条第（六）项 行政处罚 from the penalty records decided in the year.

Everything else (行政许可, 行政强制, 收费金额) is entered by the office. A module that
is missing or has changed shape gives nothing, and the office enters the figure.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import FieldError
from django.db import DatabaseError

log = logging.getLogger(__name__)
FIRST, SIXTH = "第二十条第（一）项", "第二十条第（六）项"


def _documents(year: int) -> dict[str, dict[str, int]]:
    from gongkai.documents.models import Document

    out: dict[str, dict[str, int]] = {}
    published = Document.objects.filter(status="published")
    for row, genre in (
        ("规章", {"genre__name": "规章"}),
        ("行政规范性文件", {"genre__name__contains": "规范性文件"}),
    ):
        docs = Document.objects.filter(**genre)
        out[row] = {
            "本年制发件数": published.filter(**genre, written_on__year=year).count(),
            "本年废止件数": docs.filter(
                validity__in=["repealed", "expired"], validity_changed_on__year=year
            ).count(),
            "现行有效件数": published.filter(
                **genre, validity__in=["effective", "amended"]
            ).count(),
        }
    return out


def _penalties(year: int) -> int:
    from gongkai.penalties.models import Penalty

    return Penalty.objects.filter(decided_on__year=year).count()


def module_figures(year: int) -> dict[str, Any]:
    """The T2 cells the modules can count: {caption: {row: {column: value}}}."""
    out: dict[str, Any] = {}
    try:
        out[FIRST] = _documents(year)
    except (ImportError, LookupError, FieldError, DatabaseError):
        log.warning("foi report: catalogue counts unavailable", exc_info=True)
    try:
        out[SIXTH] = {"行政处罚": {"本年处理决定数量": _penalties(year)}}
    except (ImportError, LookupError, FieldError, DatabaseError):
        log.warning("foi report: penalty counts unavailable", exc_info=True)
    return out
