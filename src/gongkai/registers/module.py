from django.utils.translation import gettext_lazy as _

from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    ImportKind,
    MenuEntry,
    Module,
    PublicPages,
    SearchSource,
)

from .importing import register_import_stored
from .models import Entry, EntryFile, ImportRun, Register, RegisterField
from .search import entry_entry, entry_queryset
from .selectors import entries_visible_to_staff


def _registers() -> object:
    return Register.objects.filter(is_active=True)


def _entries() -> object:
    from django.utils import timezone

    return (
        Entry.objects.visible(timezone.now())
        .filter(register__is_active=True)
        .select_related("register")
        .only("pk", "register__slug")
    )


def _feed_url(register: Register) -> str:
    from django.urls import reverse

    return reverse("registers:register-feed", args=[register.slug])


PAGES = [
    PublicPages("registers:register-list", shows=(Register, Entry)),
    # Filters are the register's own fields (data): any query is kept in the key.
    PublicPages(
        "registers:register-detail",
        params=None,
        shows=(Entry, RegisterField, EntryFile),
        each=_registers,
        item=Register,
    ),
    PublicPages(
        "registers:register-feed",
        shows=(Entry,),
        each=_registers,
        item=Register,
        url=_feed_url,
    ),
    PublicPages("registers:entry-detail", each=_entries, item=Entry),
]


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
            CacheWatch(RegisterField, parents=("register",)),
            CacheWatch(EntryFile, parents=("entry",)),
        ],
        pages=PAGES,
        imports=[ImportKind(ImportRun, register_import_stored)],
        commands=["registers"],
        demo="gongkai.registers.demo",
    )
