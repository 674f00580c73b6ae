"""The annual plan (published) and its tasks with their draw parameters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models import Publishable

from ..choices import BeaconType, HashAlg, Mode


class InspectionPlan(Publishable):
    """The 年度抽查计划 (batches: scope, quantity, timing), published on the lifecycle."""

    review_fields = ("title", "body")

    year = models.PositiveIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("计划内容"))

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("年度抽查计划")
        verbose_name_plural = _("年度抽查计划")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:plan-detail", kwargs={"pk": self.pk})


class Task(models.Model):
    """A 抽查任务: what to draw, how, and with which beacon (DRAW.md §5, §6.3)."""

    code = models.CharField(_("任务编号"), max_length=128, unique=True)
    title = models.CharField(_("任务名称"), max_length=200)
    plan = models.ForeignKey(
        InspectionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("所属年度计划"),
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("牵头处室"),
    )
    items = models.ManyToManyField(
        "inspections.InspectionItem", related_name="tasks", verbose_name=_("抽查事项")
    )
    industries = models.JSONField(
        _("对象行业范围"), default=list, blank=True, help_text=_("空表示全部行业。")
    )
    target_count = models.PositiveIntegerField(_("抽取对象数"))
    risk_weights = models.JSONField(_("风险等级权重"))
    stratify_by = models.JSONField(_("分层属性"), default=list)
    cutoff = models.DateField(
        _("近期已检查对象排除日期"),
        null=True,
        blank=True,
        help_text=_("此日期及以后检查过的对象不参加抽取。"),
    )
    reserve_per_stratum = models.PositiveIntegerField(_("每层备选数"), default=1)
    team_size = models.PositiveIntegerField(_("每组检查人员数"), default=2)
    capacity_slack = models.PositiveIntegerField(_("每组容量余量"), default=0)
    max_probes = models.PositiveIntegerField(_("最大试探次数"), default=64)
    mode = models.CharField(
        _("公开方式"), max_length=12, choices=Mode.choices, default=Mode.CONFIDENTIAL
    )
    hash_alg = models.CharField(
        _("哈希算法"), max_length=8, choices=HashAlg.choices, default=HashAlg.SHA256
    )
    beacon_type = models.CharField(
        _("随机信标"), max_length=8, choices=BeaconType.choices
    )
    drand_chain_hash = models.CharField(_("drand 链哈希"), max_length=64, blank=True)
    drand_round = models.PositiveBigIntegerField(_("drand 轮次"), null=True, blank=True)
    lottery_draws = models.JSONField(
        _("彩票开奖期次"), default=list, blank=True, help_text=_("[{game, issue}]")
    )
    beacon_time = models.DateTimeField(_("信标产生时间"))
    reveal_hours = models.PositiveIntegerField(
        _("揭示期限（信标后小时数）"), default=24
    )
    publish_inspectors = models.BooleanField(_("公布检查人员姓名"), default=False)
    followup_departments = models.ManyToManyField(
        "accounts.Department",
        blank=True,
        related_name="+",
        verbose_name=_("补充抽取的跨区域人员处室"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:task-detail", kwargs={"code": self.code})
