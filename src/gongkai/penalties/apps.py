from django.apps import AppConfig


class PenaltiesConfig(AppConfig):
    name = "gongkai.penalties"
    verbose_name = "行政处罚公示"
