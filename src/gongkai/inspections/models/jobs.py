"""Background jobs of the draw workflow: freezing a snapshot and running a draw.

Both read or hash the whole registry, which can take seconds, so the page only
queues a job (django-tasks, database backend) and shows its state; the worker
(`gongkai db_worker`) calls the same services a request would.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import JobKind, JobState


class DrawJob(models.Model):
    task = models.ForeignKey(
        "inspections.Task", on_delete=models.PROTECT, related_name="jobs"
    )
    kind = models.CharField(_("作业"), max_length=10, choices=JobKind.choices)
    # The draw a run acts on, or the draw a follow-up follows; the draw a freeze made.
    draw = models.ForeignKey(
        "inspections.Draw",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    options = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    step = models.CharField(_("进度"), max_length=200, blank=True)
    message = models.CharField(_("结果"), max_length=2000, blank=True)
    result = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    queued_at = models.DateTimeField(_("提交时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = _("后台作业")
        verbose_name_plural = _("后台作业")

    def __str__(self) -> str:
        return f"{self.task_id} {self.get_kind_display()} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
