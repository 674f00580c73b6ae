from django.apps import AppConfig


class NoticesConfig(AppConfig):
    """A throw-away module, installed by the test settings only: it shows that a
    module is its own folder, one ``module.py`` and one line in INSTALLED_APPS."""

    name = "gongkai.common.tests.notices"
    label = "notices"
    verbose_name = "测试通知"
