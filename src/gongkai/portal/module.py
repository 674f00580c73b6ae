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
            PublicPages("portal:page", each=_pages, item=Page),
        ],
    )
