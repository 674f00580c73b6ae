"""Clocks of every app, their events, and the holiday table.

The truth of a clock is its events; ``state``, ``due_at`` and ``due_soon_at`` are
caches derived by core/clocks and recomputed on every event, every rule change and
every holiday-table change, so the cross-app inbox is one indexed query.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class CachedState(models.TextChoices):
    RUNNING = "running", _("计时中")
    PAUSED = "paused", _("暂停")
    STOPPED = "stopped", _("已结束")


class Clock(models.Model):
    rule_key = models.CharField(_("时限规则"), max_length=60)
    rule_version = models.CharField(_("规则版本"), max_length=40)
    title = models.CharField(_("事项"), max_length=300)
    # No index of its own: the (subject_type, subject_id) index serves it, and one
    # index fewer to maintain when the caches of many clocks are rewritten.
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, db_index=False
    )
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("责任处室"),
    )
    started_at = models.DateTimeField(_("起算事件时间"))
    # Caches for recomputation in bulk: the local (Asia/Shanghai) date of the start,
    # and the group key of the events (clocks.rules.group_key): clocks with the same
    # rule, start date and key share one computation. Empty: recomputed alone.
    start_date = models.DateField(null=True, blank=True)
    group_key = models.CharField(max_length=400, blank=True, default="")
    state = models.CharField(
        max_length=10, choices=CachedState.choices, default=CachedState.RUNNING
    )
    due_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    due_soon_at = models.DateTimeField(null=True, blank=True)
    provisional = models.BooleanField(_("暂定（节假日安排未公布）"), default=False)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_late = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("时限")
        verbose_name_plural = _("时限")
        indexes = [
            models.Index(fields=["state", "due_soon_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["rule_key", "start_date", "group_key"]),
        ]

    def __str__(self) -> str:
        return self.title


class ClockEvent(models.Model):
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=40)
    at = models.DateTimeField(_("发生时间"))
    value = models.IntegerField(_("数值"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class DayKind(models.TextChoices):
    OFF = "off", _("放假")
    WORK = "work", _("调休上班")


class HolidayDay(models.Model):
    """A day that differs from Mon–Fri working, as announced by the State Council."""

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=4, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.name}"


class CalendarYear(models.Model):
    """A year whose arrangement was announced (国务院办公厅 notice), entered here."""

    year = models.PositiveIntegerField(_("年份"), unique=True)
    source = models.CharField(_("依据"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("已公布年份")
        verbose_name_plural = _("已公布年份")

    def __str__(self) -> str:
        return str(self.year)


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已逾期")
    DIGEST = "digest", _("每日汇总")


class Reminder(models.Model):
    """A reminder e-mail sent (``gongkai clocks remind``): at most one per clock, kind
    and day, and one digest a day, so running the command twice sends nothing new."""

    kind = models.CharField(_("类型"), max_length=10, choices=ReminderKind.choices)
    day = models.DateField(_("日期"))
    clock = models.ForeignKey(
        Clock, on_delete=models.CASCADE, null=True, related_name="reminders"
    )
    due_at = models.DateTimeField(_("截止时间"), null=True)
    recipients = models.JSONField(_("收件人"), default=list)
    sent_at = models.DateTimeField(_("发送时间"))

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("时限提醒")
        verbose_name_plural = _("时限提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["clock", "kind", "day"], name="clocks_reminder_once_a_day"
            ),
            models.UniqueConstraint(
                fields=["kind", "day"],
                condition=models.Q(clock__isnull=True),
                name="clocks_digest_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.clock_id or ''}"
