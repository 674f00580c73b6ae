"""The public frame's header and footer, rendered once per variant (site_frame)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.template.base import Template
from django.test import Client, override_settings

from gongkai.common import kept

pytestmark = pytest.mark.django_db

JIUCUO = (
    "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}&url={url}"
)


@pytest.fixture
def renders() -> Any:
    """Counts the renders of the two kept templates."""
    kept._kept.clear()
    counted: list[str] = []
    real = Template.render

    def render(self: Template, context: Any) -> Any:
        if self.origin.template_name in (
            "portal/_site_header.html",
            "portal/_site_footer.html",
        ):
            counted.append(self.origin.template_name)
        return real(self, context)

    with mock.patch.object(Template, "render", render):
        yield counted


def test_header_and_footer_are_rendered_once_for_many_pages(client, renders):
    for path in ("/", "/search/?q=a", "/xxgk/", "/foi/"):
        assert client.get(path).status_code == 200
    assert sorted(renders) == ["portal/_site_footer.html", "portal/_site_header.html"]


def test_each_page_links_its_own_address_from_the_kept_header(client, renders):
    one = client.get("/search/", {"q": "抽查 <b>"}).content.decode()
    two = client.get("/xxgk/").content.decode()
    assert "next=/search/%3Fq%3D%25E6%258A%25BD%25E6%259F%25A5%2B%253Cb%253E" in one
    assert "next=/xxgk/" in two and "next=/search/" not in two
    assert len(renders) == 2  # one header, one footer, shared by both pages


def test_every_variant_is_its_own(client, login, staff, renders):
    chinese = client.get("/").content.decode()
    visitor = Client()
    visitor.cookies["django_language"] = "en"
    visitor.cookies["gk_large"] = "1"
    english = visitor.get("/").content.decode()
    signed_in = login(staff).get("/").content.decode()
    assert "首页</a>" in chinese and "English</a>" in chinese
    assert "简体中文</a>" in english and "large=0" in english
    assert "工作人员登录" in chinese and "工作人员登录" not in signed_in
    assert "/workbench/" in signed_in and "/workbench/" not in chinese
    assert len(renders) == 6


def test_the_footer_follows_the_settings_and_each_page_reports_itself(client):
    with override_settings(GONGKAI_JIUCUO_URL=JIUCUO, GONGKAI_ICP="闽ICP备<1>号"):
        one = client.get("/xxgk/").content.decode()
        two = client.get("/foi/").content.decode()
    with override_settings(GONGKAI_JIUCUO_URL=""):
        plain = client.get("/search/", {"q": "x"}).content.decode()
    assert "url=http%3A%2F%2Ftestserver%2Fxxgk%2F" in one
    assert "url=http%3A%2F%2Ftestserver%2Ffoi%2F" in two
    assert "闽ICP备&lt;1&gt;号" in one
    assert "我为政府网站找错" not in plain and "闽ICP备" not in plain


def test_a_reloaded_template_is_rendered_again(client, renders):
    from django.template import engines

    client.get("/")
    for loader in engines["django"].engine.template_loaders:
        loader.reset()  # what the development server does when a template changes
    client.get("/xxgk/")
    assert len(renders) == 4
