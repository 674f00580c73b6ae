"""The search page kept whole, frame and all (``common.kept.kept_page``): the
same page as rendered directly, for every variant of its frame, and never a
value of one request left in another's page."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.template.loader import get_template
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from gongkai.accounts.tests.factories import UserFactory
from gongkai.common import kept
from gongkai.common.kept import kept_page

pytestmark = pytest.mark.django_db

PAGE = "search/search.html"
JIUCUO = (
    "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}&url={url}"
)


@pytest.fixture(autouse=True)
def _empty() -> None:
    kept._pages.clear()


def _request(query: str, *, large: bool = False, user=None, path: str = "/search/"):
    request = RequestFactory().get(
        path, {"q": query, "x": '<"&>'}, HTTP_HOST="localhost"
    )
    if large:
        request.COOKIES["gk_large"] = "1"
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _slots(query: str) -> dict[str, object]:
    results = mark_safe(f"<p>{len(query)} results</p>") if query else ""
    return {"query": query, "results": results}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("jiucuo", ["", JIUCUO])
def test_the_kept_page_is_the_page_rendered_directly(language, jiucuo):
    # Each variant of the frame in one store, each twice (rendered, then kept)
    # and with other values: the same bytes as the template rendered for the
    # request.
    user = UserFactory()
    with translation.override(language), override_settings(GONGKAI_JIUCUO_URL=jiucuo):
        for query in ["抽查", "", "a <b>\"&'", "公开 抽查", "抽查"]:
            for large in (False, True):
                for signed_in in (None, user):
                    request = _request(query, large=large, user=signed_in)
                    direct = get_template(PAGE).render(_slots(query), request)
                    assert kept_page(request, PAGE, _slots(query)) == direct
                    assert ("&lt;b&gt;" in direct) == ("<b>" in query)
        assert len(kept._pages) == 8  # a query or none, large text, signed in


def test_each_request_gets_its_own_links_back_and_query():
    with override_settings(GONGKAI_JIUCUO_URL=JIUCUO):
        one = kept_page(_request("第一"), PAGE, _slots("第一"))
        two = kept_page(_request("第二"), PAGE, _slots("第二"))
        assert len(kept._pages) == 1
    for page, word, other in [(one, "第一", "第二"), (two, "第二", "第一")]:
        assert f"next=/search/%3Fq%3D{quote(quote(word))}%26x%3D" in page
        assert f'value="{word}"' in page and other not in page
        assert "url=http%3A%2F%2Flocalhost%2Fsearch%2F" in page  # jiucuo


def test_a_waiting_message_is_shown_and_the_page_not_kept():
    request = _request("抽查")
    messages.success(request, "已保存")
    page = kept_page(request, PAGE, _slots("抽查"))
    assert "已保存" in page and not kept._pages
    assert kept_page(_request("抽查"), PAGE, _slots("抽查")).count("已保存") == 0


def test_a_changed_setting_is_rendered_again():
    kept_page(_request("抽查"), PAGE, _slots("抽查"))
    with override_settings(GONGKAI_ORG_NAME="另一个局"):
        assert "另一个局" in kept_page(_request("抽查"), PAGE, _slots("抽查"))
    assert "另一个局" not in kept_page(_request("抽查"), PAGE, _slots("抽查"))


def test_the_search_page_is_kept_per_variant_through_the_stack(client):
    # Anonymous, then signed in, then anonymous again: the menu's 工作台 only
    # for the signed-in page, and each page's own query in its title and form.
    url = reverse("search:search")
    anonymous = client.get(url, {"q": "甲"}).content.decode()
    client.force_login(UserFactory())
    signed_in = client.get(url, {"q": "乙"}).content.decode()
    client.logout()
    again = client.get(url, {"q": "丙"}).content.decode()
    workbench = reverse("workbench:home")
    assert workbench in signed_in and workbench not in anonymous + again
    assert "“乙”的搜索结果" in signed_in and 'value="丙"' in again


def test_the_frame_follows_the_path_where_its_trail_does():
    # The 当前位置 trail is the frame's: the same page at other paths, kept once
    # per trail (and for the home page, which shows none).
    paths = ["/search/", "/", "/xxgk/", "/documents/a/", "/documents/b/", "/search/"]
    for path in paths:
        request = _request("抽查", path=path)
        direct = get_template(PAGE).render(_slots("抽查"), request)
        assert kept_page(request, PAGE, _slots("抽查")) == direct
    assert len(kept._pages) == 4  # /documents/a/ and /b/ share a trail
