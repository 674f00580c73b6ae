from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import FINDINGS, TIMELINESS
from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    MenuEntry,
    Module,
    PublicPages,
    SearchSource,
    api_list,
)

from .actions import BUDGET_ACTIONS
from .clock_rules import CLOCK_RULES
from .models import BudgetRow, BudgetSet
from .oversight_figures import budget_findings, budget_timeliness
from .search import budget_entry, budget_queryset
from .selectors import budget_set_visible_to_staff, budget_sets_public
from .services import TABLESETS_TAG, tablesets_changed_mark


def _sets() -> object:
    return budget_sets_public(now=timezone.now()).only("pk", "year", "kind")


# The anonymous pages. A set's downloads (XLSX, CSV, the original file) stay
# dynamic: attachments generated per request, whose Content-Disposition a static
# file would lose.
PAGES = [
    PublicPages(
        "budgets:column",
        params=("year",),
        shows=(BudgetSet, BudgetRow, TABLESETS_TAG),
    ),
    PublicPages(
        "budgets:set-detail", each=_sets, item=BudgetSet, shows=(TABLESETS_TAG,)
    ),
    api_list("api:budgets-api:set-list", params=("year", "kind"), shows=(BudgetSet,)),
]


def declare() -> Module:
    return Module(
        name="budgets",
        public_urls="gongkai.budgets.urls",
        staff_urls="gongkai.budgets.staff_urls",
        api_urls="gongkai.budgets.api_urls",
        public_menu=[MenuEntry(_("预决算公开"), "budgets:column", 60)],
        staff_menu=[MenuEntry(_("预决算"), "budgets-staff:set-list", 60)],
        content=[
            ContentKind(
                BudgetSet,
                _("部门预决算"),
                "budgets-staff:set-edit",
                staff_queryset=budget_set_visible_to_staff,
                actions=BUDGET_ACTIONS,
            )
        ],
        search=[
            SearchSource(BudgetSet, _("部门预决算"), budget_queryset, budget_entry)
        ],
        cache=[
            CacheWatch(BudgetSet, window=("publish_at", "unpublish_at")),
            CacheWatch(BudgetRow, parents=("budget_set",)),
        ],
        pages=PAGES,
        clock_rules=CLOCK_RULES,
        figures={FINDINGS: budget_findings, TIMELINESS: budget_timeliness},
        commands=["budgets"],
        demo="gongkai.budgets.demo",
        ticks=[tablesets_changed_mark],
    )
