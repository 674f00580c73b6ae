from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    verbose_name = "发布与审核"

    def ready(self) -> None:
        from . import caching, static

        # Mark the dependency tags of every change of a declared model; the
        # static tree follows the marks (``static.on_mark``).
        caching.connect_all()
        static.register()
