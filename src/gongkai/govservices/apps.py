from django.apps import AppConfig


class GovservicesConfig(AppConfig):
    name = "gongkai.govservices"
    verbose_name = "政务服务"
