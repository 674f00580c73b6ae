"""The demo (idempotent, a verifiable published task) and the commands."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from gongkai.accounts import demo as accounts_demo
from gongkai.core.draw import verify
from gongkai.core.draw.bundle import public_verify
from gongkai.inspections import demo
from gongkai.inspections.models import Draw, Inspection, Target

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 2, tzinfo=dt.UTC)


@pytest.fixture
def loaded(db):
    accounts_demo.load(now=NOW, out=io.StringIO())
    demo.load(now=NOW, out=io.StringIO())


def test_demo_task_is_a_fujian_task_drawn_on_a_verified_drand_round(loaded, client):
    """Issue 19: the demo's targets are Fujian's (35 region codes), its task code is
    the province's, and its beacon is a real quicknet round whose signature the
    platform verified against the pinned key."""
    d = Draw.objects.get(task__code=demo.TASK_CODE)
    assert demo.TASK_CODE.startswith("FJ")
    assert d.beacon_evidence["verified"] is True
    assert all(t["uscc"][2:4] == "35" for t in d.snapshot["targets"])
    assert not Target.objects.filter(name__contains="杭州").exists()
    page = client.get(d.task.get_absolute_url()).content.decode()
    assert "已用该网络登记的公钥验证" in page


def test_demo_loads_once_with_a_verifiable_published_task(loaded):
    assert Target.objects.count() == 300
    demo.load(now=NOW, out=io.StringIO())
    assert Target.objects.count() == 300 and Draw.objects.count() == 1
    assert Inspection.objects.filter(published_at__isnull=False).count() == 15


def test_bundle_command_writes_bundles_that_verify(loaded, capsysbinary):
    call_command("inspections_bundle", demo.TASK_CODE, "1")
    assert public_verify(json.loads(capsysbinary.readouterr().out)).ok
    call_command("inspections_bundle", demo.TASK_CODE, "1", "--auditor")
    assert verify(json.loads(capsysbinary.readouterr().out)).ok
    with pytest.raises(CommandError):
        call_command("inspections_bundle", "NOPE", "1")


def test_import_command_reports_progress_and_errors(loaded, tmp_path):
    good = tmp_path / "t.csv"
    good.write_text(
        "统一社会信用代码,名称,行政区划代码,行业代码,风险等级\n91350100M000100Y43,甲公司,350100,F52,A\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("inspections_import", "targets", str(good), stdout=out)
    assert "新增 1" in out.getvalue()
    bad = tmp_path / "b.csv"
    bad.write_text(
        "统一社会信用代码,名称,行政区划代码,行业代码,风险等级\n91350100M000100Y44,乙,350100,F52,A\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("inspections_import", "targets", str(bad), stderr=io.StringIO())


def test_public_cli_on_a_downloaded_bundle(loaded, tmp_path, capsysbinary):
    call_command("inspections_bundle", demo.TASK_CODE, "1")
    path = tmp_path / "bundle.json"
    path.write_bytes(capsysbinary.readouterr().out)
    done = subprocess.run(
        [sys.executable, "-m", "gongkai.core.draw.bundle", str(path)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0 and "VERIFIED" in done.stdout.decode()


def test_verify_command_detects_a_tampered_output(loaded):
    out = io.StringIO()
    call_command("inspections_verify", stdout=out)
    assert "VERIFIED" in out.getvalue()
    d = Draw.objects.get()
    d.output["result"]["selected"][0]["rank"] = 99
    Draw.objects.filter(pk=d.pk).update(output=d.output)
    with pytest.raises(CommandError):
        call_command("inspections_verify", demo.TASK_CODE, stdout=io.StringIO())
