"""Incidents and public concern (突发事件 / 政务舆情) and their releases, in order."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["Incident", "IncidentKind", "IncidentRelease", "ReleaseKind"]


class IncidentKind(models.TextChoices):
    MAJOR = "major", _("重大突发事件")
    CONCERN = "concern", _("一般政务舆情")


class ReleaseKind(models.TextChoices):
    RELEASE = "release", _("权威信息发布")
    PRESS_CONFERENCE = "press", _("新闻发布会")
    RESPONSE = "response", _("舆情回应")


class Incident(models.Model):
    """An incident or a public concern; its clocks start at ``occurred_at``."""

    title = models.CharField(_("事件名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=8, choices=IncidentKind.choices)
    # to the minute: the 5 h / 24 h / 48 h clocks run from it
    occurred_at = models.DateTimeField(_("发生（发现）时间"))
    summary = models.TextField(_("事件概要"), blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("责任处室"),
    )
    is_public = models.BooleanField(_("在网站公开"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("突发事件与舆情")
        verbose_name_plural = _("突发事件与舆情")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:incident-detail", args=[self.pk])


class IncidentRelease(models.Model):
    """An authoritative release, a press conference or a response, with its link."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="releases"
    )
    kind = models.CharField(_("类型"), max_length=8, choices=ReleaseKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    at = models.DateTimeField(_("发布时间"))
    url = models.URLField(_("链接"), max_length=500, blank=True)
    body = models.TextField(_("内容"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("发布与回应")
        verbose_name_plural = _("发布与回应")

    def __str__(self) -> str:
        return self.title
