from django.utils.translation import gettext_lazy as _

from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    ImportKind,
    MenuEntry,
    Module,
    SearchSource,
)

from .importing import register_import_stored
from .models import Entry, EntryFile, ImportRun, Register, RegisterField
from .search import entry_entry, entry_queryset
from .selectors import entries_visible_to_staff


def declare() -> Module:
    return Module(
        name="registers",
        public_urls="gongkai.registers.urls",
        staff_urls="gongkai.registers.staff_urls",
        api_urls="gongkai.registers.api_urls",
        public_menu=[MenuEntry(_("公开名录"), "registers:register-list", 45)],
        staff_menu=[MenuEntry(_("公开名录"), "registers-staff:index", 45)],
        content=[
            ContentKind(
                Entry,
                _("公开名录条目"),
                "registers-staff:entry-goto",
                staff_queryset=entries_visible_to_staff,
            )
        ],
        search=[SearchSource(Entry, _("公开名录"), entry_queryset, entry_entry)],
        # Public pages: every change, and each entry's window start and end.
        cache=[
            CacheWatch(Entry, window=("publish_at", "unpublish_at")),
            CacheWatch(Register),
            CacheWatch(RegisterField),
            CacheWatch(EntryFile),
        ],
        imports=[ImportKind(ImportRun, register_import_stored)],
        commands=["registers"],
        demo="gongkai.registers.demo",
    )
