from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    verbose_name = "发布与审核"

    def ready(self) -> None:
        from . import caching

        # Renew the page-cache token on every change of a declared model.
        caching.connect_all()
