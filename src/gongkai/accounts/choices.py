from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("处室工作人员")
    REVIEWER = "reviewer", _("公开办审核人员")
    ADMIN = "admin", _("系统管理员")
    AUDITOR = "auditor", _("审计人员（只读）")
