"""Oversight: runs of the site self-check, the work plan and its progress, new-media
accounts and posts, reading rooms, training sessions and the leading group."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models import Publishable

from .choices import AccountStatus, Platform, TaskStatus, Verdict


class CheckRun(models.Model):
    """One run of the site self-check, as of ``on`` (the day it evaluates)."""

    ran_at = models.DateTimeField(_("运行时间"))
    on = models.DateTimeField(_("检查时点"))
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)
    verdict = models.CharField(_("结论"), max_length=8, choices=Verdict.choices)
    vetoed = models.JSONField(_("单项否决指标"), default=list)
    indicators = models.JSONField(_("各指标"), default=list)
    findings = models.JSONField(_("问题"), default=list)
    pages_crawled = models.PositiveIntegerField(_("抓取页面数"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-ran_at", "-id"]
        verbose_name = _("网站检查记录")
        verbose_name_plural = _("网站检查记录")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M} {self.score}"


class WorkPlan(models.Model):
    """工作要点 / 实施方案 of one year."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("名称"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    report_due = models.DateField(_("落实情况报送截止"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("工作要点")
        verbose_name_plural = _("工作要点")

    def __str__(self) -> str:
        return self.title


class PlanTask(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("任务"), max_length=200)
    description = models.TextField(_("内容"), blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    # 工作保障 (organisation, coordination, training, assessment), after the tasks.
    is_guarantee = models.BooleanField(_("工作保障"), default=False)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_task_once")
        ]
        verbose_name = _("任务")
        verbose_name_plural = _("任务")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class TaskUnit(models.Model):
    """A responsible unit of a task, as named in the plan (``department`` when known)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("责任单位"), max_length=100)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    lead = models.BooleanField(_("牵头"), default=False)
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=TaskStatus.choices,
        default=TaskStatus.NOT_STARTED,
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "order", "id"]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")

    def __str__(self) -> str:
        return self.name


class ProgressReport(models.Model):
    unit = models.ForeignKey(TaskUnit, on_delete=models.CASCADE, related_name="reports")
    reported_at = models.DateTimeField(_("报送时间"))
    text = models.TextField(_("进展情况"))
    status = models.CharField(_("状态"), max_length=12, choices=TaskStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.reported_at:%Y-%m-%d}"


class MediaAccount(models.Model):
    """政务新媒体 account of the bureau."""

    platform = models.CharField(_("平台"), max_length=12, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=100)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("运营处室"),
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=AccountStatus.choices,
        default=AccountStatus.ACTIVE,
    )
    opened_on = models.DateField(_("开设日期"), null=True, blank=True)

    class Meta:
        ordering = ["platform", "name"]
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")

    def __str__(self) -> str:
        return f"{self.get_platform_display()}：{self.name}"


class MediaPost(Publishable):
    """A post of a new-media account, reviewed like every published content."""

    review_fields: ClassVar[tuple[str, ...]] = ("title", "body")

    account = models.ForeignKey(
        MediaAccount, on_delete=models.PROTECT, related_name="posts"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    image = models.ImageField(_("配图"), upload_to="oversight/posts/", blank=True)
    # 三审: the names of the three reviews, recorded with the approval.
    first_review = models.CharField(_("初审"), max_length=60, blank=True)
    second_review = models.CharField(_("复审"), max_length=60, blank=True)
    final_review = models.CharField(_("终审"), max_length=60, blank=True)

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("新媒体稿件")
        verbose_name_plural = _("新媒体稿件")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight-staff:post-edit", kwargs={"pk": self.pk})


class ReadingRoom(models.Model):
    """查阅场所: where the public reads what was proactively published."""

    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    hours = models.CharField(_("开放时间"), max_length=200)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("查阅场所")
        verbose_name_plural = _("查阅场所")

    def __str__(self) -> str:
        return self.name


class TrainingSession(models.Model):
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=200)
    participants = models.TextField(
        _("参训人员"), help_text=_("每行一个：处室 人数，如“办公室 5”"), blank=True
    )
    public = models.BooleanField(_("公开"), default=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("培训")
        verbose_name_plural = _("培训")

    def __str__(self) -> str:
        return self.topic


class GroupMember(models.Model):
    """A member of the leading group (领导小组) and their division of work."""

    name = models.CharField(_("姓名"), max_length=40)
    position = models.CharField(_("职务"), max_length=100)
    group_role = models.CharField(_("小组职务"), max_length=40)
    duties = models.CharField(_("分工"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("领导小组成员")
        verbose_name_plural = _("领导小组成员")

    def __str__(self) -> str:
        return self.name
