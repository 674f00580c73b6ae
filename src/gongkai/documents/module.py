from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import ACTIVITY, FINDINGS, TABLE2, TIMELINESS
from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    MenuEntry,
    Module,
    PublicPages,
    SearchSource,
    api_list,
)

from . import indexing
from . import models as m
from .actions import DOCUMENT_ACTIONS
from .oversight_figures import (
    document_findings,
    document_timeliness,
    publications_by_column,
)
from .report_figures import table2_documents
from .selectors import document_visible_to_staff, interpretation_visible_to_staff


def _documents() -> object:
    return m.Document.objects.visible(timezone.now()).only("pk", "index_number")


def _interpretations() -> object:
    now = timezone.now()
    return m.Interpretation.objects.visible(now).filter(
        policy__in=m.Document.objects.visible(now)
    )


def _columns() -> object:
    return m.Column.objects.filter(is_active=True)


def pages() -> list[PublicPages]:
    """The catalogue's anonymous pages and what each shows."""
    lists = (m.Document, m.DocumentIssuer, m.Topic, m.Genre, m.Issuer, m.Column)
    listing = (*lists, m.Document.columns.through)
    filters = ("topic", "genre", "issuer", "year", "validity", "column", "page")
    return [
        PublicPages("documents:catalogue", params=filters, shows=listing),
        PublicPages(
            "documents:detail", params=("print",), shows=(m.Topic, m.Genre),
            each=_documents, item=m.Document,
        ),
        PublicPages(
            "documents:interpretation", each=_interpretations, item=m.Interpretation
        ),
        PublicPages("documents:column-list", shows=(m.Column,)),
        PublicPages(
            "documents:interpretation-list",
            params=("page",),
            shows=(m.Interpretation, m.Document),
        ),
        PublicPages(
            "documents:column", params=("page",), shows=listing, each=_columns,
            item=m.Column,
        ),
        PublicPages("documents:guide", shows=(m.Guide, m.Topic, m.Genre, "publishing.page")),
        PublicPages("documents:feed-atom", shows=listing),
        PublicPages("documents:feed-rss", shows=listing),
        PublicPages("documents:dcat", shows=listing),
        PublicPages(
            "documents:column-atom", shows=listing, each=_columns, item=m.Column,
            url=lambda c: reverse("documents:column-atom", args=[c.slug]),
        ),
        PublicPages(
            "documents:column-rss", shows=listing, each=_columns, item=m.Column,
            url=lambda c: reverse("documents:column-rss", args=[c.slug]),
        ),
        # The whole site: every module's published items come from the search index.
        PublicPages(
            "documents:sitemap", shows=(*listing, "publishing.page", "search.searchentry")
        ),
        # The API list, cached like a page for anonymous callers (never a file).
        api_list("api:documents-api:document-list", params=filters, shows=listing),
    ]  # fmt: skip


def declare() -> Module:
    window = ("publish_at", "unpublish_at")
    catalogue = [
        m.DocumentIssuer, m.Relation, m.Attachment, m.Column, m.Topic, m.Genre,
        m.Issuer, m.Guide,
    ]  # fmt: skip
    return Module(
        name="documents",
        public_urls="gongkai.documents.urls",
        staff_urls="gongkai.documents.staff_urls",
        api_urls="gongkai.documents.api_urls",
        public_menu=[MenuEntry(_("公开目录"), "documents:catalogue", 10)],
        staff_menu=[MenuEntry(_("政策文件"), "documents-staff:document-list", 10)],
        content=[
            ContentKind(
                m.Document,
                _("政策文件"),
                "documents-staff:document-edit",
                staff_queryset=document_visible_to_staff,
                actions=DOCUMENT_ACTIONS,
            ),
            ContentKind(
                m.Interpretation,
                _("政策解读"),
                "documents-staff:interpretation-edit",
                staff_queryset=interpretation_visible_to_staff,
            ),
        ],
        search=[
            SearchSource(
                m.Document,
                _("政策文件"),
                indexing.document_queryset,
                indexing.document_entry,
            ),
            SearchSource(
                m.Interpretation,
                _("政策解读"),
                indexing.interpretation_queryset,
                indexing.interpretation_entry,
            ),
        ],
        cache=[
            CacheWatch(m.Document, window=window, day="valid_until"),
            CacheWatch(m.Interpretation, window=window, parents=("policy",)),
            CacheWatch(m.Relation, parents=("source", "target")),
            CacheWatch(m.Attachment, parents=("document",)),
            CacheWatch(m.DocumentIssuer, parents=("document",)),
            *[CacheWatch(model) for model in catalogue[3:]],
            CacheWatch(m.Document.columns.through, m2m=True),
        ],
        pages=pages(),
        figures={
            TABLE2: table2_documents,
            FINDINGS: document_findings,
            TIMELINESS: document_timeliness,
            ACTIVITY: publications_by_column,
        },
        commands=["documents"],
        demo="gongkai.documents.demo",
    )
