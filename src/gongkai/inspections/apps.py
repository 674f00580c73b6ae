from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "gongkai.inspections"
    verbose_name = "双随机一公开"

    def ready(self) -> None:
        from gongkai.portal.menu import add_public, add_staff
        from gongkai.publishing import registry

        from .models import InspectionItem, InspectionPlan

        registry.register(
            InspectionItem,
            label="抽查事项",
            edit_url_name="inspections-staff:item-edit",
        )
        registry.register(
            InspectionPlan,
            label="年度抽查计划",
            edit_url_name="inspections-staff:plan-edit",
        )
        add_public(_("双随机一公开"), "inspections:index", 40)
        add_staff(_("双随机一公开"), "inspections-staff:home", 40)
