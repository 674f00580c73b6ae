"""Public registers defined as data: a register, its typed fields, its entries (on the
shared publishing lifecycle), attachments, and import runs."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.common.importing.models import ImportRowErrorBase, ImportRunBase
from gongkai.core.jcs import canonical_json
from gongkai.publishing.models import Publishable

from .choices import FieldKind
from .rules import FieldDef


class Register(models.Model):
    """A typed public list (抽查结果, 召回, 名牌产品 ...), defined without code."""

    slug = models.SlugField(_("网址名"), max_length=60, unique=True)
    title = models.CharField(_("名称"), max_length=100, unique=True)
    description = models.TextField(_("说明"), blank=True)
    basis = models.CharField(_("公开依据"), max_length=300, blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("负责处室"),
    )
    is_builtin = models.BooleanField(_("内置"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveIntegerField(_("排序"), default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("公开名录")
        verbose_name_plural = _("公开名录")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registers:register-detail", kwargs={"slug": self.slug})

    def defs(self) -> list[FieldDef]:
        """The field definitions (cached on the instance)."""
        cached: list[FieldDef] | None = getattr(self, "_defs", None)
        if cached is None:
            cached = [f.as_def() for f in self.fields.all()]
            self._defs = cached
        return cached


class RegisterField(models.Model):
    register = models.ForeignKey(
        Register, on_delete=models.CASCADE, related_name="fields"
    )
    key = models.SlugField(_("字段代码"), max_length=40)
    label = models.CharField(_("字段名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=10, choices=FieldKind.choices)
    required = models.BooleanField(_("必填"), default=False)
    options = models.JSONField(_("可选值"), default=list, blank=True)
    is_key = models.BooleanField(
        _("唯一标识"), default=False, help_text=_("导入时按此字段判断是否已存在。")
    )
    is_title = models.BooleanField(_("作为标题"), default=False)
    listed = models.BooleanField(_("列表中显示"), default=True)
    filterable = models.BooleanField(_("可筛选"), default=False)
    searchable = models.BooleanField(_("可搜索"), default=True)
    public = models.BooleanField(_("公开"), default=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "key"], name="register_field_key_once"
            )
        ]
        verbose_name = _("名录字段")
        verbose_name_plural = _("名录字段")

    def __str__(self) -> str:
        return f"{self.register_id}:{self.key}"

    def as_def(self) -> FieldDef:
        return FieldDef(
            key=self.key,
            label=self.label,
            kind=self.kind,
            required=self.required,
            options=tuple(self.options or ()),
            public=self.public,
        )


class Entry(Publishable):
    """One row of a register; ``data`` holds canonical text by field key."""

    register = models.ForeignKey(
        Register, on_delete=models.PROTECT, related_name="entries"
    )
    title = models.CharField(_("标题"), max_length=300)
    key = models.CharField(_("唯一标识"), max_length=200)
    data = models.JSONField(_("内容"), default=dict)
    search_text = models.TextField(blank=True)
    import_run = models.ForeignKey(
        "registers.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["register", "key"], name="entry_key_once")
        ]
        indexes = [
            models.Index(fields=["register", "status"]),
            # The page token's next window edge (publishing.caching).
            models.Index(fields=["publish_at"], name="entry_publish_at"),
            models.Index(fields=["unpublish_at"], name="entry_unpublish_at"),
        ]
        verbose_name = _("名录条目")
        verbose_name_plural = _("名录条目")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "registers:entry-detail",
            kwargs={"slug": self.register.slug, "pk": self.pk},
        )

    def review_text(self) -> dict[str, str]:
        """The public texts the pre-publication checks scan."""
        out = {"title": self.title}
        for field in self.register.defs():
            if field.public and field.kind in ("text", "longtext"):
                out[field.key] = str(self.data.get(field.key, ""))
        return out


def entry_key(defs: list[FieldDef], keys: list[str], values: dict[str, Any]) -> str:
    """The identity of an entry: its key fields, or a digest of all its values."""
    if keys:
        return " | ".join(values.get(k, "") for k in keys)[:200]
    digest = hashlib.sha256(canonical_json(values)).hexdigest()
    return "sha256:" + digest[:40]


def attachment_path(instance: Any, filename: str) -> str:
    return f"registers/{instance.entry.register_id}/{instance.entry_id}/{filename}"


class EntryFile(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    field_key = models.SlugField(max_length=40)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["field_key", "id"]

    def __str__(self) -> str:
        return self.name


class ImportRun(ImportRunBase):
    """One spreadsheet import into a register (common.importing)."""

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="+")

    class Meta(ImportRunBase.Meta):
        pass


class ImportRowError(ImportRowErrorBase):
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="errors")

    class Meta(ImportRowErrorBase.Meta):
        pass
