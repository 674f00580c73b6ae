"""The public shell's own pages: the home page and the content pages."""

from django.utils import timezone

from gongkai.common.modules import Module, PublicPages
from gongkai.publishing.models import Page

# The home page lists the latest documents, the columns and the content pages.
HOME_SHOWS = (
    "documents.document",
    "documents.documentissuer",
    "documents.column",
    "documents.topic",
    "documents.genre",
    "documents.document_columns",
    "publishing.page",
)


def _pages() -> object:
    return Page.objects.visible(timezone.now()).only("pk", "slug")


def declare() -> Module:
    return Module(
        name="portal",
        pages=[
            PublicPages("portal:home", shows=HOME_SHOWS),
            # A content page named "guide" redirects to the structured guide once
            # there is one (one guide, issue 19).
            PublicPages(
                "portal:page", each=_pages, item=Page, shows=("documents.guide",)
            ),
            # 政府信息公开 column and 网站地图: items resolved to the modules,
            # columns, registers and content pages that hold them.
            PublicPages(
                "portal:xxgk",
                shows=(
                    "publishing.page",
                    "documents.column",
                    "documents.guide",
                    "registers.register",
                ),
            ),
            PublicPages(
                "portal:sitemap", shows=("publishing.page", "documents.column")
            ),
        ],
    )
