from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.common.models import RuleValue
        from gongkai.documents import caching
        from gongkai.portal.menu import add_public, add_staff

        from .models import AnnualReportDraft
        from .permissions import can_edit_report

        # Public pages: the published reports, and the fee rules the guide shows.
        caching.watch(AnnualReportDraft)
        caching.watch(RuleValue)

        add_public(_("依申请公开"), "foi:guide", order=40)
        add_public(_("年度报告"), "foi:reports", order=41)
        add_staff(_("依申请公开"), "foi-staff:list", order=40)
        add_staff(_("年度报告"), "foi-staff:report", order=41, visible=can_edit_report)
