"""Figures of the catalogue for the annual report (declared in ``module.py``)."""

from __future__ import annotations

from gongkai.common.figures import Table2Cells
from gongkai.publishing.choices import Status

from .choices import Validity
from .models import Document

FIRST = "第二十条第（一）项"


def table2_documents(*, year: int) -> Table2Cells:
    """条例 第二十条第（一）项 (RULES.md §2.2): documents whose 体裁 is 规章 or contains
    规范性文件; 制发 = published, written in the year; 废止 = repealed or expired with
    the change in the year; 现行有效 = published and effective or amended now (so the
    figure is right when the report is made after the year's end and before anything
    changes). A document whose 成文日期 is unknown counts as 现行有效 but in no
    year's 制发 until staff complete the date (RULES.md §9: never invented)."""
    rows: dict[str, dict[str, int]] = {}
    published = Document.objects.filter(status=Status.PUBLISHED)
    for row, genre in (
        ("规章", {"genre__name": "规章"}),
        ("行政规范性文件", {"genre__name__contains": "规范性文件"}),
    ):
        ended = [Validity.REPEALED, Validity.EXPIRED]
        rows[row] = {
            "本年制发件数": published.filter(**genre, written_on__year=year).count(),
            "本年废止件数": Document.objects.filter(
                **genre, validity__in=ended, validity_changed_on__year=year
            ).count(),
            "现行有效件数": published.filter(
                **genre, validity__in=[Validity.EFFECTIVE, Validity.AMENDED]
            ).count(),
        }
    return {FIRST: rows}
