from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import FINDINGS
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

from .actions import SERVICE_ACTIONS
from .findings import guide_findings
from .importing import govservices_import_stored
from .models import (
    Adjustment,
    ImportRun,
    IntermediaryService,
    Material,
    PowerItem,
    ServiceItem,
)
from .search import (
    intermediary_entry,
    intermediary_queryset,
    power_entry,
    power_queryset,
    service_entry,
    service_queryset,
)
from .selectors import intermediary_visible_to_staff, service_visible_to_staff


def _services() -> object:
    return ServiceItem.objects.visible(timezone.now()).only("pk")


def _print_url(item: ServiceItem) -> str:
    return reverse("govservices:service-print", args=[item.pk])


def _powers() -> object:
    # An item has a page once one of its adjustments took effect.
    today = timezone.localdate()
    listed = PowerItem.objects.filter(adjustments__effective_on__lte=today)
    return listed.distinct().only("pk", "code")


FILTERS = ("q", "department", "theme", "audience", "level", "page")
# The anonymous pages. Dynamic, not declared: the materials list as CSV or Excel and
# a material's blank form or sample (downloads, with Content-Disposition, that a
# static file would lose). The power pages without a date are the list in force: an
# adjustment taking effect marks them (``CacheWatch(from_day=…)``).
PAGES = [
    PublicPages("govservices:service-list", params=FILTERS, shows=(ServiceItem,)),
    PublicPages("govservices:service-feed", shows=(ServiceItem,)),
    PublicPages("govservices:intermediary-list", shows=(IntermediaryService,)),
    PublicPages("govservices:service-detail", each=_services, item=ServiceItem),
    PublicPages(
        "govservices:service-print", each=_services, item=ServiceItem, url=_print_url
    ),
    PublicPages("govservices:power-list", params=("on", "type"), shows=(Adjustment,)),
    PublicPages("govservices:power-diff", params=("from", "to"), shows=(Adjustment,)),
    PublicPages("govservices:power-feed", shows=(Adjustment, PowerItem)),
    PublicPages("govservices:licensing", params=("on",), shows=(Adjustment,)),
    PublicPages("govservices:power-detail", each=_powers, item=PowerItem),
    api_list(
        "api:govservices-api:service-list",
        params=("q", "department", "theme", "audience", "level"),
        shows=(ServiceItem,),
    ),
]


def declare() -> Module:
    return Module(
        name="govservices",
        prefix="services",  # /workbench/services/, /api/v1/services/
        public_urls="gongkai.govservices.urls",
        staff_urls="gongkai.govservices.staff_urls",
        api_urls="gongkai.govservices.api_urls",
        more_api_urls={"powers": "gongkai.govservices.api_power_urls"},
        public_menu=[
            MenuEntry(_("政务服务"), "govservices:service-list", 45),
            MenuEntry(_("权责清单"), "govservices:power-list", 46),
        ],
        staff_menu=[MenuEntry(_("政务服务"), "govservices-staff:service-list", 45)],
        content=[
            ContentKind(
                ServiceItem,
                _("办事指南"),
                "govservices-staff:service-edit",
                staff_queryset=service_visible_to_staff,
                actions=SERVICE_ACTIONS,
            ),
            ContentKind(
                IntermediaryService,
                _("中介服务事项"),
                "govservices-staff:intermediary-edit",
                staff_queryset=intermediary_visible_to_staff,
            ),
        ],
        search=[
            SearchSource(ServiceItem, _("办事指南"), service_queryset, service_entry),
            SearchSource(PowerItem, _("权责清单"), power_queryset, power_entry),
            SearchSource(
                IntermediaryService,
                _("中介服务事项"),
                intermediary_queryset,
                intermediary_entry,
            ),
        ],
        cache=[
            CacheWatch(ServiceItem, window=("publish_at", "unpublish_at")),
            CacheWatch(Material, parents=("service",)),
            CacheWatch(PowerItem),
            CacheWatch(Adjustment, parents=("item",), from_day="effective_on"),
            CacheWatch(IntermediaryService, window=("publish_at", "unpublish_at")),
        ],
        pages=PAGES,
        imports=[ImportKind(ImportRun, govservices_import_stored)],
        figures={FINDINGS: guide_findings},
        commands=["govservices"],
        demo="gongkai.govservices.demo",
    )
