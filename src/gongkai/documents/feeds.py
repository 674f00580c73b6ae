"""Machine-readable views: Atom/RSS per column, sitemap.xml, DCAT JSON-LD catalogue."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from gongkai.common.modules import modules
from gongkai.publishing.selectors import page_list_public
from gongkai.search.selectors import entry_urls_public

from . import selectors as sel
from .models import Column, Document

FEED_ITEMS = 50
SITEMAP_LIMIT = 50_000  # sitemaps.org: at most 50,000 URLs per file


class CatalogueRss(Feed):  # type: ignore[type-arg]
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, slug: str = "") -> Column | None:
        if not slug:
            return None
        column = sel.columns_public().filter(slug=slug).first()
        if column is None:
            raise Http404
        return column

    def title(self, obj: Column | None) -> str:
        name = obj.name if obj else _("政府信息公开目录")
        return f"{settings.GONGKAI_ORG_NAME} · {name}"

    def link(self, obj: Column | None) -> str:
        return obj.get_absolute_url() if obj else reverse("documents:catalogue")

    def description(self, obj: Column | None) -> str:
        return (obj.description if obj else "") or _("最新公开的政策文件")

    def items(self, obj: Column | None) -> Any:
        filters = sel.CatalogueFilters(column=obj.slug if obj else "")
        return sel.document_list_public(now=timezone.now(), filters=filters)[
            :FEED_ITEMS
        ]

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        parts = [item.doc_number, "、".join(item.issuer_names()), item.summary]
        return " · ".join(p for p in parts if p)

    def item_link(self, item: Document) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Document) -> dt.datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Document) -> dt.datetime:
        return item.updated_at

    def item_guid(self, item: Document) -> str:
        return item.index_number


class CatalogueAtom(CatalogueRss):
    feed_type = Atom1Feed
    subtitle = CatalogueRss.description


def sitemap(request: HttpRequest) -> HttpResponse:
    """sitemap.xml of the site: the home page, every module's list page in the
    public menu, the catalogue's columns, content pages, public documents, and
    every other published item the search finds (penalties, guides, budgets,
    replies ...), each URL once, at most ``SITEMAP_LIMIT``."""
    now = timezone.now()
    base = request.build_absolute_uri("/")[:-1]
    urls: list[tuple[str, dt.datetime | None]] = [
        (reverse("portal:home"), None),
        (reverse("documents:catalogue"), None),
    ]
    urls += [
        (reverse(entry.url_name), None)
        for module in modules()
        for entry in module.public_menu
    ]
    urls += [(c.get_absolute_url(), None) for c in sel.columns_public()]
    urls += [(p.get_absolute_url(), p.updated_at) for p in page_list_public(now=now)]
    documents = (
        Document.objects.visible(now)  # type: ignore[attr-defined]
        .order_by("-publish_at")
        .values_list("index_number", "updated_at")[:SITEMAP_LIMIT]
    )
    urls += [
        (reverse("documents:detail", kwargs={"key": key}), updated)
        for key, updated in documents
    ]
    urls += entry_urls_public(now=now, limit=SITEMAP_LIMIT)
    seen: set[str] = set()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for url, updated in urls:
        if url in seen or not url.startswith("/") or len(seen) == SITEMAP_LIMIT:
            continue
        seen.add(url)
        lastmod = f"<lastmod>{updated.date().isoformat()}</lastmod>" if updated else ""
        lines.append(f"<url><loc>{escape(base + url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines), content_type="application/xml; charset=utf-8")


def dcat_catalogue(request: HttpRequest) -> HttpResponse:
    """A DCAT (W3C Data Catalog Vocabulary) description of the open datasets, JSON-LD."""
    base = request.build_absolute_uri("/")[:-1]
    api = base + reverse("api:documents-api:document-list")
    publisher = {"@type": "foaf:Organization", "foaf:name": settings.GONGKAI_ORG_NAME}
    distributions = [
        {
            "@type": "dcat:Distribution",
            "dcat:accessURL": f"{api}?format={fmt}",
            "dcat:mediaType": media,
            "dct:format": fmt.upper(),
        }
        for fmt, media in (
            ("json", "application/json"),
            ("csv", "text/csv"),
            (
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        )
    ]
    datasets = [
        {
            "@type": "dcat:Dataset",
            "@id": base + reverse("documents:catalogue"),
            "dct:title": _("政府信息公开目录"),
            "dct:description": _(
                "主动公开的政策文件及其索引号、文号、发文机关、成文日期、有效性。"
            ),
            "dct:publisher": publisher,
            "dct:language": "zh",
            "dcat:keyword": [_("政务公开"), _("政策文件")],
            "dcat:landingPage": base + reverse("documents:catalogue"),
            "dcat:distribution": distributions,
        },
        {
            "@type": "dcat:Dataset",
            "@id": base + reverse("search:search"),
            "dct:title": _("站内搜索接口"),
            "dct:publisher": publisher,
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dcat:accessURL": base + reverse("api:search-api:search"),
                    "dcat:mediaType": "application/json",
                }
            ],
        },
    ]
    body = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@type": "dcat:Catalog",
        "@id": base + reverse("documents:dcat"),
        "dct:title": _("%s 开放数据目录") % settings.GONGKAI_ORG_NAME,
        "dct:publisher": publisher,
        "dcat:dataset": datasets,
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
