"""Public shell: home, content pages, large-text switch, language switch, error pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.portal import views
from gongkai.workbench.tests.support import pages_bulk, published_page

pytestmark = pytest.mark.django_db


def test_home_lists_published_pages_only(client, staff, reviewer):
    published_page(author=staff, reviewer=reviewer, slug="guide")
    from gongkai.workbench.tests.support import draft_page

    draft_page(author=staff, slug="secret-draft", title="尚未公开的草稿")
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "政府信息公开指南" in body
    assert "尚未公开的草稿" not in body
    assert '<html lang="zh-CN"' in body


def test_home_query_count_is_bounded(client, staff, django_assert_max_num_queries):
    from gongkai.documents.tests.factories import ColumnFactory, DocumentFactory

    pages_bulk(author=staff, n=30)
    for _n in range(15):
        DocumentFactory(published=True, publish_at=timezone.now())
    ColumnFactory(name="政策文件")
    ColumnFactory(name="双随机一公开", is_special=True)
    # Page token (read, next window change, roll), the tags changed with it, pages,
    # documents, issuers, columns.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="summary"') == 10
    assert body.count("关于开展产品质量监督抽查工作的通知") == 10
    assert "双随机一公开" in body
    assert 'role="search"' in body


def test_home_answers_304_until_something_is_published(client, staff):
    from gongkai.documents.tests.factories import DocumentFactory

    client.get(reverse("portal:home"))  # receives the CSRF cookie the ETag includes
    etag = client.get(reverse("portal:home"))["ETag"]
    again = client.get(reverse("portal:home"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    DocumentFactory(published=True, publish_at=timezone.now(), title="新发布的文件")
    changed = client.get(reverse("portal:home"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "新发布的文件" in changed.content.decode()


def test_published_page_is_visible(client, staff, reviewer):
    page = published_page(author=staff, reviewer=reviewer, slug="guide")
    response = client.get(reverse("portal:page", args=[page.slug]))
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_draft_page_is_not_visible(client, staff):
    from gongkai.workbench.tests.support import draft_page

    page = draft_page(author=staff, slug="draft")
    response = client.get(reverse("portal:page", args=[page.slug]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_page_outside_its_window_is_not_visible(client, staff):
    (page,) = pages_bulk(author=staff, n=1)
    page.unpublish_at = timezone.now() - dt.timedelta(seconds=1)
    page.save()
    assert client.get(reverse("portal:page", args=[page.slug])).status_code == 404


def test_unknown_url_renders_chinese_404(client):
    response = client.get("/no/such/place/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "页面不存在" in body
    assert "返回首页" in body


def test_large_text_link_sets_and_clears_cookie(client):
    response = client.get(reverse("portal:prefs"), {"large": "1", "next": "/pages/x/"})
    assert response.status_code == 302
    assert response["Location"] == "/pages/x/"
    assert response.cookies["gk_large"].value == "1"
    home = client.get(reverse("portal:home"))
    assert 'class="large-text"' in home.content.decode()
    assert "标准字号" in home.content.decode()

    response = client.get(reverse("portal:prefs"), {"large": "0", "next": "/"})
    assert response.cookies["gk_large"].value == ""  # deleted
    assert 'class="large-text"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "",
    ],
)
def test_preference_links_go_back_only_to_this_site(client, target):
    response = client.get(reverse("portal:prefs"), {"large": "1", "next": target})
    assert (response.status_code, response["Location"]) == (302, "/")


@pytest.mark.parametrize(
    ("params", "cookies"),
    [
        ({"lang": "klingon"}, set()),
        ({"large": "maybe"}, set()),
        ({"lang": ["en", "fr"]}, set()),  # the last value wins: unknown, ignored
        ({}, set()),
    ],
)
def test_preference_links_ignore_unknown_values(client, params, cookies):
    response = client.get(reverse("portal:prefs"), params)
    assert response.status_code == 302
    assert set(response.cookies) == cookies


def test_page_links_to_preferences_without_csrf_or_session(client):
    # A 404 page has the header too (a declared page would drop the unknown query).
    response = client.get("/no-such/?a=1&b=2")
    body = response.content.decode()
    assert "/prefs/?large=1&amp;next=/no-such/%3Fa%3D1%26b%3D2" in body
    assert "/prefs/?lang=en&amp;next=/no-such/%3Fa%3D1%26b%3D2" in body
    home = client.get("/")
    assert "csrfmiddlewaretoken" not in home.content.decode()
    assert not home.cookies  # no CSRF, session or other cookie for anonymous pages


def test_language_link_switches_to_english_and_back(client):
    response = client.get(reverse("portal:prefs"), {"lang": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    body = client.get("/").content.decode()
    assert '<html lang="en"' in body
    assert "简体中文" in body  # the switch back
    assert "Latest disclosures" in body and "最新公开" not in body  # translated
    assert "Page not found" in client.get("/no-such-page/").content.decode()
    client.get(reverse("portal:prefs"), {"lang": "zh-hans", "next": "/"})
    assert "最新公开" in client.get("/").content.decode()


def test_server_error_handler_renders_chinese(client, settings):
    settings.ROOT_URLCONF = "gongkai.portal.tests.urls"
    client.raise_request_exception = False
    response = client.get("/__test__/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "系统暂时无法处理" in body
    assert "Traceback" not in body


def test_server_error_falls_back_to_plain_page_when_rendering_fails(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(views, "render", broken)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "系统暂时无法处理" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "title"),
    [
        (views.bad_request, 400, "请求有误"),
        (views.permission_denied, 403, "无权访问"),
        (views.page_not_found, 404, "页面不存在"),
    ],
)
def test_error_handlers_render_chinese(rf, handler, status, title):
    response = handler(rf.get("/"), Exception())
    assert response.status_code == status
    assert title in response.content.decode()


def test_gongkai_error_in_a_view_renders_its_page_and_status(client, settings):
    settings.ROOT_URLCONF = "gongkai.portal.tests.urls"
    response = client.get("/__test__/conflict/")
    assert response.status_code == 409
    assert "errors/gongkai_error.html" in [t.name for t in response.templates]
    body = response.content.decode()
    assert "当前状态下不能撤回。" in body
    assert "publishing.transition" in body


def _declared(monkeypatch, module):
    from gongkai.portal import menu

    monkeypatch.setattr(menu, "modules", lambda: (module,))
    return menu


def test_modules_add_navigation_links_without_editing_templates(client, monkeypatch):
    from gongkai.common.modules import MenuEntry, Module

    module = Module(
        name="t",
        public_menu=[MenuEntry("测试栏目", "portal:home", 5)],
        staff_menu=[MenuEntry("坏链接", "no-such:url")],
    )
    menu = _declared(monkeypatch, module)
    body = client.get("/").content.decode()
    assert '<a href="/">测试栏目</a>' in body
    assert menu.public_links() == [("测试栏目", "/")]
