from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import ACTIVITY, FINDINGS, TABLE2, TIMELINESS
from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    MenuEntry,
    Module,
    SearchSource,
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
        public_menu=[MenuEntry(_("政府信息公开"), "documents:catalogue", 10)],
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
            CacheWatch(m.Document, window=window),
            CacheWatch(m.Interpretation, window=window),
            *[CacheWatch(model) for model in catalogue],
            CacheWatch(m.Document.columns.through, m2m=True),
        ],
        figures={
            TABLE2: table2_documents,
            FINDINGS: document_findings,
            TIMELINESS: document_timeliness,
            ACTIVITY: publications_by_column,
        },
        commands=["documents"],
        demo="gongkai.documents.demo",
    )
