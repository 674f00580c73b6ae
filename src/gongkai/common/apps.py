from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "gongkai.common"
    verbose_name = "公共"
