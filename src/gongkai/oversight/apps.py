from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "gongkai.oversight"
    verbose_name = "公开监督检查"
