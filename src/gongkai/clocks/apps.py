from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "gongkai.clocks"
    verbose_name = "法定时限"

    def ready(self) -> None:
        from gongkai.common.signals import rule_value_changed

        from .recompute import rule_value_changed_recompute

        rule_value_changed.connect(
            rule_value_changed_recompute, dispatch_uid="clocks.rule_changed"
        )
