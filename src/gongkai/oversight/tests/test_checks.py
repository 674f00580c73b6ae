"""The site self-check per indicator, on data made to fail it and to pass it."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from gongkai.common.models import AuditEvent
from gongkai.documents.tests.factories import ColumnFactory, DocumentFactory
from gongkai.oversight import checks, services
from gongkai.oversight.models import CheckRun
from gongkai.publishing.choices import Status

from .support import FOOTER, account, published_post, room, sh

pytestmark = pytest.mark.django_db


def keys(report):
    return [f["indicator"] for f in report.findings]


def test_footer_identity_missing_then_set(reviewer):
    room(reviewer)
    with override_settings(GONGKAI_SITE_CODE="", GONGKAI_ICP="", GONGKAI_PSB=""):
        report = checks.site_check(on=sh(2026, 12, 5), links=False)
        assert keys(report).count("footer.missing") == 3
        assert report.score.score == 94.0
    with override_settings(**FOOTER):
        report = checks.site_check(on=sh(2026, 12, 5), links=False)
        assert "footer.missing" not in keys(report)
        assert report.score.score == 100.0 and report.score.passed


@override_settings(**FOOTER)
def test_reading_room_missing_then_registered(reviewer):
    report = checks.site_check(on=sh(2026, 12, 5), links=False)
    [finding] = report.findings
    assert finding["indicator"] == "guide.reading_room"
    assert finding["fix_url"] == "/workbench/oversight/records/reading-rooms/new/"
    room(reviewer)
    assert checks.site_check(on=sh(2026, 12, 5), links=False).findings == []


@override_settings(**FOOTER)
def test_new_media_account_silent_for_two_weeks(reviewer, staff, department):
    room(reviewer)
    acc = account(reviewer, department)
    found = checks.site_check(on=sh(2026, 12, 5), links=False).findings
    assert [(f["indicator"], f["severity"]) for f in found] == [
        ("newmedia.silent", "veto")
    ]
    published_post(account=acc, author=staff, reviewer=reviewer, now=sh(2026, 11, 25))
    assert checks.site_check(on=sh(2026, 12, 5), links=False).findings == []
    # 14 days later it is silent again
    report = checks.site_check(on=sh(2026, 12, 10), links=False)
    assert keys(report) == ["newmedia.silent"]
    assert report.score.newmedia_vetoed and report.score.passed


@override_settings(**FOOTER)
def test_five_stale_columns_veto_the_site(reviewer):
    room(reviewer)
    for n in range(5):
        col = ColumnFactory(slug=f"gzdt{n}", name=f"工作动态{n}")
        doc = DocumentFactory(status=Status.PUBLISHED, publish_at=sh(2026, 11, 1))
        doc.columns.add(col)
    report = checks.site_check(on=sh(2026, 11, 10), links=False)
    assert report.findings == [] and report.score.passed
    report = checks.site_check(on=sh(2026, 12, 5), links=False)
    assert keys(report) == ["freshness.stale_column"] * 5
    assert {f["severity"] for f in report.findings} == {"veto"}
    assert (
        report.score.vetoed == ("freshness.stale_column",) and not report.score.passed
    )


@override_settings(**FOOTER)
def test_document_linking_to_a_missing_internal_page_is_a_dead_link(
    reviewer, django_capture_on_commit_callbacks
):
    room(reviewer)
    with django_capture_on_commit_callbacks(execute=True):  # the search index
        doc = DocumentFactory(
            status=Status.PUBLISHED,
            publish_at=sh(2026, 1, 5),
            body='<p>详见<a href="/penalties/999999/">处罚决定</a>和<a href="/">首页</a>。</p>',
        )
    report = checks.site_check(on=sh(2026, 12, 5), links=True)
    dead = [
        f
        for f in report.findings
        if f["indicator"] == "links.dead" and "/penalties/999999/" in f["object"]
    ]
    assert [(f["url"], f["fix_url"]) for f in dead] == [
        (doc.get_absolute_url(), f"/workbench/documents/{doc.pk}/")
    ]
    assert "（404）" in dead[0]["object"]
    # a link to a page that exists is not reported
    assert not any(f["object"].startswith("链接 / ") for f in report.findings)
    assert report.pages_crawled >= 2


@override_settings(**FOOTER)
def test_check_run_is_kept_with_an_audit_event(reviewer, staff):
    run = services.check_run(by=reviewer, on=sh(2026, 12, 5), links=False)
    assert CheckRun.objects.get() == run
    assert run.verdict == "pass" and [f["indicator"] for f in run.findings] == [
        "guide.reading_room"
    ]
    assert AuditEvent.objects.filter(action="oversight.check_run").count() == 1
    from gongkai.common.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        services.check_run(by=staff, links=False)


@override_settings(**FOOTER)
def test_command_on_a_date_six_months_ahead_reports_columns_stale_then(reviewer):
    room(reviewer)
    doc = DocumentFactory(status=Status.PUBLISHED, publish_at=sh(2026, 12, 1))
    doc.columns.add(ColumnFactory(slug="tzgg", name="通知公告"))
    out = StringIO()
    call_command("oversight", "check", "--on", "2026-12-05", stdout=out)
    assert json.loads(out.getvalue())["findings"] == []
    out = StringIO()
    call_command("oversight", "check", "--on", "2027-06-05", stdout=out)
    found = json.loads(out.getvalue())["findings"]
    assert [f["indicator"] for f in found] == ["freshness.stale_column"]
    assert "通知公告" in found[0]["object"]
    assert CheckRun.objects.count() == 2
    out = StringIO()
    call_command(
        "oversight",
        "check",
        "--on",
        "2027-06-05",
        "--format",
        "html",
        "--no-record",
        stdout=out,
    )
    assert "通知公告" in out.getvalue() and "<table" in out.getvalue()
    assert CheckRun.objects.count() == 2


def test_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="无效"):
        call_command("oversight", "check", "--on", "2027-13-01")
