"""The foi FINDINGS, TIMELINESS and ACTIVITY providers for the oversight module."""

import datetime as dt

import pytest

from gongkai.foi.oversight_figures import foi_findings, foi_outcomes, foi_timeliness

from .support import at, received, reply

pytestmark = pytest.mark.django_db


def test_request_past_its_reply_clock_is_a_finding(staff):
    request = received(by=staff)  # 2026-02-10, due 2026-03-16
    assert foi_findings(on=at("2026-03-16", 20)) == []
    found = foi_findings(on=at("2026-03-17"))
    assert [f.indicator for f in found] == ["interaction.late"]
    assert found[0].fix_url == f"/workbench/foi/{request.pk}/"
    assert "2026-03-16" in found[0].object
    assert found[0].department_id == staff.department_id


def test_replied_request_is_met_and_its_outcome_counted(staff):
    request = received(by=staff)
    reply(request=request, by=staff, now=at("2026-03-02"),
          outcome="disclosed", reply_text="名单见附件。")  # fmt: skip
    assert foi_findings(on=at("2026-04-01")) == []
    tallies = foi_timeliness(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    reply_rows = [t for t in tallies if t.kind == "foi.reply"]
    assert [(t.met, t.overdue) for t in reply_rows] == [(1, 0)]
    outcomes = foi_outcomes(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert [(o.department_id, o.count) for o in outcomes] == [(staff.department_id, 1)]
    assert foi_outcomes(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30)) == []


def test_unreplied_request_counts_overdue_with_delay(staff):
    received(by=staff)
    tallies = foi_timeliness(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    row = next(t for t in tallies if t.kind == "foi.reply")
    assert (row.met, row.overdue) == (0, 1)
    assert row.delay_days_total == pytest.approx(15.0)  # 03-17 00:00 to 04-01 00:00


def test_reviews_and_lawsuits_lost_are_counted_by_decision_date(staff, reviewer):
    """Issue 16: the assessment shows reviews/litigation a department lost."""
    from gongkai.foi import services

    request = received(by=staff)
    reply(request=request, by=staff, now=at("2026-03-02"),
          outcome="withheld.state_secret", reply_text="不予公开。", reasons="涉及国家秘密")  # fmt: skip
    services.appeal_record(request=request, kind="review", filed_on=dt.date(2026, 3, 20),
                           result="corrected", decided_on=dt.date(2026, 5, 18),
                           by=reviewer, now=at("2026-05-19"))  # fmt: skip
    services.appeal_record(request=request, kind="litigation_direct",
                           filed_on=dt.date(2026, 4, 1), result="upheld",
                           decided_on=dt.date(2026, 6, 2), by=reviewer,
                           now=at("2026-06-03"))  # fmt: skip
    may = foi_outcomes(start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31))
    appeals = [o for o in may if o.group == "行政复议、行政诉讼"]
    assert [(o.item, o.count, o.department_id) for o in appeals] == [
        ("行政复议：结果纠正", 1, staff.department_id)
    ]
    june = foi_outcomes(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30))
    assert [o.item for o in june if o.group == "行政复议、行政诉讼"] == [
        "行政诉讼（未经复议直接起诉）：结果维持"
    ]
