from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "gongkai.registers"
    verbose_name = "公开名录"

    def ready(self) -> None:
        from gongkai.portal import menu
        from gongkai.publishing import registry

        from .models import Entry
        from .search import register as register_search

        registry.register(
            Entry, label="公开名录条目", edit_url_name="registers-staff:entry-goto"
        )
        register_search()
        menu.add_public(_("公开名录"), "registers:register-list", order=45)
        menu.add_staff(_("公开名录"), "registers-staff:index", order=45)
