from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import FINDINGS, TABLE2, TIMELINESS
from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    ImportKind,
    MenuEntry,
    Module,
    PublicPages,
    SearchSource,
    api_list,
)

from .actions import PENALTY_ACTIONS
from .clock_rules import CLOCK_RULES
from .importing import penalty_import_stored
from .licences.actions import LICENCE_ACTIONS
from .licences.importing import licence_import_stored
from .licences.search import licence_entry, licence_queryset
from .licences.selectors import licence_visible_to_staff
from .models import ImportRun, LicenceDecision, LicenceImportRun, Penalty
from .oversight_figures import penalty_findings, penalty_timeliness
from .report_figures import table2_penalties
from .search import penalty_entry, penalty_queryset
from .selectors import penalty_visible_to_staff


def _visible() -> object:
    from django.utils import timezone

    return Penalty.objects.visible(timezone.now()).only("pk")


def _visible_licences() -> object:
    from django.utils import timezone

    return LicenceDecision.objects.visible(timezone.now()).only("pk")


FILTERS = ("q", "type", "category", "authority", "date_from", "date_to", "page")
PAGES = [
    PublicPages("penalties:penalty-list", params=FILTERS, shows=(Penalty,)),
    PublicPages("penalties:penalty-detail", each=_visible, item=Penalty),
    PublicPages("penalties:penalty-feed", shows=(Penalty,)),
    # 行政许可 双公示 (licences/)
    PublicPages(
        "penalties:licence-list",
        params=("q", "category", "authority", "date_from", "date_to", "page"),
        shows=(LicenceDecision,),
    ),
    PublicPages(
        "penalties:licence-detail", each=_visible_licences, item=LicenceDecision
    ),
    PublicPages("penalties:licence-feed", shows=(LicenceDecision,)),
    # The API list, cached like a page for anonymous callers (never a file).
    api_list("api:penalties-api:penalty-list", params=FILTERS, shows=(Penalty,)),
]


def declare() -> Module:
    return Module(
        name="penalties",
        public_urls="gongkai.penalties.urls",
        staff_urls="gongkai.penalties.staff_urls",
        api_urls="gongkai.penalties.api_urls",
        public_menu=[MenuEntry(_("行政处罚公示"), "penalties:penalty-list", 40)],
        staff_menu=[
            MenuEntry(_("行政处罚"), "penalties-staff:penalty-list", 40),
            MenuEntry(_("行政许可"), "penalties-staff:licence-list", 41),
        ],
        content=[
            ContentKind(
                Penalty,
                _("行政处罚"),
                "penalties-staff:penalty-edit",
                staff_queryset=penalty_visible_to_staff,
                actions=PENALTY_ACTIONS,
            ),
            # 行政许可 双公示 (the licences sub-area).
            ContentKind(
                LicenceDecision,
                _("行政许可"),
                "penalties-staff:licence-edit",
                staff_queryset=licence_visible_to_staff,
                actions=LICENCE_ACTIONS,
            ),
        ],
        search=[
            SearchSource(Penalty, _("行政处罚"), penalty_queryset, penalty_entry),
            SearchSource(
                LicenceDecision, _("行政许可"), licence_queryset, licence_entry
            ),
        ],
        # Public pages: every change, and the disclosure window's start and end.
        cache=[
            CacheWatch(Penalty, window=("publish_at", "unpublish_at")),
            CacheWatch(LicenceDecision, window=("publish_at", "unpublish_at")),
        ],
        pages=PAGES,
        clock_rules=CLOCK_RULES,
        imports=[
            ImportKind(ImportRun, penalty_import_stored),
            ImportKind(LicenceImportRun, licence_import_stored),
        ],
        figures={
            TABLE2: table2_penalties,
            FINDINGS: penalty_findings,
            TIMELINESS: penalty_timeliness,
        },
        commands=["penalties"],
        demo="gongkai.penalties.demo",
    )
