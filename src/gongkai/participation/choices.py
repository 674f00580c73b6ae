"""Status values of participation (consultations and meetings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import consultation_rules as cr


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("未通过")


class FeedbackOutcome(models.TextChoices):
    ADOPTED = cr.ADOPTED, _("采纳")
    PARTLY = cr.PARTLY, _("部分采纳")
    NOT_ADOPTED = cr.NOT_ADOPTED, _("未采纳")


class Phase(models.TextChoices):
    UPCOMING = cr.UPCOMING, _("未开始")
    OPEN = cr.OPEN, _("正在征求意见")
    CLOSED = cr.CLOSED, _("已截止")
