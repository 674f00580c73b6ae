"""Registries: inspection items (published, versioned), targets, inspectors, conflicts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models import Publishable

from ..choices import ImportKind, ItemKind, TargetStatus


class InspectionItem(Publishable):
    """An entry of the 随机抽查事项清单; each saved change is a new revision."""

    review_fields = ("name", "sub_item", "legal_basis", "note")

    code = models.CharField(_("编号"), max_length=40, unique=True)
    name = models.CharField(_("抽查事项"), max_length=200)
    sub_item = models.CharField(_("抽查子项"), max_length=200, blank=True)
    legal_basis = models.TextField(_("抽查依据"))
    inspecting_body = models.CharField(_("抽查主体"), max_length=100)
    target_type = models.CharField(_("抽查对象"), max_length=200)
    method = models.CharField(_("抽查方式"), max_length=200)
    ratio = models.CharField(_("抽查比例"), max_length=100, blank=True)
    frequency = models.CharField(_("抽查频次"), max_length=100, blank=True)
    inspector_requirements = models.CharField(
        _("检查人员要求"), max_length=200, blank=True
    )
    kind = models.CharField(
        _("事项类别"), max_length=10, choices=ItemKind.choices, default=ItemKind.GENERAL
    )
    note = models.CharField(_("备注"), max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("抽查事项")
        verbose_name_plural = _("抽查事项")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:item-list") + f"#item-{self.code}"


class Target(models.Model):
    """A market entity of the 检查对象名录库; the USCC is stored canonical."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    region = models.CharField(_("行政区划代码"), max_length=32)
    industry = models.CharField(_("行业代码"), max_length=32)
    risk = models.CharField(_("风险等级"), max_length=32)
    status = models.CharField(
        _("登记状态"),
        max_length=32,
        choices=TargetStatus.choices,
        default=TargetStatus.ACTIVE,
    )
    last_inspected = models.DateField(_("最近一次检查日期"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["uscc"]
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象")
        indexes = [models.Index(fields=["industry"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.uscc}）"


class Inspector(models.Model):
    """A law-enforcement officer of the 执法检查人员名录库."""

    code = models.CharField(_("执法证号"), max_length=64, unique=True)
    name = models.CharField(_("姓名"), max_length=60)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处室"),
    )
    home_region = models.CharField(_("所在地区代码"), max_length=32)
    quals = models.JSONField(_("可检查行业"), default=list)
    available = models.BooleanField(_("可参加抽取"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspector",
        verbose_name=_("平台账号"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("执法检查人员")
        verbose_name_plural = _("执法检查人员")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class Conflict(models.Model):
    """A declared conflict of interest: the inspector must 回避 this enterprise."""

    inspector = models.ForeignKey(
        Inspector, on_delete=models.CASCADE, related_name="conflicts"
    )
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    reason = models.CharField(_("回避原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspector__code", "uscc"]
        verbose_name = _("回避关系")
        verbose_name_plural = _("回避关系")
        constraints = [
            models.UniqueConstraint(fields=["inspector", "uscc"], name="conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.inspector.code} × {self.uscc}"


class ImportBatch(models.Model):
    """One import of a registry file: all rows or none, with its row-level errors."""

    kind = models.CharField(_("名录"), max_length=12, choices=ImportKind.choices)
    filename = models.CharField(_("文件"), max_length=200)
    rows = models.PositiveIntegerField(_("行数"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    ok = models.BooleanField(_("成功"), default=False)
    errors = models.JSONField(_("错误"), default=list)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("导入时间"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"
