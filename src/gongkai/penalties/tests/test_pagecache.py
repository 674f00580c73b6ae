"""Whole-page cache of the public penalty pages: hits, ETags, invalidation on
publish, withdraw and edit, windows opening and closing, never for signed-in staff."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import caches

from gongkai.penalties import services
from gongkai.penalties.models import Penalty
from gongkai.penalties.tests.factories import record
from gongkai.penalties.tests.support import publish
from gongkai.publishing import services as pub
from gongkai.publishing.caching import next_window_change
from gongkai.search.models import SearchEntry

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))
LIST = "/penalties/"
START = dt.datetime(2026, 11, 2, 10, tzinfo=SH)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def _approved(staff, reviewer, name):
    penalty = services.penalty_create(
        record=record(CF_XDR_MC=name), department=staff.department, by=staff
    )
    pub.publishing_submit(obj=penalty, by=staff)
    return pub.publishing_approve(obj=penalty, by=reviewer)


def _published(staff, reviewer, name):
    return publish(staff=staff, reviewer=reviewer, raw=record(CF_XDR_MC=name))


def test_second_anonymous_visit_is_served_from_the_cache(
    client, staff, reviewer, django_assert_num_queries
):
    penalty = _published(staff, reviewer, "福州缓存电器有限公司")
    for url in (LIST, penalty.get_absolute_url()):
        first = client.get(url)
        assert "福州缓存电器有限公司" in first.content.decode()
        with django_assert_num_queries(1):  # the page token only
            again = client.get(url)
        assert again.content == first.content and again["ETag"] == first["ETag"]
        assert not again.cookies and not first.cookies
        with django_assert_num_queries(1):
            assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publish_shows_the_penalty_at_once(client, staff, reviewer):
    penalty = _approved(staff, reviewer, "福州新发布电器有限公司")
    listed = client.get(LIST)
    assert "福州新发布电器有限公司" not in listed.content.decode()
    services.penalty_publish(penalty=penalty, by=reviewer)
    fresh = client.get(LIST, HTTP_IF_NONE_MATCH=listed["ETag"])
    assert fresh.status_code == 200
    assert "福州新发布电器有限公司" in fresh.content.decode()
    assert client.get(penalty.get_absolute_url()).status_code == 200


def test_withdraw_changes_the_list_and_the_page_at_once(client, staff, reviewer):
    penalty = _published(staff, reviewer, "福州将撤回电器有限公司")
    assert "福州将撤回电器有限公司" in client.get(LIST).content.decode()
    page = client.get(penalty.get_absolute_url()).content.decode()
    assert "生产销售不合格产品" in page and "撤回原因" not in page
    services.penalty_withdraw(
        penalty=penalty,
        kind="revoked",
        changed_on=START.date(),
        reason="经行政复议撤销",
        by=reviewer,
    )
    assert "福州将撤回电器有限公司" not in client.get(LIST).content.decode()
    page = client.get(penalty.get_absolute_url()).content.decode()
    assert "经行政复议撤销" in page and "生产销售不合格产品" not in page


def test_an_edit_of_a_public_penalty_shows_at_once(client, staff, reviewer):
    penalty = services.penalty_withdraw(
        penalty=_published(staff, reviewer, "福州变更电器有限公司"),
        kind="revoked",
        changed_on=START.date(),
        reason="经行政复议撤销",
        by=reviewer,
    )
    assert "决定被撤销" in client.get(penalty.get_absolute_url()).content.decode()
    services.penalty_change_record(
        penalty=penalty, kind="changed", changed_on=START.date(), by=staff
    )
    page = client.get(penalty.get_absolute_url()).content.decode()
    assert "决定被变更" in page and "决定被撤销" not in page


def test_deletion_changes_the_list_at_once(client, staff, reviewer):
    penalty = _published(staff, reviewer, "福州删除电器有限公司")
    assert "福州删除电器有限公司" in client.get(LIST).content.decode()
    Penalty.objects.filter(pk=penalty.pk).delete()  # as a cleanup script would
    assert "福州删除电器有限公司" not in client.get(LIST).content.decode()


def test_an_import_that_publishes_shows_its_rows_at_once(client, staff, reviewer):
    from gongkai.core.tabular import write_xlsx
    from gongkai.penalties.fields import BY_CODE
    from gongkai.penalties.importing import penalty_import

    assert "福州导入电器有限公司" not in client.get(LIST).content.decode()
    row = record(CF_XDR_MC="福州导入电器有限公司")
    reviewer.department = staff.department
    run = penalty_import(
        data=write_xlsx([BY_CODE[c].label for c in row], [list(row.values())]),
        file_name="p.xlsx",
        department=staff.department,
        by=reviewer,
        publish=True,
        index=False,  # no index write either: the import itself changes the token
    )
    assert run.created == 1
    assert "福州导入电器有限公司" in client.get(LIST).content.decode()


def test_window_end_removes_the_penalty_at_once(client, staff, reviewer, frozen):
    penalty = _published(staff, reviewer, "福州到期电器有限公司")
    end = penalty.unpublish_at
    assert end is not None
    frozen.move_to(end - dt.timedelta(seconds=1))
    assert "福州到期电器有限公司" in client.get(LIST).content.decode()
    assert client.get(penalty.get_absolute_url()).status_code == 200
    frozen.move_to(end)
    assert "福州到期电器有限公司" not in client.get(LIST).content.decode()
    assert client.get(penalty.get_absolute_url()).status_code == 404


def test_scheduled_publication_appears_when_its_window_opens(
    client, staff, reviewer, frozen
):
    # Not at a midnight: only the penalty's own window start changes the token.
    opens = START + dt.timedelta(minutes=20)
    penalty = _approved(staff, reviewer, "福州定时发布电器有限公司")
    services.penalty_publish(penalty=penalty, by=reviewer, publish_at=opens)
    assert not SearchEntry.objects.exists()  # the index does not bring the edge
    assert "福州定时发布电器有限公司" not in client.get(LIST).content.decode()
    frozen.move_to(opens - dt.timedelta(seconds=1))
    assert "福州定时发布电器有限公司" not in client.get(LIST).content.decode()
    frozen.move_to(opens)
    assert "福州定时发布电器有限公司" in client.get(LIST).content.decode()


def test_penalty_window_edges_are_next_window_changes(staff, reviewer):
    penalty = _published(staff, reviewer, "福州窗口电器有限公司")
    closes = START + dt.timedelta(hours=3)
    Penalty.objects.filter(pk=penalty.pk).update(unpublish_at=closes)
    assert not SearchEntry.objects.exists()
    assert next_window_change(START) == closes


def test_no_cache_and_no_etag_for_signed_in_staff(client, login, staff, reviewer):
    penalty = _published(staff, reviewer, "福州原名电器有限公司")
    assert "福州原名电器有限公司" in client.get(LIST).content.decode()
    # A change that bypasses the signals: the anonymous page stays as cached …
    Penalty.objects.filter(pk=penalty.pk).update(party_name="福州改名电器有限公司")
    assert "福州原名电器有限公司" in client.get(LIST).content.decode()
    stored = len(caches["pages"]._cache)  # type: ignore[attr-defined]
    # … while staff always get a fresh render, with no ETag, and nothing is stored.
    login(staff)
    for _visit in range(2):
        response = client.get(LIST)
        assert "ETag" not in response
        assert "福州改名电器有限公司" in response.content.decode()
    assert len(caches["pages"]._cache) == stored  # type: ignore[attr-defined]
