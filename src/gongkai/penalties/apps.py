from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenaltiesConfig(AppConfig):
    name = "gongkai.penalties"
    verbose_name = "行政处罚公示"

    def ready(self) -> None:
        from gongkai.portal import menu
        from gongkai.publishing import registry

        from .models import Penalty
        from .search import register as register_search

        registry.register(
            Penalty, label="行政处罚", edit_url_name="penalties-staff:penalty-edit"
        )
        register_search()
        menu.add_public(_("行政处罚公示"), "penalties:penalty-list", order=40)
        menu.add_staff(_("行政处罚"), "penalties-staff:penalty-list", order=40)
