"""Freeze and draw run as background jobs (django-tasks): queued by the page, run by
the worker (here the immediate backend), with a status page and audited outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.common.models import AuditEvent
from gongkai.inspections import services
from gongkai.inspections.models import DrawJob

from .support import SIGNATURE, T0, make_task, registry

pytestmark = pytest.mark.django_db


def _post(c, task, action, **data):
    return c.post(
        reverse("inspections-staff:task-action", args=[task.code, action]), data
    )


def test_freeze_is_queued_and_its_page_shows_the_result(
    login, staff, department, django_capture_on_commit_callbacks
):
    registry()
    task = make_task(by=staff, department=department)
    c = login(staff)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(c, task, "freeze")
    # Queued after the commit, not run in the request (the other callback forgets
    # this process's page-cache counter: the task's rows are on public pages).
    from gongkai.publishing.caching import forget_token

    assert len([c for c in callbacks if c is not forget_token]) == 1
    job = DrawJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "inspections-staff:job", args=[task.code, job.pk]
    )
    assert job.state == "done" and job.draw == task.draws.get()
    assert job.result["targets_count"] == 30
    page = c.get(response["Location"]).content.decode()
    assert "已完成" in page and "名录已冻结：检查对象 30 个" in page
    assert 'http-equiv="refresh"' not in page
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"inspections.job.enqueue", "inspections.draw.freeze"} <= actions
    detail = c.get(reverse("inspections-staff:task-detail", args=[task.code]))
    assert "后台作业" in detail.content.decode()


def test_a_waiting_job_page_refreshes_and_a_second_job_is_refused(
    login, staff, department
):
    registry()
    task = make_task(by=staff, department=department)
    c = login(staff)
    response = _post(c, task, "freeze")  # on_commit never fires: stays queued
    page = c.get(response["Location"]).content.decode()
    assert "排队中" in page and 'http-equiv="refresh"' in page
    again = c.post(
        reverse("inspections-staff:task-action", args=[task.code, "freeze"]),
        follow=True,
    )
    assert "已有排队或进行中的后台作业" in again.content.decode()
    assert DrawJob.objects.count() == 1 and not task.draws.exists()


def test_run_job_draws_and_a_failed_job_says_why(
    login, staff, reviewer, department, django_capture_on_commit_callbacks
):
    registry()
    task = make_task(by=staff, department=department)
    d = services.draw_freeze(task=task, by=staff, now=T0)
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    c = login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        early = _post(c, task, "run", draw=d.pk)  # no beacon yet: the job fails
    page = c.get(early["Location"]).content.decode()
    assert "未完成" in page and "不能进行此操作" in page
    after = d.beacon_time + dt.timedelta(minutes=1)
    services.draw_beacon_enter(draw=d, by=reviewer, now=after, signature_hex=SIGNATURE)
    with django_capture_on_commit_callbacks(execute=True):
        ok = _post(c, task, "run", draw=d.pk)
    job = DrawJob.objects.get(pk=ok["Location"].rstrip("/").split("/")[-1])
    d.refresh_from_db()
    assert job.state == "done" and d.state == "drawn"
    assert job.result["selected"] == d.output["result"]["selected_count"] == 6
    assert d.inspections.count() == 6
    assert "抽取完成：抽中 6 家" in c.get(ok["Location"]).content.decode()


def test_a_job_runs_once(staff, department, django_capture_on_commit_callbacks):
    registry()
    task = make_task(by=staff, department=department)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.draw_job_enqueue(task=task, kind="freeze", by=staff, now=T0)
    job = services.draw_job_execute(job_id=job.pk)  # a second delivery
    assert job.state == "done" and task.draws.count() == 1


def test_staff_of_another_department_cannot_queue(
    login, staff, other_staff, department
):
    registry()
    task = make_task(by=staff, department=department)
    assert _post(login(other_staff), task, "freeze").status_code == 403
    assert not DrawJob.objects.exists()


def test_a_job_whose_worker_died_no_longer_blocks_the_task(staff, department):
    registry()
    task = make_task(by=staff, department=department)
    stuck = DrawJob.objects.create(
        task=task,
        kind="freeze",
        state="running",
        requested_by=staff,
        queued_at=T0,
        started_at=T0,
    )
    later = T0 + dt.timedelta(hours=2)
    services.draw_job_enqueue(task=task, kind="freeze", by=staff, now=later)
    stuck.refresh_from_db()
    assert stuck.state == "failed" and "超时" in stuck.message


def test_restart_through_the_page_carries_the_new_beacon_to_the_job(
    login, staff, reviewer, department, django_capture_on_commit_callbacks
):
    registry()
    task = make_task(by=staff, department=department)
    d1 = services.draw_freeze(task=task, by=staff, now=T0)
    d1 = services.draw_commit(draw=d1, by=reviewer, now=T0)
    services.draw_abandon(
        draw=d1, reason="参数错误", by=reviewer, now=T0 + dt.timedelta(hours=1)
    )
    c = login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            c, task, "restart", drand_round=2000, beacon_time="2036-01-01T10:00"
        )
    job = DrawJob.objects.get()
    assert response["Location"].endswith(f"/jobs/{job.pk}/")
    assert job.state == "done", job.message
    d2 = job.draw
    assert d2.supersedes == d1 and d2.params["beacon"]["round"] == 2000
    assert d2.params["supersedes"]["commit_hash"] == d1.commit_hash
