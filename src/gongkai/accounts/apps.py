from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = "账户与处室"

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the lockout notice)
