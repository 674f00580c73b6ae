"""Public pages: catalogue filters, document page and banner, feeds, sitemap, DCAT."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from gongkai.documents.models import Relation
from gongkai.documents.tests.factories import (
    ColumnFactory,
    DocumentFactory,
    InterpretationFactory,
    IssuerFactory,
)
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db


def _now():
    return timezone.now() - dt.timedelta(minutes=1)


@pytest.fixture
def docs():
    issuer = IssuerFactory(name="福建省公安厅", org_code="")
    return {
        "plan": DocumentFactory(
            published=True, publish_at=_now(), title="政务公开工作实施方案",
            doc_number="闽质监〔2017〕126号", written_on=dt.date(2017, 5, 27),
        ),
        "joint": DocumentFactory(
            published=True, publish_at=_now(), title="电动自行车专项整治通知",
            issuers=[IssuerFactory(), issuer], written_on=dt.date(2024, 3, 5),
        ),
        "expired": DocumentFactory(
            published=True, publish_at=_now(), title="过期的暂行办法",
            valid_until=dt.date(2020, 1, 1), written_on=dt.date(2018, 1, 1),
        ),
        "draft": DocumentFactory(title="尚未发布的草稿"),
    }  # fmt: skip


def _titles(response):
    body = response.content.decode()
    names = [
        "政务公开工作实施方案",
        "电动自行车专项整治通知",
        "过期的暂行办法",
        "尚未发布的草稿",
    ]
    return [n for n in names if n in body]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["政务公开工作实施方案", "电动自行车专项整治通知", "过期的暂行办法"]),
        ({"year": "2017"}, ["政务公开工作实施方案"]),
        ({"validity": "expired"}, ["过期的暂行办法"]),
        ({"validity": "effective"}, ["政务公开工作实施方案", "电动自行车专项整治通知"]),
        (
            {"year": "abc", "validity": "bogus"},
            ["政务公开工作实施方案", "电动自行车专项整治通知", "过期的暂行办法"],
        ),
    ],
)
def test_catalogue_filters(client, docs, query, expected):
    response = client.get(reverse("documents:catalogue"), query)
    assert response.status_code == 200
    assert _titles(response) == expected


def test_catalogue_filters_by_joint_issuer(client, docs):
    issuer = IssuerFactory(name="福建省公安厅")
    response = client.get(reverse("documents:catalogue"), {"issuer": issuer.pk})
    assert _titles(response) == ["电动自行车专项整治通知"]


def test_catalogue_query_count_is_bounded(client, django_assert_max_num_queries):
    for _n in range(30):
        DocumentFactory(published=True, publish_at=_now())
    client.get(reverse("documents:catalogue"))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("documents:catalogue"))
    assert response.content.decode().count('<tr><td class="nowrap index"') == 20


def test_document_page_shows_the_metadata_table(client, docs):
    doc = docs["plan"]
    response = client.get(doc.get_absolute_url())
    body = response.content.decode()
    for label in (
        "索引号",
        "主题分类",
        "发文机关",
        "成文日期",
        "发布日期",
        "文号",
        "有效性",
        "公开方式",
    ):
        assert f">{label}</th>" in body
    assert "闽质监〔2017〕126号" in body and "2017-05-27" in body and "主动公开" in body
    assert (
        client.get(reverse("documents:detail", args=[str(doc.pk)])).status_code == 200
    )
    print_view = client.get(doc.get_absolute_url() + "?print=1").content.decode()
    assert "print-view" in print_view


def test_each_document_page_shows_its_own_title_crumb_and_print_mark(client):
    # The frame is kept (common.kept.kept_page): two documents, each as printed
    # and not, in turn, each with its own title, 当前位置 and robots mark only
    # when printed.
    long = "关于" + "进一步加强产品质量监督抽查工作" * 3 + "的通知"
    docs = [
        DocumentFactory(published=True, publish_at=_now(), title=t)
        for t in ("第一份<文件>", long)
    ]
    for printed in ("", "?print=1", "", "?print=1"):
        for doc in docs:
            body = client.get(doc.get_absolute_url() + printed).content.decode()
            title = doc.title.replace("<", "&lt;").replace(">", "&gt;")
            assert f"<title>{title} - " in body
            crumb = Truncator(title).chars(40)  # as truncatechars:40 did
            assert f'<span aria-current="page" lang="zh-CN">{crumb}</span>' in body
            assert ('name="robots" content="noindex"' in body) == bool(printed)


def test_draft_document_is_not_public(client, docs):
    assert client.get(docs["draft"].get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("documents:detail", args=["no/such-1"])).status_code == 404
    )


def test_repealed_document_carries_a_banner_naming_the_repeal(client, docs):
    old = docs["plan"]
    new = DocumentFactory(published=True, publish_at=_now(), title="关于废止部分文件的决定",
                          doc_number="闽质监〔2026〕3号")  # fmt: skip
    Relation.objects.create(source=new, target=old, kind="repeals", created_at=_now())
    old.validity, old.validity_changed_on = "repealed", dt.date(2026, 3, 1)
    old.save()
    body = client.get(old.get_absolute_url()).content.decode()
    assert "validity-banner" in body and "本文件已废止" in body
    assert "关于废止部分文件的决定" in body and "2026-03-01" in body
    back = client.get(new.get_absolute_url()).content.decode()
    assert "政务公开工作实施方案" in back  # the relation is shown both ways


def test_document_page_query_count_is_bounded(
    client, docs, django_assert_max_num_queries
):
    from gongkai.documents.models import Attachment
    from gongkai.publishing.caching import page_token

    old, now = docs["joint"], _now()
    repeal = DocumentFactory(published=True, publish_at=now, title="废止决定")
    amended = DocumentFactory(published=True, publish_at=now, title="被修改的办法")
    Relation.objects.create(source=repeal, target=old, kind="repeals", created_at=now)
    Relation.objects.create(source=old, target=amended, kind="amends", created_at=now)
    Relation.objects.create(
        source=old, target=docs["draft"], kind="amends", created_at=now
    )
    old.validity, old.validity_changed_on = "repealed", dt.date(2026, 3, 1)
    old.save()
    InterpretationFactory(policy=old, status=Status.PUBLISHED, publish_at=now,
                          title="图解整治通知")  # fmt: skip
    Attachment.objects.create(document=old, file="documents/2026/a.pdf",
                              name="整治方案.pdf", content_type="application/pdf",
                              size=1024, created_at=now)  # fmt: skip
    page_token()  # current: the page costs the token's read and its render
    # token, document, issuers, relations (both ways and the banner's),
    # interpretations, attachments (the last four together on PostgreSQL)
    with django_assert_max_num_queries(3 if connection.vendor == "postgresql" else 6):
        body = client.get(old.get_absolute_url()).content.decode()
    for shown in (
        "福建省公安厅",
        "废止决定",
        "被修改的办法",
        "图解整治通知",
        "整治方案.pdf",
    ):
        assert shown in body
    assert "本文件已废止" in body and "尚未发布的草稿" not in body


def test_a_related_draft_published_later_renews_the_page(client, docs):
    """The page loads its relations' other sides, hidden ones too, so their
    publication marks it stale (dependency tags), and shows only public ones."""
    old, draft = docs["plan"], docs["draft"]
    Relation.objects.create(source=old, target=draft, kind="amends", created_at=_now())
    url = old.get_absolute_url()
    assert draft.title not in client.get(url).content.decode()
    assert client.get(url).status_code == 200  # now answered by the page cache
    draft.status, draft.publish_at = Status.PUBLISHED, _now()
    draft.save()  # as publishing does: the row's tags are marked
    assert draft.title in client.get(url).content.decode()


def test_expired_document_banner(client, docs):
    body = client.get(docs["expired"].get_absolute_url()).content.decode()
    assert "本文件已失效" in body and "2020-01-01" in body


def test_interpretation_linked_both_ways(client, docs):
    doc = docs["plan"]
    item = InterpretationFactory(policy=doc, status=Status.PUBLISHED, publish_at=_now())
    assert (
        item.get_absolute_url() in client.get(doc.get_absolute_url()).content.decode()
    )
    page = client.get(item.get_absolute_url()).content.decode()
    assert doc.get_absolute_url() in page
    draft = InterpretationFactory(policy=doc)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_column_pages_and_feeds(client, docs):
    column = ColumnFactory(slug="zcwj", name="政策文件")
    docs["plan"].columns.add(column)
    page = client.get(column.get_absolute_url()).content.decode()
    assert "政务公开工作实施方案" in page and "电动自行车" not in page
    atom = client.get(reverse("documents:column-atom", args=["zcwj"]))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "政务公开工作实施方案" in atom.content.decode()
    rss = client.get(reverse("documents:feed-rss")).content.decode()
    assert "<rss" in rss and "电动自行车专项整治通知" in rss and "尚未发布" not in rss
    assert client.get(reverse("documents:column", args=["none"])).status_code == 404
    assert (
        client.get(reverse("documents:column-atom", args=["none"])).status_code == 404
    )
    assert "政策文件" in client.get(reverse("documents:column-list")).content.decode()
    export = client.get(
        reverse("api:documents-api:document-list"), {"column": "zcwj", "format": "csv"}
    )
    assert "政务公开工作实施方案" in export.content.decode("utf-8-sig")
    assert "电动自行车" not in export.content.decode("utf-8-sig")


def test_sitemap_lists_public_documents_only(client, docs):
    body = client.get(reverse("documents:sitemap")).content.decode()
    assert docs["plan"].index_number in body
    assert docs["draft"].index_number not in body


def test_dcat_catalogue_is_json_ld(client):
    response = client.get(reverse("documents:dcat"))
    data = json.loads(response.content)
    assert data["@type"] == "dcat:Catalog"
    formats = {d["dct:format"] for d in data["dcat:dataset"][0]["dcat:distribution"]}
    assert formats == {"JSON", "CSV", "XLSX"}


def test_guide_and_annual_reports(client):
    assert client.get(reverse("documents:guide")).status_code == 404  # not written yet
    response = client.get(reverse("documents:annual-reports"))
    assert (response.status_code, response["Location"]) == (302, reverse("foi:reports"))
    assert client.get(reverse("foi:reports")).status_code == 200


def test_catalogue_etag_changes_when_a_window_opens(client):
    start = timezone.now()
    DocumentFactory(published=True, publish_at=_now(), title="已发布文件")
    DocumentFactory(
        published=True,
        publish_at=start + dt.timedelta(seconds=30),
        title="定时发布文件",
    )
    with time_machine.travel(start, tick=False):
        first = client.get(reverse("documents:catalogue"))
        assert "定时发布文件" not in first.content.decode()
        again = client.get(
            reverse("documents:catalogue"), HTTP_IF_NONE_MATCH=first["ETag"]
        )
        assert again.status_code == 304
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        # The window opened: nothing was written, time alone changes the page.
        third = client.get(
            reverse("documents:catalogue"), HTTP_IF_NONE_MATCH=first["ETag"]
        )
        assert third.status_code == 200 and "定时发布文件" in third.content.decode()


def test_catalogue_facets_are_cached_until_the_catalogue_changes(
    client, django_assert_max_num_queries
):
    from django.core.cache import cache

    cache.clear()
    DocumentFactory(published=True, publish_at=_now(), written_on=dt.date(2024, 1, 5))
    first = client.get(reverse("documents:catalogue")).content.decode()
    assert "2024（1）" in first
    with django_assert_max_num_queries(6):  # state, count, rows, issuers, issuer name
        client.get(reverse("documents:catalogue"), {"page": "1"})
    DocumentFactory(published=True, publish_at=_now(), written_on=dt.date(2024, 2, 5))
    assert "2024（2）" in client.get(reverse("documents:catalogue")).content.decode()


def test_catalogue_and_search_in_english(client, docs):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("documents:catalogue")).content.decode()
    assert "Government information catalogue" in body and "3 documents" in body
    page = client.get(docs["expired"].get_absolute_url()).content.decode()
    assert "This document: Expired" in page
    search = client.get(reverse("search:search"), {"q": "公开"}).content.decode()
    assert "Site search" in search
