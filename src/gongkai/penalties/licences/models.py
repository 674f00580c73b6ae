"""Licensing decisions (双公示 行政许可) on the shared publishing lifecycle, and the
import runs that bring them in. Loaded with ``penalties.models`` (app ``penalties``);
field comments give the exchange code (licences.fields)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.common.importing.models import ImportRowErrorBase, ImportRunBase
from gongkai.publishing.models import Publishable

from ..choices import IdType, PartyCategory
from .choices import LicenceCategory


class LicenceDecision(Publishable):
    """One 行政许可决定 and its publication on the bureau's site."""

    review_fields: ClassVar[tuple[str, ...]] = (
        "party_name",
        "document_name",
        "certificate_name",
        "content",
        "remarks",
    )

    party_name = models.CharField(_("行政相对人名称"), max_length=200)  # XK_XDR_MC
    party_category = models.CharField(
        _("行政相对人类别"), max_length=20, choices=PartyCategory.choices
    )  # XK_XDR_LB
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, db_index=True
    )  # XK_XDR_SHXYM
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
    )  # XK_XDR_ZJLX
    party_id_number = models.CharField(
        _("证件号码"), max_length=50, blank=True
    )  # XK_XDR_ZJHM
    document_name = models.CharField(
        _("行政许可决定文书名称"), max_length=64
    )  # XK_XKWS
    decision_number = models.CharField(
        _("行政许可决定文书号"), max_length=64, unique=True
    )  # XK_WSH
    licence_category = models.CharField(
        _("许可类别"), max_length=20, choices=LicenceCategory.choices
    )  # XK_XKLB
    certificate_name = models.CharField(
        _("许可证书名称"), max_length=64, blank=True
    )  # XK_XKZS
    certificate_number = models.CharField(
        _("许可编号"), max_length=64, blank=True
    )  # XK_XKBH
    content = models.TextField(_("许可内容"))  # XK_NR
    decided_on = models.DateField(_("许可决定日期"), db_index=True)  # XK_JDRQ
    valid_from = models.DateField(_("有效期自"))  # XK_YXQZ
    valid_until = models.DateField(_("有效期至"))  # XK_YXQJZ
    authority = models.CharField(_("许可机关"), max_length=200)  # XK_XKJG
    authority_uscc = models.CharField(
        _("许可机关统一社会信用代码"), max_length=18
    )  # XK_XKJGDM
    source_unit = models.CharField(_("数据来源单位"), max_length=200)  # XK_LYDW
    source_unit_uscc = models.CharField(
        _("数据来源单位统一社会信用代码"), max_length=18
    )  # XK_LYDWDM
    remarks = models.TextField(_("备注"), blank=True)  # BZ
    # The site clock (licences.rules: 7 working days from the decision).
    publish_due_on = models.DateField(_("网站公示时限"), null=True, blank=True)
    import_run = models.ForeignKey(
        "penalties.LicenceImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("行政许可")
        verbose_name_plural = _("行政许可")
        indexes = [
            models.Index(fields=["status", "decided_on"]),
            models.Index(fields=["publish_at"], name="licence_publish_at"),
            models.Index(fields=["unpublish_at"], name="licence_unpublish_at"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.party_name}"

    def get_absolute_url(self) -> str:
        return reverse("penalties:licence-detail", kwargs={"pk": self.pk})

    @property
    def is_natural_person(self) -> bool:
        return self.party_category == PartyCategory.NATURAL_PERSON


class LicenceImportRun(ImportRunBase):
    """One spreadsheet import of licensing decisions (common.importing)."""

    class Meta(ImportRunBase.Meta):
        verbose_name = _("行政许可导入记录")
        verbose_name_plural = _("行政许可导入记录")


class LicenceImportRowError(ImportRowErrorBase):
    run = models.ForeignKey(
        LicenceImportRun, on_delete=models.CASCADE, related_name="errors"
    )

    class Meta(ImportRowErrorBase.Meta):
        pass
