from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "gongkai.registers"
    verbose_name = "公开名录"
