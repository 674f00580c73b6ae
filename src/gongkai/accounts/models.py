"""Departments (处室) and staff users with one role each."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Role


class Department(models.Model):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    is_office = models.BooleanField(
        _("是政务公开工作机构"),
        default=False,
        help_text=_("办公室：审核、统筹、年报。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    head = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处室负责人"),
        help_text=_("时限即将到期或逾期时收到提醒邮件。"),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("处室")
        verbose_name_plural = _("处室")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff account. Citizens need no account to read, search or apply."""

    role = models.CharField(
        _("角色"), max_length=20, choices=Role.choices, default=Role.STAFF
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("处室"),
    )
    display_name = models.CharField(_("姓名"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return self.display_name or self.username


class EnrolmentLink(models.Model):
    """A one-time link, issued by an administrator, with which one account binds
    its authenticator. Only the SHA-256 of the token is stored."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="enrolment_links",
        verbose_name=_("工作人员"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("签发人"),
    )
    created_at = models.DateTimeField(_("签发时间"))
    expires_at = models.DateTimeField(_("失效时间"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("身份验证器绑定链接")
        verbose_name_plural = _("身份验证器绑定链接")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
