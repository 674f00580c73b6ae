from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    verbose_name = "公开目录"

    def ready(self) -> None:
        from gongkai.portal import menu
        from gongkai.publishing import registry as review
        from gongkai.search import registry as search

        from . import indexing, signals
        from .models import Document, Interpretation

        review.register(
            Document, label=_("政策文件"), edit_url_name="documents-staff:document-edit"
        )
        review.register(
            Interpretation,
            label=_("政策解读"),
            edit_url_name="documents-staff:interpretation-edit",
        )
        search.register(
            Document,
            label=_("政策文件"),
            queryset=indexing.document_queryset,
            entry=indexing.document_entry,
        )
        search.register(
            Interpretation,
            label=_("政策解读"),
            queryset=indexing.interpretation_queryset,
            entry=indexing.interpretation_entry,
        )
        signals.connect()
        menu.add_public(_("政府信息公开"), "documents:catalogue", order=10)
        menu.add_staff(_("政策文件"), "documents-staff:document-list", order=10)
