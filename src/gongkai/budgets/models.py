"""A department's budget or final account of one year: the set of tables (rows with
their classification code, name and amounts), the written explanation, the approval
date that starts the 20-day clock, and the file it came from. And the year's
classification codes as the office loads them."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models import Publishable

from .choices import Kind


class BudgetSet(Publishable):
    review_fields: ClassVar[tuple[str, ...]] = ("title", "explanation")

    title = models.CharField(_("标题"), max_length=200)
    organisation = models.CharField(_("单位名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    tableset_key = models.CharField(_("表样"), max_length=60)
    unit = models.CharField(_("金额单位"), max_length=10, default="万元")
    approved_on = models.DateField(
        _("批复日期"),
        null=True,
        blank=True,
        help_text=_("财政部门批复之日起20日内公开（预算法第十四条）。"),
    )
    explanation = models.TextField(
        _("情况说明"),
        blank=True,
        help_text=_("部门职能、收支情况、机关运行经费、“三公”经费等情况说明。"),
    )
    running_costs = models.DecimalField(
        _("机关运行经费（万元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    source_name = models.CharField(_("原始文件名"), max_length=200, blank=True)
    source_data = models.BinaryField(_("原始文件"), blank=True, default=b"")
    imported_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("部门预决算")
        verbose_name_plural = _("部门预决算")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "kind"], name="budgets_one_set_a_year"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "budgets:set-detail", kwargs={"year": self.year, "kind": self.kind}
        )


class BudgetRow(models.Model):
    budget_set = models.ForeignKey(
        BudgetSet, on_delete=models.CASCADE, related_name="rows"
    )
    table = models.CharField(_("表"), max_length=20)
    position = models.PositiveIntegerField(_("行次"))
    line = models.PositiveIntegerField(_("工作表行号"))
    key = models.CharField(_("行键"), max_length=40, blank=True)
    code = models.CharField(_("科目编码"), max_length=12, blank=True)
    name = models.CharField(_("科目名称"), max_length=200)
    # {column key: amount as a decimal string}, in the set's unit
    amounts = models.JSONField(_("金额"), default=dict)

    class Meta:
        ordering = ["budget_set", "table", "position"]
        indexes = [models.Index(fields=["budget_set", "table", "position"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def amount(self, column: str) -> Decimal:
        return Decimal(self.amounts.get(column, "0"))


class CodeTable(models.Model):
    """The 政府收支分类科目 the office loaded, in force from ``since`` (a year)."""

    since = models.PositiveSmallIntegerField(_("适用年度起"), unique=True)
    source = models.CharField(_("来源"), max_length=300, blank=True)
    data = models.JSONField(
        _("科目"), default=dict
    )  # {"function": {...}, "economic": {...}}
    loaded_at = models.DateTimeField(auto_now=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("政府收支分类科目")
        verbose_name_plural = _("政府收支分类科目")

    def __str__(self) -> str:
        return f"{self.since}"


class TableSetState(models.Model):
    """One row: the digest of the table set files in use when the pages drawn with
    them were last marked stale (``services.tablesets_changed_mark``)."""

    digest = models.CharField(max_length=64)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.digest[:12]} ({self.changed_at:%Y-%m-%d %H:%M})"
