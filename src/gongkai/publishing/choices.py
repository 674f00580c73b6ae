from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Action(models.TextChoices):
    SUBMIT = "submit", _("提交审核")
    REJECT = "reject", _("退回修改")
    APPROVE = "approve", _("审核通过")
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤回")
    REOPEN = "reopen", _("重新编辑")


class WordLevel(models.TextChoices):
    BLOCK = "block", _("禁止发布")
    WARN = "warn", _("提示确认")
