"""Abstract import run and rejected row, made concrete by each importing app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("未完成")


class ImportRunBase(models.Model):
    """One spreadsheet import: progress per committed batch, so it can resume.

    A queued run holds its file (``upload``, never served: it may hold personal
    data) until a worker has finished it.
    """

    file_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    publish = models.BooleanField(_("直接发布"), default=False)
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=ImportState.choices,
        default=ImportState.RUNNING,
    )
    headers = models.JSONField(default=list)
    next_row = models.PositiveIntegerField(default=0)  # first row not yet committed
    rows_total = models.PositiveIntegerField(_("总行数"), null=True, blank=True)
    rows_seen = models.PositiveIntegerField(_("已处理行数"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变化"), default=0)
    failed = models.PositiveIntegerField(_("错误行"), default=0)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    options = models.JSONField(default=dict, blank=True)
    upload = models.BinaryField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField()
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        """Queued or running: the status page keeps refreshing."""
        return self.state in (ImportState.QUEUED, ImportState.RUNNING)

    @property
    def percent(self) -> int:
        """Rows processed as a whole percentage of the rows in the file."""
        if self.state == ImportState.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_seen * 100 // self.rows_total)


class ImportRowErrorBase(models.Model):
    """A rejected row: its problems ([column, reason] pairs) and its cells, kept for
    the error file that staff fix and import again. Subclasses add ``run``."""

    row = models.PositiveIntegerField(_("行号"))
    problems = models.JSONField(default=list)
    cells = models.JSONField(default=list)

    class Meta:
        abstract = True
        ordering = ["row", "id"]

    def __str__(self) -> str:
        return f"第{self.row}行"
