from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    BUDGET = "budget", _("部门预算")
    FINAL = "final", _("部门决算")
