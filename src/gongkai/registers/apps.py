from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "gongkai.registers"
    verbose_name = "公开名录"

    def ready(self) -> None:
        from gongkai.common.importing import import_job_kind
        from gongkai.documents import caching
        from gongkai.portal import menu
        from gongkai.publishing import registry

        from .models import Entry, EntryFile, ImportRun, Register, RegisterField
        from .search import register as register_search

        registry.register(
            Entry, label="公开名录条目", edit_url_name="registers-staff:entry-goto"
        )
        register_search()
        # Public pages: every change, and each entry's window start and end.
        caching.watch(Entry, window=("publish_at", "unpublish_at"))
        for model in (Register, RegisterField, EntryFile):
            caching.watch(model)
        menu.add_public(_("公开名录"), "registers:register-list", order=45)
        menu.add_staff(_("公开名录"), "registers-staff:index", order=45)
        import_job_kind(ImportRun, process=_process_import)


def _process_import(**kwargs: Any) -> Any:
    from .importing import register_import_stored

    return register_import_stored(**kwargs)
