"""Large imports run outside the request: queued run, worker, live progress page."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from gongkai.common.importing import (
    import_claim,
    imports_work_once,
)
from gongkai.common.importing.jobs import STALE_AFTER
from gongkai.penalties.models import ImportRun, Penalty
from gongkai.penalties.tests.factories import record
from gongkai.penalties.tests.test_importing import sheet

pytestmark = pytest.mark.django_db
BASE = "/workbench/penalties/"


def upload(c, staff, rows):
    data = SimpleUploadedFile("big.xlsx", sheet(rows))
    return c.post(BASE + "import/", {"file": data, "department": staff.department_id})


def text(html: str) -> str:
    return re.sub("<[^>]+>", "", html)


def test_a_file_above_the_inline_limit_is_queued_and_shows_live_progress(
    login, staff, settings
):
    settings.GONGKAI_IMPORT_INLINE_ROWS = 2
    c = login(staff)
    response = upload(c, staff, [record(), record(), record(CF_JDRQ="明天")])
    run = ImportRun.objects.get()
    assert response.url == f"{BASE}import/{run.pk}/"
    assert run.state == "queued" and run.rows_total == 3
    assert not Penalty.objects.exists()  # nothing imported inside the request
    html = c.get(response.url).content.decode()
    # without JavaScript the page refreshes itself; with it, a script polls
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert "common/import_progress.js" in html and "<progress" in html
    assert "排队" in text(html)
    status = json.loads(c.get(f"{BASE}import/{run.pk}/status/").content)
    assert status["state"] == "queued" and status["active"] is True
    out = io.StringIO()
    call_command("imports", "work", "--once", stdout=out)
    assert "新增 2" in out.getvalue() and "错误 1" in out.getvalue()
    run.refresh_from_db()
    assert (run.state, run.created, run.failed, run.upload) == ("done", 2, 1, None)
    html = c.get(response.url).content.decode()
    assert "http-equiv" not in html and "<progress" not in html
    assert "日期“明天”无效" in html and "新增 2" in text(html)
    status = json.loads(c.get(f"{BASE}import/{run.pk}/status/").content)
    assert (status["active"], status["percent"], status["rows_seen"]) == (False, 100, 3)


def test_small_files_are_still_imported_at_once(login, staff, settings):
    settings.GONGKAI_IMPORT_INLINE_ROWS = 10
    upload(login(staff), staff, [record()])
    assert ImportRun.objects.get().state == "done"
    assert Penalty.objects.count() == 1


def test_status_of_another_departments_import_is_not_found(
    login, staff, other_staff, settings
):
    settings.GONGKAI_IMPORT_INLINE_ROWS = 0
    upload(login(staff), staff, [record()])
    run = ImportRun.objects.get()
    assert login(other_staff).get(f"{BASE}import/{run.pk}/status/").status_code == 404


def test_a_run_whose_worker_died_is_claimed_again_and_resumes(staff, settings):
    from gongkai.penalties.importing import penalty_import

    data = sheet([record() for _ in range(3)])
    run = penalty_import(
        data=data, file_name="p.xlsx", department=staff.department, by=staff,
        queue=True,
    )  # fmt: skip
    now = timezone.now()
    claimed = import_claim(ImportRun, now=now)
    assert claimed.pk == run.pk and claimed.state == "running"
    # a second worker finds nothing while the first is alive
    assert import_claim(ImportRun, now=now + dt.timedelta(minutes=1)) is None
    # the first worker died: after STALE_AFTER the run is taken again and finished
    later = now + STALE_AFTER + dt.timedelta(seconds=1)
    (done,) = imports_work_once(now=later)
    assert (done.pk, done.state, done.created) == (run.pk, "done", 3)


def test_a_queued_file_that_cannot_be_imported_fails_with_its_reason(
    staff, reviewer, monkeypatch
):
    from gongkai.penalties.importing import penalty_import

    run = penalty_import(
        data=sheet([record()]), file_name="p.xlsx", department=staff.department,
        by=staff, queue=True,
    )  # fmt: skip
    # the author lost the right to import before the worker got to the file
    staff.department = None
    staff.save()
    (failed,) = imports_work_once()
    assert failed.pk == run.pk
    run.refresh_from_db()
    assert run.state == "failed" and run.message and run.upload is None


def test_queueing_enqueues_the_background_task_after_commit(
    staff, django_capture_on_commit_callbacks
):
    from gongkai.penalties.importing import penalty_import

    # tests run tasks at once (ImmediateBackend): the task imports the run
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = penalty_import(
            data=sheet([record(), record()]), file_name="p.xlsx",
            department=staff.department, by=staff, queue=True,
        )  # fmt: skip
        assert run.state == "queued"
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert (run.state, run.created) == ("done", 2)
