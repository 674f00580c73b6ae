from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = "站内搜索"

    def ready(self) -> None:
        from . import registry

        # Index every declared source's rows on save and delete.
        registry.connect_all()
