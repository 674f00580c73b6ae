"""Proposal and incident services: clocks across the year end and over midnight,
the reply on the review workflow, summaries with a reason, department isolation."""

from __future__ import annotations

import pytest

from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import clock_inbox, clocks_for
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.selectors import rule_value
from gongkai.common.services import rule_value_set
from gongkai.participation.models import ProposalStatus
from gongkai.participation.selectors.mailbox import proposal_reply_public
from gongkai.participation.services import incidents, proposals
from gongkai.publishing import services as pub

from .support import at, audited

pytestmark = pytest.mark.django_db


def make_proposal(*, by, lead, kind="deputy", assigned=None, co=(), number="0012"):
    assigned = assigned or at(2026, 11, 30, 10)
    return proposals.proposal_create(
        kind=kind,
        year=2026,
        number=number,
        title="关于加强电梯安全监管的建议",
        proposer="李代表",
        lead_department=lead,
        co_departments=co,
        assigned_at=assigned,
        by=by,
        now=assigned,
    )


def test_proposal_clock_runs_three_months_over_the_year_end(
    reviewer, department, other_department
):
    p = make_proposal(by=reviewer, lead=department, co=[other_department, department])
    assert list(p.co_departments.all()) == [other_department]
    clock = clocks_for(p).get()
    assert clock.rule_key == "proposal.deputy_reply"
    assert clock.due_at == at(2027, 3, 2)  # 28 Feb 2027 is a Sunday -> 1 March 24:00
    assert clock.department == department
    assert audited("proposal.create", p)


def test_member_proposal_length_is_configurable(reviewer, admin_user, department):
    from datetime import date

    rule_value_set(
        key="clock.proposal.member_reply.length",
        value=5,
        valid_from=date(2024, 1, 1),
        by=admin_user,
        note="四川办法：政协提案5个月",
    )
    assert rule_value("clock.proposal.member_reply.length", on=date(2026, 12, 15)) == 5
    p = make_proposal(
        by=reviewer, lead=department, kind="member", assigned=at(2026, 12, 15, 10)
    )
    assert clocks_for(p).get().due_at == at(2027, 5, 18)  # 15 May is a Saturday


def test_only_office_registers(staff, department):
    with pytest.raises(PermissionDeniedError):
        make_proposal(by=staff, lead=department)


def test_duplicate_number_refused(reviewer, department):
    make_proposal(by=reviewer, lead=department)
    with pytest.raises(ConflictError, match="0012"):
        make_proposal(by=reviewer, lead=department)


def test_reply_goes_through_review_and_is_published(
    reviewer, staff, other_staff, department
):
    p = make_proposal(by=reviewer, lead=department)
    with pytest.raises(PermissionDeniedError):
        proposals.proposal_reply(
            proposal=p, title="答复", body="x", by=other_staff, now=at(2027, 1, 5)
        )
    with pytest.raises(InvalidInputError, match="摘要公开必须说明理由"):
        proposals.proposal_reply(
            proposal=p, title="答复", body="x", is_summary=True, by=staff,
            now=at(2027, 1, 5),
        )  # fmt: skip
    reply = proposals.proposal_reply(
        proposal=p,
        title="对电梯安全监管建议的答复",
        body="李代表：您的建议收悉。联系人王五，电话13800138000。",
        by=staff,
        now=at(2027, 1, 5),
    )
    assert "13800138000" not in reply.body and "138****8000" in reply.body
    p.refresh_from_db()
    assert p.status == ProposalStatus.REPLIED
    clock = clocks_for(p).get()
    assert clock.stopped_at == at(2027, 1, 5) and not clock.stopped_late
    assert proposal_reply_public(p, now=at(2027, 1, 6)) is None  # a draft
    pub.publishing_submit(obj=reply, by=staff, now=at(2027, 1, 5))
    pub.publishing_approve(
        obj=reply, by=reviewer, now=at(2027, 1, 6), accept_warnings=True
    )
    pub.publishing_publish(obj=reply, by=reviewer, now=at(2027, 1, 6))
    assert proposal_reply_public(p, now=at(2027, 1, 7)) == reply
    proposals.proposal_rate(proposal=p, satisfaction="satisfied", by=staff)
    p.refresh_from_db()
    assert p.satisfaction == "satisfied" and audited("proposal.rate", p)


def test_major_incident_at_2310_clocks_and_releases(staff, department, other_staff):
    occurred = at(2026, 12, 5, 23, 10)
    with pytest.raises(PermissionDeniedError):
        incidents.incident_create(
            title="x", kind="major", occurred_at=occurred, department=department,
            by=other_staff, now=occurred,
        )  # fmt: skip
    incident = incidents.incident_create(
        title="自动扶梯故障致人受伤",
        kind="major",
        occurred_at=at(2026, 12, 5, 23, 10, 42),
        department=department,
        by=staff,
        now=occurred.replace(minute=20),
    )
    assert incident.occurred_at == occurred  # to the minute
    due = {c.rule_key: c.due_at for c in clocks_for(incident)}
    assert due == {
        "incident.release": at(2026, 12, 6, 4, 10),
        "incident.press_conference": at(2026, 12, 6, 23, 10),
    }
    inbox = clock_inbox(staff, now=at(2026, 12, 6, 2, 30))
    assert [c.rule_key for c in inbox["due_soon"]] == ["incident.release"]
    inbox = clock_inbox(staff, now=at(2026, 12, 6, 4, 10))
    assert [c.rule_key for c in inbox["overdue"]] == ["incident.release"]
    with pytest.raises(InvalidInputError):
        incidents.incident_release_add(
            incident=incident, kind="release", title="x", at=at(2026, 12, 5, 22),
            by=staff, now=at(2026, 12, 6, 5),
        )  # fmt: skip
    incidents.incident_release_add(
        incident=incident,
        kind="release",
        title="情况通报",
        at=at(2026, 12, 6, 5, 0),
        by=staff,
        now=at(2026, 12, 6, 5, 0),
    )
    incidents.incident_release_add(
        incident=incident,
        kind="press",
        title="新闻发布会",
        at=at(2026, 12, 6, 20, 0),
        by=staff,
        now=at(2026, 12, 6, 20, 0),
    )
    clocks = {c.rule_key: c for c in Clock.objects.all()}
    assert clocks["incident.release"].stopped_late  # 50 minutes late
    assert not clocks["incident.press_conference"].stopped_late
    assert [r.kind for r in incident.releases.all()] == ["release", "press"]
    assert audited("incident.release", incident)


def test_concern_responds_within_48_hours(staff, department):
    incident = incidents.incident_create(
        title="网传抽检不合格奶粉",
        kind="concern",
        occurred_at=at(2026, 12, 31, 23, 10),
        department=department,
        by=staff,
        now=at(2027, 1, 1, 8),
    )
    assert clocks_for(incident).get().due_at == at(2027, 1, 2, 23, 10)
    incidents.incident_release_add(
        incident=incident, kind="response", title="回应", at=at(2027, 1, 2, 10),
        by=staff, now=at(2027, 1, 2, 10),
    )  # fmt: skip
    assert clocks_for(incident).get().stopped_at == at(2027, 1, 2, 10)
