"""The disclosure catalogue: documents with official metadata, relations,
interpretations, attachments, columns and the code lists behind the facets."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models import Publishable

from . import rules
from .choices import (
    Category,
    Disclosure,
    InterpretationForm,
    MediaKind,
    RelationKind,
    Validity,
)


class CodeList(models.Model):
    code = models.CharField(_("代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Topic(CodeList):
    """主题分类 (administrator-managed code list, RULES.md §9)."""

    class Meta(CodeList.Meta):
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")


class Genre(CodeList):
    """体裁分类 (administrator-managed code list, RULES.md §9)."""

    class Meta(CodeList.Meta):
        verbose_name = _("体裁")
        verbose_name_plural = _("体裁")


class Issuer(models.Model):
    """发文机关; ``org_code`` is the 机构代码 that opens its 索引号."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    org_code = models.CharField(_("机构代码"), max_length=18, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("发文机关")
        verbose_name_plural = _("发文机关")

    def __str__(self) -> str:
        return self.name


class Column(models.Model):
    """栏目, or 专题专栏 when ``is_special``."""

    slug = models.SlugField(_("网址名"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    is_special = models.BooleanField(_("专题专栏"), default=False)
    order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    # Site self-check (core.freshness): empty = 2 weeks for 动态/要闻, else 6 months.
    update_period_days = models.PositiveSmallIntegerField(
        _("更新周期（天）"),
        null=True,
        blank=True,
        help_text=_("留空：动态、要闻类栏目 2 周，其他栏目 6 个月。"),
    )

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("documents:column", kwargs={"slug": self.slug})


class IndexCounter(models.Model):
    """The last 索引号 sequence number used per organisation and year."""

    org_code = models.CharField(max_length=18)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["org_code", "year"], name="index_counter_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_code}/{self.year}: {self.last}"


class Document(Publishable):
    review_fields: ClassVar[tuple[str, ...]] = ("title", "summary", "keywords", "body")

    title = models.CharField(_("标题"), max_length=300)
    # As written (RULES.md §9); ``doc_number_key`` (core.doc_numbers) is what matches.
    doc_number = models.CharField(_("文号"), max_length=120, blank=True, db_index=True)
    doc_number_key = models.CharField(max_length=120, blank=True, db_index=True)
    index_number = models.CharField(_("索引号"), max_length=60, unique=True)
    issuers = models.ManyToManyField(
        Issuer,
        through="DocumentIssuer",
        related_name="documents",
        verbose_name=_("发文机关"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("主题分类"),
    )
    genre = models.ForeignKey(
        Genre, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("体裁")
    )
    columns = models.ManyToManyField(
        Column, blank=True, related_name="documents", verbose_name=_("栏目")
    )
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    summary = models.CharField(_("内容概述"), max_length=500, blank=True)
    body = models.TextField(_("正文"), blank=True)
    # None: unknown (an imported historical document); never invented (RULES.md §9).
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    category = models.CharField(
        _("文件类别"), max_length=10, choices=Category.choices, default=Category.OTHER
    )
    effective_from = models.DateField(_("实施日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    validity = models.CharField(
        _("有效性"), max_length=12, choices=Validity.choices, default=Validity.EFFECTIVE
    )
    validity_changed_on = models.DateField(_("有效性变更日期"), null=True, blank=True)
    disclosure = models.CharField(
        _("公开属性"),
        max_length=12,
        choices=Disclosure.choices,
        default=Disclosure.PROACTIVE,
    )
    disclosure_reason = models.CharField(
        _("不公开或依申请公开理由"), max_length=300, blank=True
    )
    needs_interpretation = models.BooleanField(_("需要政策解读"), default=False)
    interpretation_waiver = models.CharField(
        _("免于解读理由"), max_length=300, blank=True
    )
    import_key = models.CharField(max_length=64, blank=True, db_index=True)
    # False: imported from a scan without a text layer; its body is not searchable.
    searchable = models.BooleanField(_("正文可检索"), default=True)

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [
            # visible(now): an index-only count of the public documents.
            models.Index(
                fields=["status", "publish_at", "unpublish_at"], name="document_window"
            ),
            # Public lists, newest first; caching.catalogue_state's MAX(publish_at).
            # It covers visible(now) too, so a deep page of the API list skips its
            # rows over the index alone (common.api_pagination).
            models.Index(
                fields=["publish_at", "id", "status", "unpublish_at"],
                name="document_list_order",
            ),
            models.Index(fields=["unpublish_at"], name="document_unpublish_at"),
        ]
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"key": self.index_number})

    def validity_on(self, today: dt.date) -> str:
        return rules.derived_validity(
            recorded=self.validity, valid_until=self.valid_until, today=today
        )

    def issuer_names(self) -> list[str]:
        return [link.issuer.name for link in self.issuer_links.all()]

    def missing_metadata(self) -> list[str]:
        """What staff still have to complete: unknown 成文日期, 发文机关, a scan."""
        missing = []
        if self.written_on is None:
            missing.append(str(_("成文日期")))
        if not self.issuer_names():
            missing.append(str(_("发文机关")))
        if not self.searchable:
            missing.append(str(_("正文（扫描件，无法检索）")))
        return missing


class DocumentIssuer(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="issuer_links"
    )
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "issuer"], name="document_issuer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.issuer_id}"


class Relation(models.Model):
    """``source`` amends / repeals / replaces / interprets ``target``; shown both ways."""

    source = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="relations_out"
    )
    target = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="relations_in"
    )
    kind = models.CharField(_("关系"), max_length=12, choices=RelationKind.choices)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="relation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class Interpretation(Publishable):
    """政策解读 of one policy document, on the same lifecycle."""

    review_fields: ClassVar[tuple[str, ...]] = ("title", "body")

    policy = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="interpretations",
        verbose_name=_("所解读文件"),
    )
    title = models.CharField(_("标题"), max_length=300)
    form = models.CharField(
        _("解读形式"),
        max_length=10,
        choices=InterpretationForm.choices,
        default=InterpretationForm.TEXT,
    )
    body = models.TextField(_("正文"))

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["publish_at"], name="interpretation_publish_at"),
            models.Index(fields=["unpublish_at"], name="interpretation_unpublish_at"),
        ]
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:interpretation", kwargs={"pk": self.pk})


class InterpretationMedia(models.Model):
    """An image (图解) or a video of an interpretation, with the text alternative
    that makes it accessible (GB/T 37668-2019: non-text content has a text
    equivalent); shown and published with its interpretation."""

    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="media"
    )
    kind = models.CharField(_("类型"), max_length=8, choices=MediaKind.choices)
    file = models.FileField(upload_to="interpretations/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    caption = models.CharField(_("标题"), max_length=200)
    text_alternative = models.TextField(_("文字说明（替代文本）"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("解读图解或视频")
        verbose_name_plural = _("解读图解或视频")

    def __str__(self) -> str:
        return self.caption

    def get_absolute_url(self) -> str:
        return reverse("documents:interpretation-media", kwargs={"pk": self.pk})


class Attachment(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="documents/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("documents:attachment", kwargs={"pk": self.pk})


class Guide(models.Model):
    """The 政府信息公开指南 (条例 第十二条), one row kept by the openness office.

    Art. 12 ¶1: the guide gives the classification, the arrangement and the ways to
    obtain government information, and the openness office's name, address, office
    hours, telephone, fax and Internet contact; both guide and catalogue are kept
    up to date. The sections of procedure and remedies follow 条例 第二十七至
    第三十三条 and 第五十一条 (RULES.md §1.3-§1.8).
    """

    classification = models.TextField(_("信息的分类"))
    arrangement = models.TextField(_("编排体系"))
    proactive_access = models.TextField(_("主动公开信息的获取方式"))
    reading_rooms = models.TextField(_("查阅场所"), blank=True)
    request_how = models.TextField(_("依申请公开：申请的提出"))
    request_handling = models.TextField(_("依申请公开：受理、补正和答复"))
    fees = models.TextField(_("信息处理费"), blank=True)
    supervision = models.TextField(_("监督和救济"))
    agency_name = models.CharField(_("政府信息公开工作机构"), max_length=200)
    address = models.CharField(_("办公地址"), max_length=300)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200)
    phone = models.CharField(_("联系电话"), max_length=100)
    fax = models.CharField(_("传真号码"), max_length=100)
    email = models.EmailField(_("电子邮箱"), max_length=200)
    website = models.CharField(_("网站"), max_length=200, blank=True)
    updated_on = models.DateField(_("更新日期"))

    class Meta:
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")

    def __str__(self) -> str:
        return str(_("政府信息公开指南"))
