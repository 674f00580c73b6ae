"""Draws (one commit each), contributions, and the inspections they produce.

A draw's snapshot, parameters, commit record and output are written once by the
services and never changed afterwards (DRAW.md §6.4: the roots bind the snapshot).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import DrawKind, DrawState, InspectionState, ResultCode
from ..sealing import draw_binding, seal, unseal


class Draw(models.Model):
    task = models.ForeignKey(
        "inspections.Task", on_delete=models.PROTECT, related_name="draws"
    )
    number = models.PositiveIntegerField(_("序号"))
    kind = models.CharField(
        _("类型"), max_length=10, choices=DrawKind.choices, default=DrawKind.PRIMARY
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("补充抽取所针对的抽取"),
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("取代的抽取"),
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=DrawState.choices, default=DrawState.FROZEN
    )
    snapshot = models.JSONField(_("名录快照"))
    roots = models.JSONField(_("快照树根"), default=dict)
    params = models.JSONField(_("任务参数 P"))
    # The task secret, sealed (sealing.py): read and set through ``secret_hex``.
    secret_sealed = models.TextField(blank=True, editable=False)
    beacon_time = models.DateTimeField(_("信标产生时间"))
    reveal_deadline = models.DateTimeField(_("揭示截止时间"))
    frozen_at = models.DateTimeField(_("冻结时间"))
    commit = models.JSONField(_("承诺记录 C"), null=True, blank=True)
    commit_hash = models.CharField(max_length=64, blank=True, db_index=True)
    committed_at = models.DateTimeField(_("承诺时间"), null=True, blank=True)
    commit_log_hash = models.CharField(_("审计链检查点"), max_length=64, blank=True)
    beacon_randomness_hex = models.CharField(max_length=2048, blank=True)
    beacon_evidence = models.JSONField(_("信标证据"), default=dict, blank=True)
    beacon_entered_at = models.DateTimeField(null=True, blank=True)
    output = models.JSONField(_("输出记录"), null=True, blank=True)
    result_root = models.CharField(max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    output_log_hash = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True)
    abandoned_at = models.DateTimeField(_("放弃时间"), null=True, blank=True)
    abandon_reason = models.CharField(_("放弃原因"), max_length=2000, blank=True)

    class Meta:
        ordering = ["task", "number"]
        verbose_name = _("抽取")
        verbose_name_plural = _("抽取")
        constraints = [
            models.UniqueConstraint(fields=["task", "number"], name="draw_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.task.code} #{self.number}"

    @property
    def secret_hex(self) -> str:
        """The task secret in hex (DRAW.md §6.1), opened from its sealed form."""
        return unseal(self.secret_sealed, draw_binding(self.task_id, self.number))

    @secret_hex.setter
    def secret_hex(self, value: str) -> None:
        self.secret_sealed = seal(value, draw_binding(self.task_id, self.number))


class Contribution(models.Model):
    """A contributor's commitment (§6.2) and, later, the revealed value (§7.2)."""

    draw = models.ForeignKey(
        Draw, on_delete=models.CASCADE, related_name="contributions"
    )
    contributor_id = models.CharField(_("贡献者编号"), max_length=64)
    name = models.CharField(_("贡献者"), max_length=100)
    # Empty while an invited contributor has not handed in a commitment.
    commitment = models.CharField(_("承诺值"), max_length=64, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    value_hex = models.CharField(_("揭示值"), max_length=128, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the contributor's own link token (the token itself is never stored).
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # Set only on the object a service returns right after issuing the link.
    link_token = ""

    class Meta:
        ordering = ["contributor_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["draw", "contributor_id"], name="contributor_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contributor_id} {self.name}"


class Inspection(models.Model):
    """One selected target of a draw: its team, substitutions and its result."""

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="inspections")
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    name = models.CharField(_("名称"), max_length=200)
    stratum = models.CharField(_("层"), max_length=100)
    rank = models.PositiveIntegerField(_("名次"))
    ticket = models.CharField(_("签号"), max_length=64)
    team = models.IntegerField(_("检查组"), null=True, blank=True)
    staffing_draw = models.ForeignKey(
        Draw,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staffed",
        verbose_name=_("配队的补充抽取"),
    )
    state = models.CharField(_("状态"), max_length=10, choices=InspectionState.choices)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("替补的对象"),
    )
    replace_reason = models.CharField(_("替补原因"), max_length=300, blank=True)
    result = models.CharField(
        _("检查结果"), max_length=12, choices=ResultCode.choices, blank=True
    )
    result_note = models.TextField(_("结果说明"), blank=True)
    checked_on = models.DateField(_("检查完成日期"), null=True, blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    result_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("结果公示时间"), null=True, blank=True)

    class Meta:
        ordering = ["draw", "stratum", "rank"]
        verbose_name = _("检查")
        verbose_name_plural = _("检查")
        constraints = [
            models.UniqueConstraint(fields=["draw", "uscc"], name="inspection_once")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.uscc}）"
