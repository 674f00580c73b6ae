from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenaltiesConfig(AppConfig):
    name = "gongkai.penalties"
    verbose_name = "行政处罚公示"

    def ready(self) -> None:
        from gongkai.common.importing import import_job_kind
        from gongkai.documents import caching
        from gongkai.portal import menu
        from gongkai.publishing import registry

        from .models import ImportRun, Penalty
        from .search import register as register_search

        registry.register(
            Penalty, label="行政处罚", edit_url_name="penalties-staff:penalty-edit"
        )
        register_search()
        # Public pages: every change, and the disclosure window's start and end.
        caching.watch(Penalty, window=("publish_at", "unpublish_at"))
        menu.add_public(_("行政处罚公示"), "penalties:penalty-list", order=40)
        menu.add_staff(_("行政处罚"), "penalties-staff:penalty-list", order=40)
        import_job_kind(ImportRun, process=_process_import)


def _process_import(**kwargs: Any) -> Any:
    from .importing import penalty_import_stored

    return penalty_import_stored(**kwargs)
