"""Substitutions from reserves (§12.3), results, the publication clock."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.clocks.selectors import clock_rule, clocks_for
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent, RuleValue
from gongkai.inspections import services
from gongkai.inspections.choices import InspectionState
from gongkai.inspections.rules import next_reserve

from .factories import InspectorFactory
from .support import T0, make_task, registry, run_to_drawn

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(staff, department, reviewer):
    registry()
    task = make_task(by=staff, department=department)
    return run_to_drawn(task, office=reviewer, by=staff)


def test_substitute_takes_the_first_unused_reserve_and_the_team(drawn, reviewer):
    old = drawn.inspections.order_by("stratum", "rank").first()
    expected = next_reserve(drawn.output["result"]["reserves"], old.stratum, set())
    new = services.inspection_substitute(
        inspection=old, reason="已注销", by=reviewer, now=T0
    )
    old.refresh_from_db()
    assert old.state == InspectionState.REPLACED and new.replaces == old
    assert new.uscc == expected["uscc"] and new.rank == expected["rank"]
    assert new.team == old.team  # all inspectors come from other districts and qualify
    second = services.inspection_substitute(
        inspection=new, reason="无法联系", by=reviewer, now=T0
    )
    assert second.rank == expected["rank"] + 1
    with pytest.raises(ConflictError):  # reserve_per_stratum = 2: none left
        services.inspection_substitute(
            inspection=second, reason="又注销", by=reviewer, now=T0
        )
    assert AuditEvent.objects.filter(action="inspections.substitute").count() == 2


def test_substitute_needs_a_reason_and_the_office(drawn, staff, reviewer):
    i = drawn.inspections.first()
    with pytest.raises(PermissionDeniedError):
        services.inspection_substitute(inspection=i, reason="x", by=staff, now=T0)
    with pytest.raises(InvalidInputError):
        services.inspection_substitute(inspection=i, reason=" ", by=reviewer, now=T0)


def test_result_starts_the_20_working_day_clock_and_publication_stops_it(
    drawn, staff, reviewer, other_staff
):
    i = drawn.inspections.first()
    with pytest.raises(PermissionDeniedError):
        services.inspection_result_enter(
            inspection=i,
            result="no_problem",
            note="",
            checked_on=dt.date(2026, 3, 10),
            by=other_staff,
            now=T0 + dt.timedelta(days=10),
        )
    now = dt.datetime(2026, 3, 20, 2, 0, tzinfo=dt.UTC)
    i = services.inspection_result_enter(
        inspection=i,
        result="corrected",
        note="标签不规范，已整改",
        checked_on=dt.date(2026, 3, 10),
        by=staff,
        now=now,
    )
    clock = clocks_for(i).get()
    # 2026-03-10 + 20 working days (清明 04-04..06 off) = 04-08, due at its 24:00
    assert clock.due_at == dt.datetime(2026, 4, 8, 16, 0, tzinfo=dt.UTC)
    with pytest.raises(ConflictError):  # once entered, a result is not changed
        services.inspection_result_enter(
            inspection=i,
            result="no_problem",
            note="",
            checked_on=dt.date(2026, 3, 10),
            by=staff,
            now=now,
        )
    assert services.results_publish(task=drawn.task, by=reviewer, now=now) == 1
    clock.refresh_from_db()
    assert clock.state == "stopped" and not clock.stopped_late
    drawn.refresh_from_db()
    assert (
        drawn.published_at == now
    )  # the confidential draw is published with the results


def test_result_date_must_be_after_the_draw(drawn, staff):
    with pytest.raises(InvalidInputError):
        services.inspection_result_enter(
            inspection=drawn.inspections.first(),
            result="no_problem",
            note="",
            checked_on=dt.date(2026, 1, 1),
            by=staff,
            now=T0 + dt.timedelta(days=5),
        )


def test_linked_inspector_of_the_team_may_enter_the_result(drawn, other_staff):
    i = drawn.inspections.first()
    member = drawn.output["result"]["teams"][i.team]["inspectors"][0]
    from gongkai.inspections.models import Inspector

    Inspector.objects.filter(code=member).update(user=other_staff)
    services.inspection_result_enter(
        inspection=i,
        result="no_problem",
        note="",
        checked_on=dt.date(2026, 3, 10),
        by=other_staff,
        now=dt.datetime(2026, 3, 11, tzinfo=dt.UTC),
    )
    i.refresh_from_db()
    assert (i.result, i.checked_on) == ("no_problem", dt.date(2026, 3, 10))


@pytest.mark.parametrize(
    ("configured", "due"), [(None, dt.date(2026, 4, 8)), (10, dt.date(2026, 3, 24))]
)
def test_results_clock_length_is_a_configurable_rule_value(db, configured, due):
    if configured:
        RuleValue.objects.create(
            key="clock.inspection.results_publish.length",
            valid_from=dt.date(2026, 1, 1),
            value=configured,
        )
    rule = clock_rule("inspection.results_publish", start=dt.date(2026, 3, 10))
    assert rule.length == (configured or 20)
    from gongkai.clocks.selectors import work_calendar

    assert work_calendar().add_working_days(dt.date(2026, 3, 10), rule.length) == due


def test_inspectors_all_from_the_target_district_leave_targets_unstaffed(
    staff, department, reviewer
):
    registry(inspectors=0)
    InspectorFactory(home_region="330102")
    InspectorFactory(home_region="330105")
    task = make_task(by=staff, department=department)
    d = run_to_drawn(task, office=reviewer, by=staff)
    assert set(d.inspections.values_list("state", flat=True)) == {
        InspectionState.UNSTAFFED
    }


def test_task_page_shows_the_publication_deadline_of_entered_results(
    drawn, staff, login
):
    from django.urls import reverse

    i = drawn.inspections.first()
    now = dt.datetime(2026, 3, 20, 2, 0, tzinfo=dt.UTC)
    services.inspection_result_enter(
        inspection=i,
        result="no_problem",
        note="",
        checked_on=dt.date(2026, 3, 10),
        by=staff,
        now=now,
    )
    page = (
        login(staff)
        .get(reverse("inspections-staff:task-detail", args=[drawn.task.code]))
        .content.decode()
    )
    assert "公示期限" in page and "2026-04-08" in page
