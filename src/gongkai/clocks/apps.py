from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "gongkai.clocks"
    verbose_name = "法定时限"
