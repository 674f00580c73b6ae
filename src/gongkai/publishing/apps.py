from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    verbose_name = "发布与审核"

    def ready(self) -> None:
        from . import registry
        from .models import Page

        registry.register(Page, label="网页内容", edit_url_name="workbench:page-edit")
