"""Whole-page cache of anonymous pages: hits, invalidation on publish, withdraw, edit
and window changes, and never for signed-in staff."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from gongkai.documents import services
from gongkai.documents.tests.factories import DocumentFactory, IssuerFactory
from gongkai.publishing.caching import next_midnight, next_window_change, page_token
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def _approved(staff, **fields):
    return DocumentFactory(
        status=Status.APPROVED,
        department=staff.department,
        author=staff,
        **fields,
    )


@pytest.mark.parametrize(
    ("now", "midnight"),
    [
        # Asia/Shanghai is UTC+8 all year: local midnight is 16:00 UTC the day before.
        (dt.datetime(2026, 11, 26, 8, 0, tzinfo=UTC), dt.datetime(2026, 11, 26, 16, 0, tzinfo=UTC)),
        (dt.datetime(2026, 11, 26, 15, 59, 59, tzinfo=UTC), dt.datetime(2026, 11, 26, 16, 0, tzinfo=UTC)),
        (dt.datetime(2026, 11, 26, 16, 0, tzinfo=UTC), dt.datetime(2026, 11, 27, 16, 0, tzinfo=UTC)),
        (dt.datetime(2026, 12, 31, 16, 0, tzinfo=UTC), dt.datetime(2027, 1, 1, 16, 0, tzinfo=UTC)),
        (dt.datetime(2028, 2, 28, 17, 0, tzinfo=UTC), dt.datetime(2028, 2, 29, 16, 0, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_next_midnight_is_shanghai_midnight(now, midnight):
    assert next_midnight(now) == midnight


def test_next_window_change_is_the_earliest_window_edge_or_midnight(staff):
    now = dt.datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    assert next_window_change(now) == dt.datetime(2026, 11, 26, 16, 0, tzinfo=UTC)
    DocumentFactory(
        published=True,
        publish_at=now - dt.timedelta(days=1),
        unpublish_at=now + dt.timedelta(hours=3),
    )
    assert next_window_change(now) == now + dt.timedelta(hours=3)
    DocumentFactory(published=True, publish_at=now + dt.timedelta(minutes=5))
    assert next_window_change(now) == now + dt.timedelta(minutes=5)
    # An edge exactly at ``now`` has passed already.
    assert next_window_change(now + dt.timedelta(minutes=5)) == now + dt.timedelta(
        hours=3
    )


def test_token_holds_until_the_next_change_then_moves(staff):
    now = timezone.now()
    DocumentFactory(published=True, publish_at=now + dt.timedelta(seconds=40))
    token, until = page_token(now)
    assert until == now + dt.timedelta(seconds=40)
    assert page_token(now + dt.timedelta(seconds=39)) == (token, until)
    later, _until = page_token(now + dt.timedelta(seconds=40))
    assert later != token


def test_second_anonymous_visit_is_served_from_the_cache(
    client, django_assert_num_queries
):
    DocumentFactory(published=True, title="缓存中的文件")
    first = client.get("/")
    assert first.status_code == 200 and "缓存中的文件" in first.content.decode()
    with django_assert_num_queries(1):  # the page token only
        again = client.get("/")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert "Cookie" in again["Vary"]
    assert not again.cookies and not first.cookies
    with django_assert_num_queries(1):
        assert client.get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publish_shows_the_document_at_once(client, staff, reviewer):
    document = _approved(staff, title="新发布的抽查通知")
    assert "新发布的抽查通知" not in client.get("/").content.decode()
    catalogue = client.get(reverse("documents:catalogue"))
    assert client.get(document.get_absolute_url()).status_code == 404
    services.document_publish(document=document, by=reviewer)
    assert "新发布的抽查通知" in client.get("/").content.decode()
    fresh = client.get(
        reverse("documents:catalogue"), HTTP_IF_NONE_MATCH=catalogue["ETag"]
    )
    assert fresh.status_code == 200 and "新发布的抽查通知" in fresh.content.decode()
    assert client.get(document.get_absolute_url()).status_code == 200


def test_withdraw_removes_the_document_at_once(client, staff, reviewer):
    from gongkai.publishing.services import publishing_withdraw

    document = _approved(staff, title="将被撤回的文件")
    services.document_publish(document=document, by=reviewer)
    assert "将被撤回的文件" in client.get("/").content.decode()
    assert client.get(document.get_absolute_url()).status_code == 200
    publishing_withdraw(obj=document, by=reviewer, reason="内容有误")
    assert "将被撤回的文件" not in client.get("/").content.decode()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_an_edit_shows_at_once(client):
    issuer = IssuerFactory(name="福州市标准化研究院")
    document = DocumentFactory(published=True, issuers=[issuer])
    assert (
        "福州市标准化研究院" in client.get(document.get_absolute_url()).content.decode()
    )
    issuer.name = "厦门市标准化研究院"
    issuer.save()  # as the admin does
    page = client.get(document.get_absolute_url()).content.decode()
    assert "厦门市标准化研究院" in page and "福州市标准化研究院" not in page


def test_window_end_and_start_change_cached_pages_without_any_write(client):
    start = timezone.now()
    DocumentFactory(
        published=True,
        publish_at=start - dt.timedelta(days=1),
        unpublish_at=start + dt.timedelta(minutes=10),
        title="即将下线的公告",
    )
    DocumentFactory(
        published=True,
        publish_at=start + dt.timedelta(minutes=20),
        title="定时发布的公告",
    )
    with time_machine.travel(start, tick=False):
        home = client.get("/").content.decode()
        assert "即将下线的公告" in home and "定时发布的公告" not in home
        assert "即将下线的公告" in client.get("/").content.decode()  # from the cache
    with time_machine.travel(start + dt.timedelta(minutes=10), tick=False):
        home = client.get("/").content.decode()
        assert "即将下线的公告" not in home and "定时发布的公告" not in home
    with time_machine.travel(start + dt.timedelta(minutes=20), tick=False):
        assert "定时发布的公告" in client.get("/").content.decode()


def test_a_window_edge_makes_stale_only_the_pages_showing_the_row(
    client, django_assert_max_num_queries
):
    start = timezone.now()
    closing = DocumentFactory(
        published=True,
        title="九十秒后下线",
        unpublish_at=start + dt.timedelta(seconds=90),
    )
    other = DocumentFactory(published=True, title="一直公开的文件")
    with time_machine.travel(start, tick=False):
        assert client.get(other.get_absolute_url()).status_code == 200
        assert client.get(closing.get_absolute_url()).status_code == 200
    with time_machine.travel(start + dt.timedelta(seconds=91), tick=False):
        # The edge passed: the counter rolls (marking the closed document), then
        # the other document's page is still served from the cache.
        assert client.get(closing.get_absolute_url()).status_code == 404
        with django_assert_max_num_queries(2):  # the counter, the changed tags
            assert client.get(other.get_absolute_url()).status_code == 200


def test_no_cache_and_no_etag_for_signed_in_staff(
    client, login, staff, django_assert_max_num_queries
):
    DocumentFactory(published=True, title="公开文件")
    anonymous = client.get("/")
    assert "工作台" not in anonymous.content.decode().split("<main")[0]
    login(staff)
    first = client.get("/")
    assert "ETag" not in first
    assert "工作台" in first.content.decode().split("<main")[0]  # not the cached page
    stored = len(caches["pages"]._cache)  # type: ignore[attr-defined]
    second = client.get("/")
    assert "工作台" in second.content.decode().split("<main")[0]
    assert len(caches["pages"]._cache) == stored  # type: ignore[attr-defined]
    client.logout()
    assert "工作台" not in client.get("/").content.decode().split("<main")[0]


def test_language_and_large_text_are_part_of_the_key(client):
    from django.conf import settings

    chinese = client.get("/").content.decode()
    client.cookies["gk_large"] = "1"
    large = client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/").content.decode()
    assert 'class="large-text"' not in chinese and "最新公开" in chinese
    assert 'class="large-text"' in large and "最新公开" in large
    assert 'class="large-text"' in english and "Latest disclosures" in english


def test_pages_that_set_a_cookie_are_not_stored(client):
    client.get(reverse("portal:prefs"), {"large": "1", "next": "/"})
    assert len(caches["pages"]._cache) == 0  # type: ignore[attr-defined]
    response = client.get("/no/such/page/")
    assert response.status_code == 404 and "ETag" not in response
    assert len(caches["pages"]._cache) == 0  # type: ignore[attr-defined]


def test_a_worker_reuses_its_token_briefly_but_not_past_a_change(
    client, settings, staff, reviewer, django_assert_num_queries
):
    from gongkai.publishing.caching import forget_token

    settings.GONGKAI_PAGE_TOKEN_SECONDS = 60
    forget_token()
    client.get("/")
    with django_assert_num_queries(0):  # token remembered, page from the cache
        client.get("/")
    document = _approved(staff, title="本进程发布的文件")
    services.document_publish(document=document, by=reviewer)
    # A change made in this process is seen at once.
    assert "本进程发布的文件" in client.get("/").content.decode()
    forget_token()


def test_a_page_that_writes_the_session_is_not_stored(rf):
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    from gongkai.publishing.pagecache import public_page

    @public_page
    def view(request):
        request.session["seen"] = True
        return HttpResponse("会话页面")

    request = rf.get("/session-page/")
    request.session = SessionStore()
    response = view(request)
    assert response.status_code == 200 and "ETag" not in response
    assert len(caches["pages"]._cache) == 0  # type: ignore[attr-defined]
