from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import ACTIVITY, FINDINGS, TIMELINESS
from gongkai.common.models import RuleValue
from gongkai.common.modules import CacheWatch, MenuEntry, Module, PublicPages

from .clock_rules import CLOCK_RULES
from .models import AnnualReportDraft
from .oversight_figures import foi_findings, foi_outcomes, foi_timeliness
from .permissions import can_edit_report


def _reports() -> object:
    return AnnualReportDraft.objects.filter(published__isnull=False)


def _report_url(draft: AnnualReportDraft) -> str:
    from django.urls import reverse

    return reverse("foi:report", args=[draft.year])


PAGES = [
    # The fee calculator's fields: a quote is a page of its own (GET form).
    PublicPages(
        "foi:guide", params=("method", "quantity", "earlier"), shows=(RuleValue,)
    ),
    PublicPages("foi:reports", shows=(AnnualReportDraft,)),
    PublicPages("foi:report", each=_reports, item=AnnualReportDraft, url=_report_url),
]


def declare() -> Module:
    return Module(
        name="foi",
        public_urls="gongkai.foi.urls",
        staff_urls="gongkai.foi.staff_urls",
        api_urls="gongkai.foi.api_urls",
        public_menu=[
            MenuEntry(_("依申请公开"), "foi:guide", 40),
            MenuEntry(_("年度报告"), "foi:reports", 41),
        ],
        staff_menu=[
            MenuEntry(_("依申请公开"), "foi-staff:list", 40),
            MenuEntry(
                _("年度报告"),
                "foi-staff:report",
                41,
                visible=can_edit_report,
                group="report",
            ),
        ],
        # Public pages: the published reports, and the fee rules the guide shows.
        cache=[CacheWatch(AnnualReportDraft), CacheWatch(RuleValue)],
        pages=PAGES,
        clock_rules=CLOCK_RULES,
        figures={
            FINDINGS: foi_findings,
            TIMELINESS: foi_timeliness,
            ACTIVITY: foi_outcomes,
        },
        commands=["foi", "report"],
        demo="gongkai.foi.demo",
    )
