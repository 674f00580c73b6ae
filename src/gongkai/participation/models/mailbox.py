"""The public mailbox (留言 / 咨询 / 投诉建议): messages, their transfers, and imports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.common.importing import ImportRowErrorBase, ImportRunBase

__all__ = [
    "Message",
    "MessageCategory",
    "MessageImportRowError",
    "MessageImportRun",
    "MessageStatus",
    "MessageTransfer",
    "Satisfaction",
]


class MessageCategory(models.TextChoices):
    CONSULT = "consult", _("咨询")
    COMPLAINT = "complaint", _("投诉")
    SUGGESTION = "suggestion", _("建议")


class MessageStatus(models.TextChoices):
    RECEIVED = "received", _("办理中")
    ANSWERED = "answered", _("已答复")
    INVALID = "invalid", _("无效留言")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Message(models.Model):
    """A message to the bureau or one of its departments; the writer chose whether
    it may be shown publicly once answered."""

    tracking_number = models.CharField(_("留言编号"), max_length=20, unique=True)
    query_code_hash = models.CharField(max_length=64, blank=True)
    category = models.CharField(
        _("类别"), max_length=12, choices=MessageCategory.choices
    )
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("留言内容"))
    name = models.CharField(_("姓名"), max_length=60)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    is_public = models.BooleanField(_("同意公开"), default=True)
    # A public page of this site the message is about (?about=, e.g. a power-list item)
    about = models.CharField(_("涉及页面"), max_length=300, blank=True)
    # None: the bureau as a whole (the openness office assigns it)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("办理处室"),
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=MessageStatus.choices,
        default=MessageStatus.RECEIVED,
        db_index=True,
    )
    received_at = models.DateTimeField(_("收到时间"), db_index=True)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("答复人"),
    )
    invalid_reason = models.CharField(_("无效原因"), max_length=300, blank=True)
    satisfaction = models.CharField(
        _("满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    satisfaction_note = models.CharField(_("评价说明"), max_length=500, blank=True)
    satisfaction_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    imported = models.BooleanField(_("历史导入"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        indexes = [models.Index(fields=["is_public", "status", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("participation:message-detail", args=[self.tracking_number])


class MessageTransfer(models.Model):
    """An assignment or a transfer of a message between departments."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="transfers"
    )
    from_department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("原处室"),
    )
    to_department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("转至处室"),
    )
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("留言转办")
        verbose_name_plural = _("留言转办")

    def __str__(self) -> str:
        return f"{self.message_id} → {self.to_department_id}"


class MessageImportRun(ImportRunBase):
    """One spreadsheet import of historical messages and proposals."""

    class Meta(ImportRunBase.Meta):
        verbose_name = _("留言建议导入记录")
        verbose_name_plural = _("留言建议导入记录")


class MessageImportRowError(ImportRowErrorBase):
    run = models.ForeignKey(
        MessageImportRun, on_delete=models.CASCADE, related_name="errors"
    )

    class Meta(ImportRowErrorBase.Meta):
        pass
