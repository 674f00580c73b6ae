"""Code lists of registers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldKind(models.TextChoices):
    TEXT = "text", _("文本")
    LONGTEXT = "longtext", _("长文本")
    DATE = "date", _("日期")
    USCC = "uscc", _("统一社会信用代码")
    MONEY = "money", _("金额（元）")
    ENUM = "enum", _("枚举")
    FILE = "file", _("附件")
    LINK = "link", _("链接")
