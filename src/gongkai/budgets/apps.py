from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "gongkai.budgets"
    verbose_name = "部门预决算公开"
