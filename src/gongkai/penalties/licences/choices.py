"""Code lists of the licensing decision (licences.rules)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LicenceCategory(models.TextChoices):
    """许可类别 (XK_XKLB); 行政许可法 第十二条."""

    GENERAL = "general", _("普通")
    FRANCHISE = "franchise", _("特许")
    RECOGNITION = "recognition", _("认可")
    APPROVAL = "approval", _("核准")
    REGISTRATION = "registration", _("登记")
    OTHER = "other", _("其他")
