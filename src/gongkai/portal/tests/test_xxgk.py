"""The 政府信息公开 column, 网站地图, 当前位置 and the footer's identity."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.documents.demo_guide import GUIDE
from gongkai.documents.guide import guide_update
from gongkai.documents.tests.factories import (
    ColumnFactory,
    DocumentFactory,
    InterpretationFactory,
)
from gongkai.portal import xxgk
from gongkai.portal.breadcrumbs import trail
from gongkai.workbench.tests.support import published_page

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)


def _items(now=None):
    return {i["number"]: i for i in xxgk.proactive_items(now=now or NOW)}


def test_article_20_items_link_where_the_information_is():
    items = _items()
    assert len(items) == 15
    assert items["一"]["links"] == [("政府信息公开目录", "/xxgk/")]
    assert items["六"]["links"] == [("行政处罚公示", "/penalties/")]
    assert ("双随机一公开", "/inspections/") in items["十三"]["links"]


def test_an_item_without_its_module_or_column_is_under_construction():
    items = _items()
    assert items["九"]["links"] == []  # no 政府采购 column, no procurement module
    ColumnFactory(slug="zfcg", name="政府采购")
    assert _items()["九"]["links"] == [("政府采购", "/columns/zfcg/")]


def test_a_target_that_does_not_resolve_is_skipped_not_linked():
    columns: dict = {}
    missing = xxgk.Target(url_name="nosuchapp:index")
    assert xxgk.resolve(missing, columns=columns, now=NOW) == ""
    assert xxgk.resolve(xxgk.Target(module="nosuchapp"), columns=columns, now=NOW) == ""
    assert xxgk.resolve(xxgk.Target(page="jgzn"), columns=columns, now=NOW) == ""
    fees = xxgk.Target(url_name="registers:register-detail", kwargs={"slug": "nope"})
    assert xxgk.resolve(fees, columns=columns, now=NOW) == ""


def test_content_page_target(staff, reviewer):
    page = published_page(
        author=staff, reviewer=reviewer, slug="jgzn", title="机构职能"
    )
    now = page.publish_at + dt.timedelta(minutes=1)
    assert ("机构职能", "/pages/jgzn/") in _items(now)["二"]["links"]


def test_column_page_shows_parts_and_items(client):
    html = client.get(reverse("portal:xxgk")).content.decode()
    for part in ("政府信息公开指南", "法定主动公开内容", "政策解读", "依申请公开"):
        assert part in html
    assert "政府信息公开年度报告" in html and 'href="/foi/reports/"' in html
    assert html.count("建设中") >= 5
    # An item under construction has no link at all.
    row = re.search(r"（九）.*?</li>", html, re.S).group(0)
    assert "<a " not in row


def test_interpretation_column_lists_published_interpretations(client, reviewer):
    policy = DocumentFactory(published=True, title="关于推进质量提升的意见")
    InterpretationFactory(policy=policy, status="published", publish_at=NOW)
    InterpretationFactory(policy=policy, title="未发布的解读")
    html = client.get(reverse("documents:interpretation-list")).content.decode()
    assert "《关于推进质量提升的意见》政策解读" in html
    assert "未发布的解读" not in html


def test_sitemap_lists_sections_columns_and_pages(client, staff, reviewer):
    ColumnFactory(slug="tzgg", name="通知公告")
    published_page(author=staff, reviewer=reviewer, slug="statement", title="网站声明")
    html = client.get(reverse("portal:sitemap")).content.decode()
    for text in (
        "政府信息公开目录",
        "行政处罚公示",
        "通知公告",
        "网站声明",
        "站内搜索",
    ):
        assert text in html


@pytest.mark.parametrize(
    ("path", "labels", "current"),
    [
        ("/xxgk/", ["政府信息公开", "政府信息公开目录"], True),
        ("/documents/X/2026-1/", ["政府信息公开", "政府信息公开目录"], False),
        ("/documents/interpretations/3/", ["政府信息公开", "政策解读"], False),
        ("/penalties/12/", ["行政处罚公示"], False),
        ("/foi/reports/", ["政府信息公开", "政府信息公开年度报告"], True),
        ("/zfxxgk/", ["政府信息公开"], True),
        ("/", [], False),
    ],
)
def test_trail(path, labels, current):
    crumbs = trail(path)
    assert [str(c["label"]) for c in crumbs] == labels
    assert [c["current"] for c in crumbs][-1:] == ([current] if labels else [])


def test_breadcrumbs_on_a_document_page(client):
    d = DocumentFactory(published=True, title="关于开展抽查的通知")
    html = client.get(d.get_absolute_url()).content.decode()
    nav = re.search(r'<nav class="wrap breadcrumbs".*?</nav>', html, re.S).group(0)
    assert 'aria-label="当前位置"' in nav
    assert nav.index("首页") < nav.index("政府信息公开目录") < nav.index("关于开展抽查")
    assert '<span aria-current="page" lang="zh-CN">关于开展抽查的通知</span>' in nav


def test_footer_shows_identity_settings(client, settings):
    settings.GONGKAI_SPONSOR = "福建省市场监督管理局"
    settings.GONGKAI_OPERATOR = "福建省市场监督管理局办公室"
    settings.GONGKAI_SITE_CODE = "3500000031"
    settings.GONGKAI_ICP = "闽ICP备05001234号"
    settings.GONGKAI_PSB = "闽公网安备 35010202000123号"
    settings.GONGKAI_DZJG_URL = "https://bszs.conac.cn/sitename?method=show&id=1"
    html = client.get(reverse("portal:sitemap")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "主办：" in footer and "福建省市场监督管理局办公室" in footer
    assert "网站标识码：3500000031" in footer
    assert 'href="https://beian.miit.gov.cn/"' in footer
    assert "webSearch?code=35010202000123" in footer
    assert "党政机关" in footer
    assert "site_code=3500000031&amp;url=http%3A%2F%2Ftestserver%2Fsitemap%2F" in footer
    assert "我为政府网站找错" in footer


def test_footer_leaves_out_unset_identity(client, settings):
    settings.GONGKAI_ICP = ""
    settings.GONGKAI_PSB = ""
    settings.GONGKAI_DZJG_URL = ""
    html = client.get(reverse("portal:sitemap")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "beian" not in footer and "党政机关" not in footer
    assert "主办：" in footer  # the organisation by default


def test_one_guide_page_redirects_to_the_structured_guide(client, staff, reviewer):
    published_page(author=staff, reviewer=reviewer, slug="guide", title="公开指南")
    page = client.get("/pages/guide/")
    assert page.status_code == 200  # no structured guide yet: the content page
    guide_update(by=reviewer, now=NOW, **GUIDE)
    response = client.get("/pages/guide/")
    assert response.status_code == 302 and response["Location"] == "/xxgk/guide/"
    assert client.get("/xxgk/guide/").status_code == 200
