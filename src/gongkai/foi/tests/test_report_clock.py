"""The annual report's clock: published by 31 January (条例 第四十九条, RULES.md §1.9)."""

import io

import pytest
from django.core.management import call_command

from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import clock_inbox, clock_status
from gongkai.foi.services.report import report_clock_open, report_publish

from .support import at

pytestmark = pytest.mark.django_db


def test_no_clock_while_the_year_runs_one_from_new_year():
    assert report_clock_open(year=2026, now=at("2026-12-31", 23)) is None
    assert not Clock.objects.exists()
    clock = report_clock_open(year=2026, now=at("2027-01-01", 0))
    assert clock is not None
    assert (clock.rule_key, clock.department) == ("foi.annual_report", None)
    assert report_clock_open(year=2026, now=at("2027-01-05")) == clock  # idempotent
    status = clock_status(clock, now=at("2027-01-05"))
    # 2027-01-31 is a Sunday, and 2027 is not in the holiday table: a fixed date
    assert (status.due_date.isoformat(), status.provisional) == ("2027-01-31", False)
    assert status.explanation[-1] == "到期：2027-01-31（共计 30日）"


def test_office_sees_it_due_soon_then_overdue(reviewer, staff):
    clock = report_clock_open(year=2026, now=at("2027-01-01", 0))

    def where(user, now):
        inbox = clock_inbox(user, now=now)
        return [k for k, clocks in inbox.items() if clock in clocks]

    assert where(reviewer, at("2027-01-20", 23)) == []
    assert where(reviewer, at("2027-01-21", 0)) == ["due_soon"]
    assert where(reviewer, at("2027-01-31", 23)) == ["due_soon"]
    assert where(reviewer, at("2027-02-01", 0)) == ["overdue"]
    assert where(staff, at("2027-02-01", 0)) == []  # a department's staff: not theirs


@pytest.mark.parametrize(
    ("published", "late"),
    [("2027-01-29", False), ("2027-01-31", False), ("2027-02-01", True)],
)
def test_publishing_the_report_stops_the_clock(reviewer, published, late):
    report_clock_open(year=2026, now=at("2027-01-02"))
    report_publish(year=2026, by=reviewer, now=at(published))
    clock = Clock.objects.get(rule_key="foi.annual_report")
    assert (clock.state, clock.stopped_late) == ("stopped", late)
    assert clock not in clock_inbox(reviewer, now=at("2027-02-05"))["overdue"]
    verdict = "逾期" if late else "按期"
    status = clock_status(clock, now=at("2027-02-05"))
    assert status.explanation[-1] == f"已结束：{published} 公布年度报告（{verdict}）"


def test_publishing_without_an_open_clock_opens_and_stops_it(reviewer):
    report_publish(year=2025, by=reviewer, now=at("2026-01-30"))
    clock = Clock.objects.get(rule_key="foi.annual_report")
    assert (clock.state, clock.stopped_late) == ("stopped", False)
    # 2026-01-31 is a Saturday: still the last day
    assert clock_status(clock, now=at("2026-02-02")).due_date.isoformat() == (
        "2026-01-31"
    )


def test_the_daily_scheduler_opens_last_years_clock(time_machine):
    time_machine.move_to(at("2026-12-31", 22))
    out = io.StringIO()
    call_command("foi", "lapse", stdout=out)
    # still 2026 in Shanghai: only the 2025 report's clock (overdue by now)
    assert out.getvalue().endswith(
        "2025年度政府信息公开工作年度报告：须于 2026-01-31 前公布\n"
    )
    assert not Clock.objects.filter(title__startswith="2026").exists()
    time_machine.move_to(at("2027-01-01", 1))  # 2026-12-31 17:00 UTC
    out = io.StringIO()
    call_command("foi", "lapse", stdout=out)
    assert "2026年度政府信息公开工作年度报告：须于 2027-01-31 前公布" in out.getvalue()
    assert Clock.objects.filter(rule_key="foi.annual_report").count() == 2
