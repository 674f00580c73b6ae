"""Whole-page cache of the public register pages: hits, ETags, invalidation on publish,
withdraw, edit and deletion, windows opening and closing, never for signed-in staff."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import caches

from gongkai.publishing import services as pub
from gongkai.publishing.caching import next_window_change
from gongkai.registers.models import Entry, Register
from gongkai.registers.services import entry_create, entry_update
from gongkai.registers.tests.factories import spot_row, tea_register
from gongkai.search.models import SearchEntry

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))
INDEX = "/registers/"
BASE = "/registers/spot-checks/"
START = dt.datetime(2026, 11, 2, 10, tzinfo=SH)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def spot():
    return Register.objects.get(slug="spot-checks")


def _approved(spot, staff, reviewer, n, **overrides):
    entry = entry_create(
        register=spot,
        record=spot_row(n, **overrides),
        department=staff.department,
        by=staff,
    )
    pub.publishing_submit(obj=entry, by=staff)
    return pub.publishing_approve(obj=entry, by=reviewer)


def _published(spot, staff, reviewer, n, **window):
    entry = _approved(spot, staff, reviewer, n)
    return pub.publishing_publish(obj=entry, by=reviewer, **window)


def test_second_anonymous_visit_is_served_from_the_cache(
    client, spot, staff, reviewer, django_assert_num_queries
):
    entry = _published(spot, staff, reviewer, 1)
    for url in (INDEX, BASE, entry.get_absolute_url()):
        first = client.get(url)
        assert first.status_code == 200
        with django_assert_num_queries(1):  # the page token only
            again = client.get(url)
        assert again.content == first.content and again["ETag"] == first["ETag"]
        assert not again.cookies and not first.cookies
        with django_assert_num_queries(1):
            assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert "电热水壶1" in client.get(BASE).content.decode()


def test_publish_shows_the_entry_at_once(client, spot, staff, reviewer):
    entry = _approved(spot, staff, reviewer, 2)
    listed = client.get(BASE)
    assert "电热水壶2" not in listed.content.decode()
    pub.publishing_publish(obj=entry, by=reviewer)
    fresh = client.get(BASE, HTTP_IF_NONE_MATCH=listed["ETag"])
    assert fresh.status_code == 200 and "电热水壶2" in fresh.content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_withdraw_removes_the_entry_at_once(client, spot, staff, reviewer):
    entry = _published(spot, staff, reviewer, 3)
    assert "电热水壶3" in client.get(BASE).content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 200
    pub.publishing_withdraw(obj=entry, by=reviewer, reason="抽检结论有误")
    assert "电热水壶3" not in client.get(BASE).content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_an_edit_shows_at_once(client, spot, staff, reviewer):
    entry = _published(spot, staff, reviewer, 4)
    assert "电热水壶4" in client.get(entry.get_absolute_url()).content.decode()
    pub.publishing_withdraw(obj=entry, by=reviewer, reason="产品名称有误")
    pub.publishing_reopen(obj=entry, by=staff)
    entry = entry_update(entry=entry, record=spot_row(4, product="电饭煲4"), by=staff)
    pub.publishing_submit(obj=entry, by=staff)
    pub.publishing_approve(obj=entry, by=reviewer)
    pub.publishing_publish(obj=entry, by=reviewer)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "电饭煲4" in page and "电热水壶4" not in page
    listed = client.get(BASE).content.decode()
    assert "电饭煲4" in listed and "电热水壶4" not in listed


def test_a_register_definition_shows_at_once(client, admin_user):
    register = tea_register(admin_user)
    assert "茶叶质量抽查" in client.get(INDEX).content.decode()
    register.title = "茶叶产品质量抽查"
    register.save()  # as an administrator's redefinition does
    html = client.get(INDEX).content.decode()
    assert "茶叶产品质量抽查" in html


def test_deletion_removes_the_entry_at_once(client, spot, staff, reviewer):
    entry = _published(spot, staff, reviewer, 5)
    assert "电热水壶5" in client.get(BASE).content.decode()
    Entry.objects.filter(pk=entry.pk).delete()
    assert "电热水壶5" not in client.get(BASE).content.decode()


def test_window_end_removes_the_entry_at_once(client, spot, staff, reviewer, frozen):
    # Not at a midnight: only the entry's own window end changes the token.
    closes = START + dt.timedelta(minutes=30)
    entry = _published(spot, staff, reviewer, 6, unpublish_at=closes)
    assert not SearchEntry.objects.exists()  # the index does not bring the edge
    frozen.move_to(closes - dt.timedelta(seconds=1))
    assert "电热水壶6" in client.get(BASE).content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 200
    frozen.move_to(closes)
    assert "电热水壶6" not in client.get(BASE).content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_window_start_shows_the_entry_at_once(client, spot, staff, reviewer, frozen):
    opens = START + dt.timedelta(minutes=20)
    _published(spot, staff, reviewer, 7, publish_at=opens)
    frozen.move_to(opens - dt.timedelta(seconds=1))
    assert "电热水壶7" not in client.get(BASE).content.decode()
    frozen.move_to(opens)
    assert "电热水壶7" in client.get(BASE).content.decode()


def test_entry_window_edges_are_next_window_changes(spot, staff, reviewer):
    opens, closes = START + dt.timedelta(hours=2), START + dt.timedelta(hours=3)
    _published(spot, staff, reviewer, 8, publish_at=opens, unpublish_at=closes)
    assert next_window_change(START) == opens
    assert next_window_change(opens) == closes


def test_no_cache_and_no_etag_for_signed_in_staff(client, login, spot, staff, reviewer):
    entry = _published(spot, staff, reviewer, 9)
    urls = (BASE, entry.get_absolute_url())
    for url in urls:
        assert "电热水壶9" in client.get(url).content.decode()
    # A change that bypasses the signals: the anonymous pages stay as cached …
    Entry.objects.filter(pk=entry.pk).update(title="电饭煲9", data={
        **entry.data, "product": "电饭煲9"})  # fmt: skip
    for url in urls:
        assert "电热水壶9" in client.get(url).content.decode()
    stored = len(caches["pages"]._cache)  # type: ignore[attr-defined]
    # … while staff always get a fresh render, with no ETag, and nothing is stored.
    login(staff)
    for url in urls * 2:
        response = client.get(url)
        assert "ETag" not in response
        body = response.content.decode()
        assert "电饭煲9" in body and "电热水壶9" not in body
    assert len(caches["pages"]._cache) == stored  # type: ignore[attr-defined]
