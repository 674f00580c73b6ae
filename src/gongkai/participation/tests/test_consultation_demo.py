"""The demo's consultations and meeting through the public pages, the workbench
inbox (the feedback clock) and the search."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts import demo as accounts_demo
from gongkai.clocks.selectors import clocks_for
from gongkai.core.text import scan_personal_data
from gongkai.participation import demo
from gongkai.participation.clock_rules import CONSULTATION_FEEDBACK
from gongkai.participation.models import FeedbackReport, OpenMeeting, PublicConsultation
from gongkai.participation.services import consultations as services
from gongkai.publishing import services as pub
from gongkai.search.services import search_reindex

from . import factories as f

pytestmark = pytest.mark.django_db


def test_demo_open_and_closed_consultations_and_a_meeting(client):
    out = io.StringIO()
    now = timezone.now()
    accounts_demo.load(now=now, out=out)
    demo.load(now=now, out=out)
    demo.load(now=now, out=out)  # idempotent
    assert PublicConsultation.objects.count() == 2
    assert OpenMeeting.objects.count() == 1
    report = FeedbackReport.objects.get()
    assert report.is_visible()
    clock = clocks_for(report.consultation).get(rule_key=CONSULTATION_FEEDBACK)
    assert clock.state == "stopped" and not clock.stopped_late
    for url in [
        reverse("participation:consultation-list"),
        *[c.get_absolute_url() for c in PublicConsultation.objects.all()],
        report.get_absolute_url(),
        reverse("participation:meeting-list"),
        OpenMeeting.objects.get().get_absolute_url(),
        "/api/v1/participation/consultations/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert scan_personal_data(response.content.decode()) == [], url


def test_feedback_clock_on_the_workbench_inbox(login, staff, reviewer):
    now = timezone.now()
    c = f.consultation(
        staff=staff, reviewer=reviewer, title="某办法征求意见稿",
        open_at=now - dt.timedelta(days=70), close_at=now - dt.timedelta(days=35),
    )  # fmt: skip
    services.consultations_close_due(now=now)
    client = login(staff)
    page = client.get(reverse("workbench:home")).content.decode()
    assert "意见采纳情况反馈：某办法征求意见稿" in page
    clock = clocks_for(c).get(rule_key=CONSULTATION_FEEDBACK)
    assert clock.state == "running" and clock.due_at < now  # overdue


def test_search_finds_published_consultations_and_meetings(client, staff, reviewer):
    f.consultation(staff=staff, reviewer=reviewer, title="电动自行车管理办法征求意见稿")
    f.meeting(staff=staff, reviewer=reviewer, title="电动自行车专题局务会议")
    closed = f.consultation(staff=staff, reviewer=reviewer, title="电动车充电规范")
    services.consultation_close(consultation=closed, by=staff, note="提前结束。")
    report = services.feedback_create(
        consultation=closed, title="电动车充电规范意见采纳情况", summary="共1条。",
        received_count=1, items=f.ITEMS, by=staff,
    )  # fmt: skip
    search_reindex()
    assert (
        "电动车充电规范意见采纳情况"
        not in client.get("/search/?q=电动车充电").content.decode()
    )
    f.publish(report, staff=staff, reviewer=reviewer)
    search_reindex()
    page = client.get("/search/?q=电动自行车").content.decode()
    assert "电动自行车管理办法征求意见稿" in page
    assert "电动自行车专题局务会议" in page
    found = client.get("/search/?q=电动车充电").content.decode()
    assert "电动车充电规范意见采纳情况" in found


# A fixed Friday noon in Shanghai: the delay is counted in working days up to today,
# so it moved with the weekday the suite ran on (9.0 on a Monday).
@time_machine.travel(dt.datetime(2026, 12, 4, 4, 0, tzinfo=dt.UTC), tick=False)
def test_timeliness_counts_met_and_overdue_feedback_clocks(staff, reviewer):
    from gongkai.common.figures import TIMELINESS, providers
    from gongkai.participation.consultation_figures import consultation_timeliness
    from gongkai.participation.module import all_timeliness

    assert all_timeliness in providers(TIMELINESS)
    now = timezone.now()
    late = f.consultation(
        staff=staff, reviewer=reviewer, title="逾期的",
        open_at=now - dt.timedelta(days=80), close_at=now - dt.timedelta(days=40),
    )  # fmt: skip
    on_time = f.consultation(
        staff=staff, reviewer=reviewer, title="按时的",
        open_at=now - dt.timedelta(days=80), close_at=now - dt.timedelta(days=40),
    )  # fmt: skip
    services.consultations_close_due(now=now - dt.timedelta(days=39))
    report = services.feedback_create(
        consultation=on_time, title="", summary="s", received_count=0, items=[],
        by=staff,
    )  # fmt: skip
    pub.publishing_submit(obj=report, by=staff)
    pub.publishing_approve(obj=report, by=reviewer, accept_warnings=True)
    services.feedback_publish(
        report=report, by=reviewer, now=now - dt.timedelta(days=20)
    )
    today = timezone.localdate()
    tally = consultation_timeliness(
        start=today - dt.timedelta(days=30), end=today, now=now
    )
    assert [(t.department_id, t.met, t.overdue) for t in tally] == [
        (staff.department_id, 1, 1)
    ]
    assert tally[0].delay_days_total == 9.5
    assert clocks_for(late).get().stopped_at is None
