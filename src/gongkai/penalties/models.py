"""Penalty records (双公示 行政处罚, RULES.md §3.2) on the shared publishing lifecycle,
and the import runs that bring them in from spreadsheets."""

from __future__ import annotations

import functools
from typing import Any, ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.common.importing.models import ImportRowErrorBase, ImportRunBase
from gongkai.publishing.models import Publishable

from .choices import (
    ChangeKind,
    IdType,
    PartyCategory,
    PenaltyType,
    Sector,
)
from .rules import TYPE_LABELS

MONEY = {"max_digits": 18, "decimal_places": 6, "null": True, "blank": True}


class Penalty(Publishable):
    """One 行政处罚决定 and its publication. Field comments give the exchange code."""

    review_fields: ClassVar[tuple[str, ...]] = (
        "party_name",
        "violation_type",
        "facts",
        "basis",
        "content",
        "remarks",
        "decision_text",
    )

    # Searched by substring (migration 0002: FTS5 trigram / pg_trgm), never by a
    # b-tree; neither are 处罚类别 and 处罚机关 (contains): no index on them, as each
    # one costs every import (0005).
    party_name = models.CharField(_("行政相对人名称"), max_length=200)
    party_category = models.CharField(
        _("行政相对人类别"), max_length=20, choices=PartyCategory.choices
    )  # CF_XDR_LB
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, db_index=True
    )  # CF_XDR_SHXYM
    reg_number = models.CharField(_("工商注册号"), max_length=50, blank=True)
    org_code = models.CharField(_("组织机构代码"), max_length=20, blank=True)
    tax_number = models.CharField(_("税务登记号"), max_length=50, blank=True)
    institution_number = models.CharField(
        _("事业单位证书号"), max_length=50, blank=True
    )
    social_org_number = models.CharField(
        _("社会组织登记证号"), max_length=50, blank=True
    )
    legal_rep = models.CharField(_("法定代表人"), max_length=50, blank=True)
    legal_rep_id_type = models.CharField(
        _("法定代表人证件类型"), max_length=12, choices=IdType.choices, blank=True
    )
    legal_rep_id_number = models.CharField(
        _("法定代表人证件号码"), max_length=50, blank=True
    )
    party_id_type = models.CharField(
        _("证件类型"), max_length=12, choices=IdType.choices, blank=True
    )  # CF_XDR_ZJLX (自然人)
    party_id_number = models.CharField(
        _("证件号码"), max_length=50, blank=True
    )  # CF_XDR_ZJHM (自然人)
    party_address = models.CharField(_("当事人地址"), max_length=300, blank=True)
    decision_number = models.CharField(
        _("行政处罚决定书文号"), max_length=128, unique=True
    )  # CF_WSH
    violation_type = models.TextField(_("违法行为类型"))  # CF_WFXW
    facts = models.TextField(_("违法事实"))  # CF_SY
    basis = models.TextField(_("处罚依据"))  # CF_YJ
    # CF_CFLB, stored ",fine,warning," so one type filters with contains
    penalty_types = models.CharField(_("处罚类别"), max_length=300)
    content = models.TextField(_("处罚内容"))  # CF_NR
    fine_amount = models.DecimalField(_("罚款金额（万元）"), **MONEY)  # CF_NR_FK
    confiscated_amount = models.DecimalField(
        _("没收违法所得、没收非法财物的金额（万元）"), **MONEY
    )  # CF_NR_WFFF
    licence_affected = models.CharField(
        _("暂扣或吊销证照名称及编号"), max_length=200, blank=True
    )  # CF_NR_ZKDX
    decided_on = models.DateField(_("处罚决定日期"), db_index=True)  # CF_JDRQ
    valid_until = models.DateField(_("处罚有效期"))  # CF_YXQ
    publicity_until = models.DateField(_("公示截止期"))  # CF_GSJZQ
    authority = models.CharField(_("处罚机关"), max_length=200)
    authority_uscc = models.CharField(_("处罚机关统一社会信用代码"), max_length=18)
    source_unit = models.CharField(_("数据来源单位"), max_length=200)
    source_unit_uscc = models.CharField(
        _("数据来源单位统一社会信用代码"), max_length=18
    )
    remarks = models.TextField(_("备注"), blank=True)  # BZ
    decision_text = models.TextField(_("行政处罚决定书正文"), blank=True)
    sector = models.CharField(
        _("行业领域"), max_length=20, choices=Sector.choices, default=Sector.GENERAL
    )
    restriction_until = models.DateField(_("限制期限至"), null=True, blank=True)

    # Derived when the record is written (rules.publication_window, the clock).
    earliest_end = models.DateField(_("可申请提前停止公示日期"), null=True, blank=True)
    window_basis = models.CharField(_("公示期限依据"), max_length=100, blank=True)
    publish_required = models.BooleanField(_("须公示"), default=True)
    # Two publication clocks (rules module docstring): the own site (status and
    # publish_at of the lifecycle) and 国家企业信用信息公示系统 (总局令第45号 第九条).
    publish_due_on = models.DateField(_("网站公示时限"), null=True, blank=True)
    gsxt_due_on = models.DateField(
        _("国家企业信用信息公示系统公示时限"), null=True, blank=True
    )
    gsxt_published_on = models.DateField(
        _("国家企业信用信息公示系统公示日期"), null=True, blank=True
    )
    early_ended_at = models.DateTimeField(_("提前停止公示时间"), null=True, blank=True)
    early_end_note = models.CharField(_("信用修复说明"), max_length=500, blank=True)
    change_kind = models.CharField(
        _("决定变更情形"), max_length=20, choices=ChangeKind.choices, blank=True
    )
    changed_on = models.DateField(_("决定变更日期"), null=True, blank=True)
    import_run = models.ForeignKey(
        "penalties.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("行政处罚")
        verbose_name_plural = _("行政处罚")
        indexes = [
            models.Index(fields=["status", "decided_on"]),
            models.Index(fields=["department", "status"]),
            # The page token's next window edge (publishing.caching).
            models.Index(fields=["publish_at"], name="penalty_publish_at"),
            models.Index(fields=["unpublish_at"], name="penalty_unpublish_at"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.party_name}"

    def get_absolute_url(self) -> str:
        return reverse("penalties:penalty-detail", kwargs={"pk": self.pk})

    @property
    def types(self) -> list[str]:
        return [t for t in self.penalty_types.split(",") if t]

    def type_labels(self) -> list[str]:
        # A plain dict lookup: list pages call this for every row.
        labels = _penalty_type_labels()
        return [str(labels[t]) for t in self.types if t in labels]

    @property
    def is_natural_person(self) -> bool:
        return self.party_category == PartyCategory.NATURAL_PERSON


@functools.cache
def _penalty_type_labels() -> dict[str, Any]:
    """PenaltyType's lazy labels by value (translated when made a str)."""
    return {t.value: t.label for t in PenaltyType}


def pack_types(types: list[str]) -> str:
    """The stored form of 处罚类别: ",warning,fine," (第九条 order, comma-fenced)."""
    order = list(TYPE_LABELS)
    ordered = sorted(set(types), key=lambda t: order.index(t) if t in order else 99)
    return "," + ",".join(ordered) + "," if ordered else ""


class ImportRun(ImportRunBase):
    """One spreadsheet import of penalties (common.importing)."""

    class Meta(ImportRunBase.Meta):
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")


class ImportRowError(ImportRowErrorBase):
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="errors")

    class Meta(ImportRowErrorBase.Meta):
        pass


# 行政许可 双公示 (the licences sub-area) lives in this app: its models load here.
from .licences.models import (  # noqa: E402
    LicenceDecision,
    LicenceImportRowError,
    LicenceImportRun,
)

__all__ = [
    "ImportRowError",
    "ImportRun",
    "LicenceDecision",
    "LicenceImportRowError",
    "LicenceImportRun",
    "Penalty",
    "pack_types",
]
