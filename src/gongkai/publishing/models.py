"""The one publishing lifecycle every public content type shares, and simple pages.

A content type inherits ``Publishable`` and lists the fields the pre-publication checks
read in ``review_fields``; its create/update services call ``revision_save``; every
transition goes through ``publishing.services``.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Status, WordLevel
from .rules import is_visible


class PublishableQuerySet(models.QuerySet):
    def visible(self, now: dt.datetime | None = None) -> PublishableQuerySet:
        """Published and inside the window at ``now`` (mirrors rules.is_visible)."""
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, publish_at__lte=now).filter(
            models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now)
        )


class Publishable(models.Model):
    review_fields: ClassVar[tuple[str, ...]] = ("title",)

    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("处室"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("起草人"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)
    publish_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    unpublish_at = models.DateTimeField(_("下线时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdraw_reason = models.CharField(_("撤回原因"), max_length=500, blank=True)
    formed_on = models.DateField(
        _("信息形成日期"),
        null=True,
        blank=True,
        help_text=_(
            "主动公开信息应自形成或变更之日起20个工作日内公开（条例第二十六条）。"
        ),
    )
    revision = models.PositiveIntegerField(_("版本"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def review_text(self) -> dict[str, str]:
        """The text of each field the pre-publication checks scan."""
        return {name: str(getattr(self, name) or "") for name in self.review_fields}

    def is_visible(self, now: dt.datetime | None = None) -> bool:

        return is_visible(
            status=self.status,
            publish_at=self.publish_at,
            unpublish_at=self.unpublish_at,
            now=now or timezone.now(),
        )


class Revision(models.Model):
    """A snapshot of a content item's reviewed fields, kept for comparison."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    content = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"],
                name="revision_number_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} #{self.number}"


class SensitiveWord(models.Model):
    word = models.CharField(_("词语"), max_length=100, unique=True)
    level = models.CharField(
        _("处理"), max_length=8, choices=WordLevel.choices, default=WordLevel.WARN
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")

    def __str__(self) -> str:
        return self.word


class Page(Publishable):
    """A simple content page (网站声明, 联系我们, 公开指南 …) on the shared lifecycle."""

    review_fields = ("title", "summary", "body")

    title = models.CharField(_("标题"), max_length=200)
    slug = models.SlugField(_("网址名"), max_length=80, unique=True)
    summary = models.CharField(_("内容概述"), max_length=500, blank=True)
    body = models.TextField(_("正文"), blank=True)

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("网页")
        verbose_name_plural = _("网页")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:page", kwargs={"slug": self.slug})


class SiteVersion(models.Model):
    """A counter every change of public content bumps (the page-cache token).

    ``next_change`` is the next moment a publication window opens or closes or the
    day changes (validity is derived from dates); the first request after it bumps
    the counter (see ``caching.page_token``). None: not yet computed.
    """

    value = models.PositiveBigIntegerField(default=0)
    next_change = models.DateTimeField(null=True, blank=True)
    # When ``next_change`` was last computed: the window edges after it and up to
    # now are the ones a roll marks stale (``caching.roll``).
    checked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.value)


class PageTag(models.Model):
    """The counter value at the last change of a dependency tag (``<app>.<model>``
    or ``<app>.<model>:<pk>``, see ``common.modules.PublicPages``): a page rendered
    at counter value v is stale when one of its tags has a value above v."""

    tag = models.CharField(max_length=120, unique=True)
    value = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return f"{self.tag}@{self.value}"


class StaticPage(models.Model):
    """A page of the static tree (``gongkai static build``): its path, when it was
    built and, when a change marked one of its tags (``StaticPageTag``), since when
    it is stale."""

    path = models.CharField(max_length=500, unique=True)
    url_name = models.CharField(max_length=120)
    built_at = models.DateTimeField()
    stale_since = models.DateTimeField(null=True, blank=True, db_index=True)
    # The counter value (``SiteVersion``) of the last mark of one of its tags: a
    # refresh that read the counter before that mark leaves the page stale.
    marked_value = models.PositiveBigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return self.path


class StaticPageTag(models.Model):
    """A dependency tag a static page was rendered with (as ``PageTag.tag``): a mark
    finds the pages holding its tags through the (tag, page) index."""

    page = models.ForeignKey(StaticPage, on_delete=models.CASCADE, related_name="+")
    tag = models.CharField(max_length=120)

    class Meta:
        constraints = [
            # Tag first, so its index serves ``tag IN (…)``; the foreign key's
            # own index serves replacing a page's tags.
            models.UniqueConstraint(
                fields=["tag", "page"], name="publishing_staticpagetag_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tag} @ {self.page_id}"
