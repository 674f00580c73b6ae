"""The oversight contract: FINDINGS (interaction.unanswered veto, interaction.late)
and TIMELINESS, through common.figures.providers as the oversight module calls them."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.common.figures import FINDINGS, TIMELINESS, providers
from gongkai.participation.figures import findings, timeliness
from gongkai.participation.services import incidents, mailbox

from .support import at, submit

pytestmark = pytest.mark.django_db


def test_declared():
    assert findings in providers(FINDINGS)
    from gongkai.participation.module import all_timeliness

    assert all_timeliness in providers(TIMELINESS)


def test_unanswered_more_than_three_months_is_a_veto(department, staff, reviewer):
    submit(now=at(2026, 9, 30, 16), department=department, subject="旧留言")
    late, _ = submit(now=at(2026, 9, 1, 9), department=department, subject="迟答复")
    spam, _ = submit(now=at(2026, 9, 1, 9), department=department, subject="广告")
    mailbox.message_mark_invalid(message=spam, reason="广告", by=reviewer)
    mailbox.message_answer(message=late, answer="x", by=staff, now=at(2026, 12, 5))
    on_last_day = findings(on=at(2026, 12, 30, 23, 59))
    vetoes = [f for f in on_last_day if f.indicator == "interaction.unanswered"]
    assert [f.object[:6] for f in vetoes] == ["留言《迟答复"]  # late since 12-01
    assert vetoes[0].url == late.get_absolute_url()  # public and answered (late)
    found = findings(on=at(2026, 12, 31, 9))
    vetoes = [f for f in found if f.indicator == "interaction.unanswered"]
    assert {f.severity for f in vetoes} == {"veto"}
    assert sorted(f.object[:6] for f in vetoes) == ["留言《旧留言", "留言《迟答复"]
    assert all(f.department_id == department.pk for f in vetoes)
    assert vetoes[0].fix_url.startswith("/workbench/participation/messages/")
    # a year later the inspection no longer looks at them
    assert not [
        f
        for f in findings(on=at(2027, 10, 5))
        if f.indicator == "interaction.unanswered"
    ]


def test_clock_past_due_is_late(department, staff):
    incident = incidents.incident_create(
        title="扶梯事故",
        kind="major",
        occurred_at=at(2026, 12, 5, 23, 10),
        department=department,
        by=staff,
        now=at(2026, 12, 5, 23, 30),
    )
    assert not findings(on=at(2026, 12, 6, 4, 0))
    late = findings(on=at(2026, 12, 6, 4, 10))
    assert [(f.indicator, f.severity) for f in late] == [
        ("interaction.late", "deduction")
    ]
    assert "扶梯事故" in late[0].object and "2026-12-06 04:10" in late[0].object
    assert late[0].fix_url.endswith(f"/incidents/{incident.pk}/")


def test_timeliness_counts_overdue_hours(department, staff):
    incident = incidents.incident_create(
        title="扶梯事故",
        kind="major",
        occurred_at=at(2026, 12, 5, 23, 10),
        department=department,
        by=staff,
        now=at(2026, 12, 5, 23, 30),
    )
    incidents.incident_release_add(
        incident=incident, kind="release", title="通报", at=at(2026, 12, 6, 7, 10),
        by=staff, now=at(2026, 12, 6, 7, 10),
    )  # fmt: skip
    incidents.incident_release_add(
        incident=incident, kind="press", title="发布会", at=at(2026, 12, 6, 20, 0),
        by=staff, now=at(2026, 12, 6, 20, 0),
    )  # fmt: skip
    message, _ = submit(now=at(2026, 9, 30, 16), department=department)
    mailbox.message_answer(message=message, answer="x", by=staff, now=at(2026, 10, 9))
    tallies = {
        t.kind: t for t in timeliness(start=date(2026, 10, 1), end=date(2026, 12, 31))
    }
    release = tallies["incident.release"]
    assert (release.met, release.overdue, release.department_id) == (
        0,
        1,
        department.pk,
    )
    assert release.delay_days_total == pytest.approx(3 / 24, abs=1e-3)  # 3 hours late
    assert (
        tallies["incident.press_conference"].met,
        tallies["incident.press_conference"].overdue,
    ) == (1, 0)
    assert (tallies["message.reply"].met, tallies["message.reply"].overdue) == (1, 0)
    assert "message.red_line" not in tallies
    assert timeliness(start=date(2027, 1, 1), end=date(2027, 1, 31)) == []
