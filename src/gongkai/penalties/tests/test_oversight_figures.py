"""The penalties' FINDINGS and TIMELINESS providers for the oversight module."""

import datetime as dt

import pytest

from gongkai.core.clocks import SHANGHAI
from gongkai.penalties import services
from gongkai.penalties.oversight_figures import penalty_findings, penalty_timeliness
from gongkai.penalties.tests.factories import record
from gongkai.publishing import services as pub

pytestmark = pytest.mark.django_db

DECIDED = dt.datetime(2026, 9, 18, 10, tzinfo=SHANGHAI)  # record()'s CF_JDRQ


def _penalty(staff, *, now=DECIDED):
    return services.penalty_create(
        record=record(), department=staff.department, by=staff, now=now
    )


def test_unpublished_decision_past_its_clock_is_a_finding(staff):
    p = _penalty(staff)
    # 7 working days from 2026-09-18 skip the National Day block: not due on 9/25
    assert penalty_findings(on=dt.datetime(2026, 9, 25, tzinfo=SHANGHAI)) == []
    found = penalty_findings(on=dt.datetime(2026, 11, 1, tzinfo=SHANGHAI))
    assert {f.indicator for f in found} == {"content.penalty_late"}
    assert found[0].fix_url == f"/workbench/penalties/{p.pk}/"
    assert p.decision_number in found[0].object
    assert found[0].department_id == staff.department_id


def test_decision_published_in_time_is_no_finding_and_counts_as_met(staff, reviewer):
    p = _penalty(staff)
    pub.publishing_submit(obj=p, by=staff, now=DECIDED)
    pub.publishing_approve(obj=p, by=reviewer, now=DECIDED)
    services.penalty_publish(penalty=p, by=reviewer, now=DECIDED + dt.timedelta(days=1))
    assert penalty_findings(on=dt.datetime(2026, 11, 1, tzinfo=SHANGHAI)) == []
    tallies = penalty_timeliness(start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31))
    site = [t for t in tallies if t.kind == "penalty.publish"]
    assert [(t.met, t.overdue) for t in site] == [(1, 0)]


def test_overdue_clock_counts_with_its_delay(staff):
    _penalty(staff)
    tallies = penalty_timeliness(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 31))
    site = [t for t in tallies if t.kind == "penalty.publish"]
    assert site and site[0].overdue == 1 and site[0].met == 0
    assert site[0].delay_days_total > 0
    assert site[0].department_id == staff.department_id


def test_unpublished_licensing_decision_past_its_clock_is_a_finding(staff, reviewer):
    from gongkai.penalties.licences import services as licences
    from gongkai.penalties.tests.licence_factories import (
        licence_publish,
        licence_record,
    )

    late = licences.licence_create(
        record=licence_record(), department=staff.department, by=staff, now=DECIDED
    )
    licence_publish(staff=staff, reviewer=reviewer, now=DECIDED)  # in time: no finding
    assert penalty_findings(on=dt.datetime(2026, 9, 25, tzinfo=SHANGHAI)) == []
    found = penalty_findings(on=dt.datetime(2026, 11, 1, tzinfo=SHANGHAI))
    assert [(f.indicator, f.fix_url) for f in found] == [
        ("content.licence_late", f"/workbench/penalties/licences/{late.pk}/")
    ]
    assert late.decision_number in found[0].object
    assert "许可决定" in found[0].action
