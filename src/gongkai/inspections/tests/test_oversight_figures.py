"""The inspections' FINDINGS and TIMELINESS providers for the oversight module."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.clocks import SHANGHAI
from gongkai.inspections import services
from gongkai.inspections.oversight_figures import (
    inspection_findings,
    inspection_timeliness,
)

from .support import make_task, registry, run_to_drawn

pytestmark = pytest.mark.django_db
ENTERED = dt.datetime(2026, 3, 20, 10, tzinfo=SHANGHAI)


@pytest.fixture
def entered(staff, department, reviewer):
    registry()
    task = make_task(by=staff, department=department)
    drawn = run_to_drawn(task, office=reviewer, by=staff)
    i = services.inspection_result_enter(
        inspection=drawn.inspections.first(),
        result="corrected",
        note="标签不规范，已整改",
        checked_on=dt.date(2026, 3, 10),
        by=staff,
        now=ENTERED,
    )
    return drawn, i


def test_result_unpublished_after_its_clock_is_a_finding(entered):
    drawn, _i = entered
    # due 2026-04-08 (20 working days after 03-10, 清明 off)
    assert inspection_findings(on=dt.datetime(2026, 4, 8, 12, tzinfo=SHANGHAI)) == []
    found = inspection_findings(on=dt.datetime(2026, 4, 10, tzinfo=SHANGHAI))
    assert [f.indicator for f in found] == ["content.inspection_late"]
    assert found[0].fix_url == f"/workbench/inspections/tasks/{drawn.task.code}/"
    assert "2026-04-08" in found[0].object


def test_published_results_are_met(entered, reviewer):
    drawn, _i = entered
    services.results_publish(task=drawn.task, by=reviewer, now=ENTERED)
    assert inspection_findings(on=dt.datetime(2026, 5, 1, tzinfo=SHANGHAI)) == []
    tallies = inspection_timeliness(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30))
    assert [(t.met, t.overdue) for t in tallies] == [(1, 0)]


def test_unpublished_result_counts_overdue_in_the_period(entered):
    tallies = inspection_timeliness(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30))
    assert [(t.kind, t.met, t.overdue) for t in tallies] == [
        ("inspection.results_publish", 0, 1)
    ]
    assert tallies[0].delay_days_total == pytest.approx(22.0)  # to the period's end
    assert (
        inspection_timeliness(start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31)) == []
    )
