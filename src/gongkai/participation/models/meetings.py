"""Open meetings (会议开放): agenda, invited public and media, streams, outcome."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models import Publishable

__all__ = ["OpenMeeting"]


class OpenMeeting(Publishable):
    review_fields: ClassVar[tuple[str, ...]] = (
        "title",
        "agenda",
        "participants",
        "outcome",
    )

    title = models.CharField(_("会议名称"), max_length=300)
    held_at = models.DateTimeField(_("会议时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    agenda = models.TextField(_("议程"))
    participants = models.TextField(
        _("邀请列席的公众和媒体代表"),
        blank=True,
        help_text=_("只写单位或身份（如“市民代表2名”），不写个人联系方式。"),
    )
    livestream_url = models.URLField(_("直播地址"), max_length=500, blank=True)
    recording_url = models.URLField(_("回放地址"), max_length=500, blank=True)
    outcome = models.TextField(_("会议结果"), blank=True)

    class Meta:
        ordering = ["-held_at", "-id"]
        indexes = [
            models.Index(fields=["publish_at"], name="meeting_publish_at"),
            models.Index(fields=["unpublish_at"], name="meeting_unpublish_at"),
        ]
        verbose_name = _("开放会议")
        verbose_name_plural = _("开放会议")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:meeting-detail", kwargs={"pk": self.pk})
