from django.urls import path

from gongkai.publishing.pagecache import public_page

from . import feeds, views_public

app_name = "documents"
urlpatterns = [
    path("xxgk/", views_public.catalogue, name="catalogue"),
    path(
        "xxgk/download.<str:fmt>",
        views_public.catalogue_download,
        name="catalogue-download",
    ),
    path("xxgk/guide/", views_public.guide, name="guide"),
    path("xxgk/annual-reports/", views_public.annual_reports, name="annual-reports"),
    path("xxgk/feed.atom", public_page(feeds.CatalogueAtom()), name="feed-atom"),
    path("xxgk/feed.rss", public_page(feeds.CatalogueRss()), name="feed-rss"),
    path("xxgk/catalog.jsonld", public_page(feeds.dcat_catalogue), name="dcat"),
    path("columns/", views_public.column_list, name="column-list"),
    path("columns/<slug:slug>/", views_public.column, name="column"),
    path(
        "columns/<slug:slug>/feed.atom",
        public_page(feeds.CatalogueAtom()),
        name="column-atom",
    ),
    path(
        "columns/<slug:slug>/feed.rss",
        public_page(feeds.CatalogueRss()),
        name="column-rss",
    ),
    path(
        "xxgk/interpretations/",
        views_public.interpretation_list,
        name="interpretation-list",
    ),
    path(
        "documents/interpretations/<int:pk>/",
        views_public.interpretation,
        name="interpretation",
    ),
    path(
        "documents/interpretations/media/<int:pk>/",
        views_public.interpretation_media,
        name="interpretation-media",
    ),
    path("documents/attachments/<int:pk>/", views_public.attachment, name="attachment"),
    path("documents/<path:key>/", views_public.detail, name="detail"),
    path("sitemap.xml", public_page(feeds.sitemap), name="sitemap"),
]
