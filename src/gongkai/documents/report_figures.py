"""Figures of the catalogue for the annual report (declared in ``module.py``):
table 2, 第二十条第（一）项 规章 and 行政规范性文件 (条例 第二十条第（一）项;
国办公开办函〔2021〕30号; RULES.md §2.2, §9).

* The row is the document's ``category`` (set at drafting and in imports), never
  guessed from its 体裁.
* 本年制发件数: published documents written (成文) in the year.
* 本年废止件数: documents that ended in the year (rules.ended_on): repealed then, or
  lapsed then (the day after ``valid_until``).
* 现行有效件数: published documents written by 31 December and not ended by then; a
  document that lapsed on or before 31 December is not in force, whatever the day
  the report is made. A document whose 成文日期 is unknown (an import) counts as
  现行有效 but in no year's 制发.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from gongkai.common.figures import Table2Cells
from gongkai.publishing.choices import Status

from . import rules
from .choices import Category, Validity
from .models import Document

FIRST = "第二十条第（一）项"
ROWS = {Category.RULE: "规章", Category.NORMATIVE: "行政规范性文件"}
COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")


def table2_documents(*, year: int) -> Table2Cells:
    """{FIRST: {row: {column: count}}} for the rows 规章 and 行政规范性文件 of ``year``."""
    last = dt.date(year, 12, 31)
    out = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS.values()}
    found = Document.objects.filter(
        Q(written_on__lte=last) | Q(written_on__isnull=True),
        category__in=list(ROWS),
        status=Status.PUBLISHED,
    ).values_list(
        "category", "written_on", "validity", "validity_changed_on", "valid_until"
    )
    for category, written_on, validity, changed_on, valid_until in found:
        row = out[ROWS[Category(category)]]
        if written_on is not None and written_on.year == year:
            row["本年制发件数"] += 1
        ended = rules.ended_on(
            validity=validity, changed_on=changed_on, valid_until=valid_until
        )
        if ended is not None and ended.year == year:
            row["本年废止件数"] += 1
        # A repeal without a date is not in force, though no year can count it.
        unknown_repeal = ended is None and validity == Validity.REPEALED
        if not unknown_repeal and (ended is None or ended > last):
            row["现行有效件数"] += 1
    return {FIRST: out}
