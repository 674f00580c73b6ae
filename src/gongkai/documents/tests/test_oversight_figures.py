"""The catalogue's FINDINGS, TIMELINESS and ACTIVITY providers for the oversight
module: stale and blank columns (国办秘函〔2019〕19号), late interpretations."""

import datetime as dt

import pytest

from gongkai.core.clocks import SHANGHAI
from gongkai.documents.oversight_figures import (
    column_findings,
    interpretation_findings,
    interpretation_tallies,
    publications_by_column,
)
from gongkai.publishing.choices import Status

from .factories import ColumnFactory, DocumentFactory, InterpretationFactory

pytestmark = pytest.mark.django_db


def sh(y, m, d, h=12):
    return dt.datetime(y, m, d, h, tzinfo=SHANGHAI)


def _doc(column, when, **kw):
    doc = DocumentFactory(status=Status.PUBLISHED, publish_at=when, **kw)
    doc.columns.add(column)
    return doc


def test_blank_column_is_found_until_it_has_content():
    col = ColumnFactory(slug="tzgg", name="通知公告")
    found = column_findings(on=sh(2026, 12, 5))
    assert [(f.indicator, f.url) for f in found] == [
        ("freshness.blank_column", col.get_absolute_url())
    ]
    _doc(col, sh(2026, 12, 1))
    assert column_findings(on=sh(2026, 12, 5)) == []
    # scheduled content does not count before its time
    late = ColumnFactory(slug="later", name="其他")
    _doc(late, sh(2027, 1, 1))
    assert [f.indicator for f in column_findings(on=sh(2026, 12, 5))] == [
        "freshness.blank_column"
    ]


@pytest.mark.parametrize(
    ("name", "period", "last", "on", "stale"),
    [
        ("工作动态", None, sh(2026, 11, 20), sh(2026, 12, 4), False),  # 14 days
        ("工作动态", None, sh(2026, 11, 20), sh(2026, 12, 5), True),
        ("通知公告", None, sh(2026, 6, 5), sh(2026, 12, 5), False),  # 6 months
        ("通知公告", None, sh(2026, 6, 4), sh(2026, 12, 5), True),
        ("通知公告", 30, sh(2026, 11, 1), sh(2026, 12, 5), True),  # configured
    ],
)
def test_stale_column_by_its_period(name, period, last, on, stale):
    col = ColumnFactory(slug="c", name=name, update_period_days=period)
    _doc(col, last)
    found = column_findings(on=on)
    assert [f.indicator for f in found] == (["freshness.stale_column"] if stale else [])


def test_six_months_ahead_reports_the_columns_that_will_then_be_stale():
    _doc(ColumnFactory(slug="zcwj", name="政策文件"), sh(2026, 12, 1))
    assert column_findings(on=sh(2026, 12, 5)) == []
    found = column_findings(on=sh(2027, 6, 5))
    assert [f.indicator for f in found] == ["freshness.stale_column"]
    assert "政策文件" in found[0].object and "2027-06-01" in found[0].object


def test_policy_without_interpretation_after_three_working_days():
    doc = DocumentFactory(
        status=Status.PUBLISHED, publish_at=sh(2026, 3, 2), needs_interpretation=True
    )
    assert interpretation_findings(on=sh(2026, 3, 5)) == []  # due 2026-03-05
    found = interpretation_findings(on=sh(2026, 3, 6))
    assert [f.indicator for f in found] == ["content.interpretation_late"]
    assert found[0].fix_url == f"/workbench/documents/{doc.pk}/"
    tallies = interpretation_tallies(
        start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
    )
    assert [(t.met, t.overdue) for t in tallies] == [(0, 1)]
    InterpretationFactory(
        policy=doc, status=Status.PUBLISHED, publish_at=sh(2026, 3, 4)
    )
    assert interpretation_findings(on=sh(2026, 3, 6)) == []
    tallies = interpretation_tallies(
        start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
    )
    assert [(t.met, t.overdue) for t in tallies] == [(1, 0)]


def test_publications_are_counted_by_column_and_department():
    col = ColumnFactory(slug="gzdt", name="工作动态")
    doc = _doc(col, sh(2026, 3, 2))
    _doc(col, sh(2026, 3, 3), department=doc.department)
    _doc(col, sh(2026, 4, 3), department=doc.department)
    rows = publications_by_column(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert [(r.item, r.department_id, r.count) for r in rows] == [
        ("工作动态", doc.department_id, 2)
    ]
