"""Consultations on drafts (征求意见), their comments and feedback reports (RULES §10)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models import Publishable

from .. import consultation_rules as cr
from ..choices import CommentStatus, FeedbackOutcome

__all__ = [
    "ConsultationComment",
    "FeedbackItem",
    "FeedbackReport",
    "PublicConsultation",
]


class PublicConsultation(Publishable):
    """A draft put to the public for comment during [open_at, close_at)."""

    review_fields: ClassVar[tuple[str, ...]] = (
        "title",
        "explanation",
        "shortened_reason",
    )

    title = models.CharField(_("标题"), max_length=300)
    explanation = models.TextField(_("起草说明"))
    # The draft: a catalogue document by id and/or a link, or an attached file.
    # Domain modules are independent, so the document is referenced, not joined.
    draft_document_id = models.PositiveIntegerField(
        _("草案在公开目录中的编号"), null=True, blank=True
    )
    draft_url = models.CharField(_("草案链接"), max_length=500, blank=True)
    draft_file = models.FileField(
        _("草案附件"), upload_to="participation/drafts/%Y/", blank=True
    )
    open_at = models.DateTimeField(_("开始时间"))
    close_at = models.DateTimeField(_("截止时间"))
    shortened_reason = models.CharField(
        _("缩短期限的理由"),
        max_length=500,
        blank=True,
        help_text=_(
            "期限少于30日的必须填写，并向社会公开（重大行政决策程序暂行条例 第十五条）。"
        ),
    )
    channels = models.TextField(
        _("其他提交意见的方式"),
        blank=True,
        help_text=_("如电子邮箱、通信地址、传真；网上提交无需填写。"),
    )
    publish_comments = models.BooleanField(_("公开经审核的意见"), default=False)
    hearing_at = models.DateTimeField(_("听证会时间"), null=True, blank=True)
    hearing_place = models.CharField(_("听证会地点"), max_length=200, blank=True)
    hearing_materials_at = models.DateTimeField(
        _("听证材料公布时间"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("提前截止时间"), null=True, blank=True)
    close_note = models.CharField(_("提前截止说明"), max_length=500, blank=True)
    final_document_url = models.CharField(_("正式文件链接"), max_length=500, blank=True)

    class Meta:
        ordering = ["-open_at", "-id"]
        # publishing.caching asks each window column for its next value after now
        indexes = [
            models.Index(fields=["publish_at"], name="consultation_publish_at"),
            models.Index(fields=["unpublish_at"], name="consultation_unpublish_at"),
            models.Index(fields=["open_at"], name="consultation_open_at"),
            models.Index(fields=["close_at"], name="consultation_close_at"),
        ]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:consultation-detail", kwargs={"pk": self.pk})

    @property
    def ends_at(self) -> dt.datetime:
        return cr.effective_close(self.close_at, self.closed_at)

    def phase(self, now: dt.datetime | None = None) -> str:
        return cr.phase(
            open_at=self.open_at,
            close_at=self.close_at,
            closed_at=self.closed_at,
            now=now or timezone.now(),
        )

    @property
    def shortened(self) -> bool:
        return cr.is_shortened(self.open_at, self.close_at)


class ConsultationComment(models.Model):
    """One comment from the public; shown (masked) only once approved, and only when
    the consultation publishes its comments."""

    consultation = models.ForeignKey(
        PublicConsultation, on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("称呼（可选，公开显示）"), max_length=60, blank=True)
    contact = models.CharField(
        _("联系方式（可选，不公开）"), max_length=100, blank=True
    )
    topic = models.CharField(_("涉及条款或方面（可选）"), max_length=100, blank=True)
    body = models.TextField(_("意见内容"))
    masked_body = models.TextField(_("公开文本（已隐去个人信息）"))
    status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moderation_note = models.CharField(_("审核说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")

    def __str__(self) -> str:
        return f"{self.consultation_id}#{self.pk}"


class FeedbackReport(Publishable):
    """意见采纳情况反馈: what was received and how it was adopted, by topic."""

    review_fields: ClassVar[tuple[str, ...]] = ("title", "summary", "items_text")

    consultation = models.OneToOneField(
        PublicConsultation,
        on_delete=models.PROTECT,
        related_name="feedback",
        verbose_name=_("征求意见"),
    )
    title = models.CharField(_("标题"), max_length=300)
    summary = models.TextField(_("总体情况"))
    received_count = models.PositiveIntegerField(_("收到意见（条）"), default=0)

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["publish_at"], name="feedback_publish_at"),
            models.Index(fields=["unpublish_at"], name="feedback_unpublish_at"),
        ]
        verbose_name = _("意见采纳情况反馈")
        verbose_name_plural = _("意见采纳情况反馈")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:feedback-detail", kwargs={"pk": self.pk})

    @property
    def items_text(self) -> str:
        """The items as one text, for the pre-publication checks."""
        return "\n".join(f"{i.topic} {i.opinion} {i.reason}" for i in self.items.all())


class FeedbackItem(models.Model):
    report = models.ForeignKey(
        FeedbackReport, on_delete=models.CASCADE, related_name="items"
    )
    topic = models.CharField(_("主题或条款"), max_length=100)
    opinion = models.TextField(_("意见摘要"))
    count = models.PositiveIntegerField(_("意见数（条）"), default=1)
    outcome = models.CharField(
        _("采纳情况"), max_length=12, choices=FeedbackOutcome.choices
    )
    reason = models.TextField(_("理由"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["topic", "order", "id"]
        verbose_name = _("意见采纳情况")
        verbose_name_plural = _("意见采纳情况")

    def __str__(self) -> str:
        return self.topic
