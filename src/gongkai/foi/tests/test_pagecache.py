"""Whole-page cache of the public FOI pages: the guide and the published annual
reports are served from the cache and change at once when what they show changes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.common.services import rule_value_set
from gongkai.foi.models import AnnualReportDraft
from gongkai.foi.services.report import report_publish

from .support import at

pytestmark = pytest.mark.django_db


def test_guide_and_report_index_are_served_from_the_cache(
    client, django_assert_num_queries
):
    for url in (reverse("foi:guide"), reverse("foi:reports")):
        first = client.get(url)
        assert first.status_code == 200
        with django_assert_num_queries(1):  # the page token only
            again = client.get(url)
        assert again.content == first.content and again["ETag"] == first["ETag"]
        with django_assert_num_queries(1):
            assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publishing_a_report_shows_it_at_once(client, reviewer):
    index = reverse("foi:reports")
    link = reverse("foi:report", args=[2026])
    assert link not in client.get(index).content.decode()
    report_publish(year=2026, by=reviewer, now=at("2027-01-20"))
    assert link in client.get(index).content.decode()
    page = client.get(link)
    assert page.status_code == 200 and "ETag" in page
    # Taking it down (as the admin would) removes it at once.
    AnnualReportDraft.objects.get(year=2026).delete()
    assert link not in client.get(index).content.decode()
    assert client.get(link).status_code == 404


def test_a_new_rule_value_shows_on_the_guide_at_once(client):
    guide = reverse("foi:guide")
    assert "自收到申请之日起20个工作日内答复" in client.get(guide).content.decode()
    rule_value_set(
        key="clock.foi.reply.length",
        value=15,
        valid_from=timezone.localdate(),
        by=None,
    )
    assert "自收到申请之日起15个工作日内答复" in client.get(guide).content.decode()


def test_report_download_is_not_cached(client, reviewer):
    report_publish(year=2026, by=reviewer, now=at("2027-01-20"))
    url = reverse("foi:report-file", args=[2026, "xlsx"])
    for _visit in range(2):
        response = client.get(url)
        assert "ETag" not in response
        assert response["Content-Disposition"].endswith('foi-report-2026.xlsx"')
