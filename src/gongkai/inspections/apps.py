from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "gongkai.inspections"
    verbose_name = "双随机一公开"
