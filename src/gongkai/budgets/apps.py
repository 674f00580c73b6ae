from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "gongkai.budgets"
    verbose_name = "部门预决算公开"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
