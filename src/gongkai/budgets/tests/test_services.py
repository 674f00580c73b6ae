"""Services: the 批复 date starts the 20-day clock (calendar days, 预算法 第十四条),
publication stops it; submitting needs the explanation with 机关运行经费; the
oversight figures (FINDINGS, TIMELINESS)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.budgets import services
from gongkai.budgets.choices import Kind
from gongkai.budgets.clock_rules import CLOCK_RULES, RULE_KEY
from gongkai.budgets.demo import demo_workbook
from gongkai.budgets.oversight_figures import budget_findings, budget_timeliness
from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import SHANGHAI, clocks_for
from gongkai.common.audit import AuditEvent
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.figures import FINDINGS, TIMELINESS, providers
from gongkai.core.clock_types import Unit
from gongkai.publishing import services as pub

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


def _last_day(clock) -> dt.date:
    """The last day of the period (``due_at`` is the first moment after it)."""
    return (clock.due_at - dt.timedelta(microseconds=1)).astimezone(SHANGHAI).date()


def _imported(staff, year=2025, kind=Kind.BUDGET, now=None):
    return services.budget_import(
        data=demo_workbook(year=year, kind=kind), file_name="b.xlsx",
        kind=kind, year=year, by=staff, now=now,
    )  # fmt: skip


def test_rule_is_twenty_calendar_days_citing_article_14():
    (rule,) = CLOCK_RULES
    assert (rule.key, rule.unit, rule.length) == (RULE_KEY, Unit.CALENDAR_DAY, 20)
    assert "预算法 第十四条" in rule.basis


@pytest.mark.parametrize(
    "approved, due",
    [
        (
            dt.date(2025, 2, 10),
            dt.date(2025, 3, 3),
        ),  # day 20 a Sunday: next working day
        (dt.date(2025, 1, 25), dt.date(2025, 2, 14)),  # across the Spring Festival
        (dt.date(2024, 2, 20), dt.date(2024, 3, 11)),  # leap year February
        (dt.date(2025, 9, 25), dt.date(2025, 10, 15)),  # across National Day
    ],
)
def test_approval_starts_the_20_day_clock(staff, approved, due):
    now = _at(approved + dt.timedelta(days=1))
    budget_set = _imported(staff, now=now)
    services.budget_approval_record(
        budget_set=budget_set, approved_on=approved, by=staff, now=now
    )
    (clock,) = clocks_for(budget_set)
    assert clock.rule_key == RULE_KEY
    assert _last_day(clock) == due
    assert AuditEvent.objects.filter(action="budget.approval_record").exists()


def test_correcting_the_approval_restarts_the_clock(staff):
    now = _at(dt.date(2025, 3, 1))
    budget_set = _imported(staff, now=now)
    services.budget_approval_record(
        budget_set=budget_set, approved_on=dt.date(2025, 2, 10), by=staff, now=now
    )
    services.budget_approval_record(
        budget_set=budget_set, approved_on=dt.date(2025, 2, 12), by=staff, now=now
    )
    (clock,) = clocks_for(budget_set)
    assert _last_day(clock) == dt.date(2025, 3, 4)


@pytest.mark.parametrize(
    "approved, code",
    [
        (dt.date(2027, 1, 1), "budget.approved_future"),
        (dt.date(2020, 1, 1), "budget.approved_year"),
    ],
)
def test_approval_date_is_checked(staff, approved, code):
    budget_set = _imported(staff, now=_at(dt.date(2026, 1, 5)))
    with pytest.raises(InvalidInputError) as caught:
        services.budget_approval_record(budget_set=budget_set, approved_on=approved, by=staff,
                                        now=_at(dt.date(2026, 1, 5)))  # fmt: skip
    assert caught.value.code == code


def test_other_department_cannot_record_or_edit(staff, other_staff):
    budget_set = _imported(staff)
    with pytest.raises(PermissionDeniedError):
        services.budget_approval_record(
            budget_set=budget_set, approved_on=dt.date(2025, 2, 1), by=other_staff
        )
    with pytest.raises(PermissionDeniedError):
        services.budget_update(
            budget_set=budget_set,
            title="x",
            explanation="",
            running_costs=None,
            by=other_staff,
        )


def test_submit_needs_explanation_with_running_costs_and_approval(staff):
    now = _at(dt.date(2025, 2, 20))
    budget_set = _imported(staff, now=now)
    with pytest.raises(InvalidInputError, match="批复日期"):
        services.budget_submit(budget_set=budget_set, by=staff, now=now)
    services.budget_approval_record(
        budget_set=budget_set, approved_on=dt.date(2025, 2, 10), by=staff, now=now
    )
    services.budget_update(
        budget_set=budget_set,
        title="t",
        explanation="收支情况。",
        running_costs=None,
        by=staff,
        now=now,
    )
    budget_set.refresh_from_db()
    with pytest.raises(InvalidInputError, match="机关运行经费"):
        services.budget_submit(budget_set=budget_set, by=staff, now=now)
    services.budget_update(budget_set=budget_set, title="t", explanation="机关运行经费 12 万元。",
                           running_costs=Decimal("12"), by=staff, now=now)  # fmt: skip
    budget_set.refresh_from_db()
    services.budget_submit(budget_set=budget_set, by=staff, now=now)
    budget_set.refresh_from_db()
    assert budget_set.status == "in_review"


def test_publication_stops_the_clock_on_time_and_late(staff, reviewer):
    approved = dt.date(2025, 2, 10)
    budget_set = _imported(staff, now=_at(approved))
    services.budget_approval_record(
        budget_set=budget_set, approved_on=approved, by=staff, now=_at(approved)
    )
    services.budget_update(budget_set=budget_set, title="t", explanation="机关运行经费。",
                           running_costs=Decimal("1"), by=staff, now=_at(approved))  # fmt: skip
    budget_set.refresh_from_db()
    services.budget_submit(budget_set=budget_set, by=staff, now=_at(approved))
    pub.publishing_approve(obj=budget_set, by=reviewer, now=_at(approved))
    late = _at(dt.date(2025, 3, 4))
    services.budget_publish(budget_set=budget_set, by=reviewer, now=late)
    (clock,) = clocks_for(budget_set)
    assert clock.state == CachedState.STOPPED and clock.stopped_late
    findings = budget_findings(on=_at(dt.date(2025, 4, 1)))
    assert [(f.indicator, f.severity) for f in findings] == [
        ("content.budget_late", "deduction")
    ]
    assert "逾期公开" in findings[0].object
    (tally,) = budget_timeliness(start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31))
    late_by = round((late - clock.due_at).total_seconds() / 86400, 2)
    assert _last_day(clock) == dt.date(2025, 3, 3) and late_by == round(10 / 24, 2)
    assert (tally.kind, tally.met, tally.overdue, tally.delay_days_total) == (
        RULE_KEY,
        0,
        1,
        late_by,
    )
    assert budget_timeliness(start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 30)) == []


def test_unpublished_past_due_is_a_finding_and_on_time_is_not(staff, reviewer):
    approved = dt.date(2025, 2, 10)
    open_set = _imported(staff, now=_at(approved))
    services.budget_approval_record(
        budget_set=open_set, approved_on=approved, by=staff, now=_at(approved)
    )
    assert budget_findings(on=_at(dt.date(2025, 3, 1))) == []
    (finding,) = budget_findings(on=_at(dt.date(2025, 3, 10)))
    assert "逾期未公开" in finding.object and finding.fix_url.endswith(
        f"/{open_set.pk}/"
    )
    (tally,) = budget_timeliness(start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 10))
    assert (tally.met, tally.overdue) == (0, 1)


def test_providers_are_declared():
    assert budget_findings in providers(FINDINGS)
    assert budget_timeliness in providers(TIMELINESS)


def test_reimport_replaces_a_draft_but_not_a_submitted_set(staff):
    now = _at(dt.date(2025, 2, 20))
    first = _imported(staff, now=now)
    again = _imported(staff, now=now)
    assert first.pk == again.pk and again.rows.count() == first.rows.count()
    services.budget_approval_record(
        budget_set=again, approved_on=dt.date(2025, 2, 10), by=staff, now=now
    )
    services.budget_update(budget_set=again, title="t", explanation="机关运行经费。",
                           running_costs=Decimal("1"), by=staff, now=now)  # fmt: skip
    again.refresh_from_db()
    services.budget_submit(budget_set=again, by=staff, now=now)
    with pytest.raises(ConflictError):
        _imported(staff, now=now)


def test_demo_loads_consistent_sets(staff, reviewer, admin_user, office):
    import io

    from gongkai.accounts.models import User
    from gongkai.budgets import demo
    from gongkai.budgets.models import BudgetSet

    User.objects.create_user(username="office", role="reviewer", department=office)
    out = io.StringIO()
    demo.load(now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), out=out)
    assert BudgetSet.objects.filter(status="published").count() == 4
    assert "4 sets" in out.getvalue()
