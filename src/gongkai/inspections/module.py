from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import FINDINGS, TIMELINESS
from gongkai.common.modules import ContentKind, MenuEntry, Module

from .clock_rules import CLOCK_RULES
from .models import InspectionItem, InspectionPlan
from .oversight_figures import inspection_findings, inspection_timeliness


def declare() -> Module:
    return Module(
        name="inspections",
        public_urls="gongkai.inspections.urls",
        staff_urls="gongkai.inspections.staff_urls",
        api_urls="gongkai.inspections.api_urls",
        public_menu=[MenuEntry(_("双随机一公开"), "inspections:index", 40)],
        staff_menu=[MenuEntry(_("双随机一公开"), "inspections-staff:home", 40)],
        content=[
            ContentKind(InspectionItem, _("抽查事项"), "inspections-staff:item-edit"),
            ContentKind(
                InspectionPlan, _("年度抽查计划"), "inspections-staff:plan-edit"
            ),
        ],
        clock_rules=CLOCK_RULES,
        figures={FINDINGS: inspection_findings, TIMELINESS: inspection_timeliness},
        commands=["inspections_import", "inspections_bundle", "inspections_verify"],
        demo="gongkai.inspections.demo",
    )
