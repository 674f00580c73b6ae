"""Service items and their guides (政务服务事项, 办事指南, RULES.md §7), the power and
responsibility list (权责清单) with its dated adjustments, intermediary services, and
the spreadsheet import runs. Field comments give the national exchange code."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.common.importing.models import ImportRowErrorBase, ImportRunBase
from gongkai.publishing.models import Publishable

from .choices import (
    AdjustmentKind,
    Audience,
    Charging,
    HandlingForm,
    HandlingType,
    ItemType,
    Necessity,
    OnlineLevel,
    OnlinePayment,
    TimeUnit,
)
from .rules import GuideFacts


class ServiceItem(Publishable):
    """One 政务服务事项 and its 办事指南, published through review."""

    review_fields: ClassVar[tuple[str, ...]] = (
        "name",
        "accept_conditions",
        "procedure",
        "fee_items",
        "place",
    )

    name = models.CharField(_("事项名称"), max_length=200)  # task_name
    basic_code = models.CharField(
        _("基本编码"), max_length=40, blank=True
    )  # catalog_code
    # task_code: opaque, the embedded USCC of the 实施主体 is checked (rules).
    implementation_code = models.CharField(
        _("实施编码"), max_length=64, blank=True, db_index=True
    )
    item_type = models.CharField(
        _("事项类型"), max_length=20, choices=ItemType.choices
    )  # task_type
    legal_basis = models.TextField(_("设定依据"), blank=True)  # by_law
    implementing_body = models.CharField(
        _("实施主体"), max_length=200, blank=True
    )  # dept_name
    theme = models.CharField(_("主题"), max_length=50, blank=True, db_index=True)
    audience = models.CharField(
        _("服务对象"), max_length=20, choices=Audience.choices, default=Audience.BOTH
    )  # server_type
    accept_conditions = models.TextField(_("受理条件"), blank=True)
    procedure = models.TextField(_("办理流程"), blank=True)  # handle_flow
    statutory_limit = models.PositiveIntegerField(
        _("法定办结时限"), null=True, blank=True
    )  # anticipate_day
    statutory_unit = models.CharField(
        _("法定时限单位"), max_length=12, choices=TimeUnit.choices, blank=True
    )
    statutory_note = models.CharField(_("法定时限说明"), max_length=300, blank=True)
    promised_limit = models.PositiveIntegerField(
        _("承诺办结时限"), null=True, blank=True
    )  # promise_day
    promised_unit = models.CharField(
        _("承诺时限单位"), max_length=12, choices=TimeUnit.choices, blank=True
    )
    promised_note = models.CharField(_("承诺时限说明"), max_length=300, blank=True)
    visits = models.PositiveSmallIntegerField(
        _("到办事现场次数"), null=True, blank=True
    )  # limit_scene_num
    handling_type = models.CharField(
        _("办件类型"), max_length=12, choices=HandlingType.choices, blank=True
    )  # project_type
    # handle_type, several: ",window,mail," (comma-fenced, filtered with contains).
    handling_forms = models.CharField(_("办理形式"), max_length=60, blank=True)
    online_level = models.CharField(
        _("网上办理深度"), max_length=2, choices=OnlineLevel.choices, blank=True
    )  # online_handle_depth
    online_address = models.URLField(_("网上办理地址"), max_length=500, blank=True)
    charged = models.BooleanField(_("是否收费"), default=False)  # is_fee
    fee_items = models.TextField(_("收费项目及标准"), blank=True)
    fee_basis = models.TextField(_("收费依据"), blank=True)  # fee_basis
    online_payment = models.CharField(
        _("是否支持网上支付"), max_length=4, choices=OnlinePayment.choices, blank=True
    )
    place = models.CharField(_("办理地点"), max_length=300, blank=True)  # transact_addr
    hours = models.CharField(_("办理时间"), max_length=300, blank=True)  # transact_time
    consult_phone = models.CharField(
        _("咨询电话"), max_length=60, blank=True
    )  # link_way
    complaint_phone = models.CharField(
        _("监督投诉电话"), max_length=60, blank=True
    )  # supervise_way
    result_name = models.CharField(_("审批结果名称"), max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        indexes = [
            models.Index(fields=["status", "online_level"]),
            models.Index(fields=["publish_at"], name="service_publish_at"),
            models.Index(fields=["unpublish_at"], name="service_unpublish_at"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("govservices:service-detail", kwargs={"pk": self.pk})

    @property
    def forms_list(self) -> list[str]:
        return [f for f in self.handling_forms.split(",") if f]

    def forms_labels(self) -> list[str]:
        labels = dict(HandlingForm.choices)
        return [str(labels[f]) for f in self.forms_list if f in labels]

    def facts(self, materials: int | None = None) -> GuideFacts:
        """The guide as the completeness rules read it."""
        if materials is None:
            materials = self.materials.count() if self.pk else 0
        return GuideFacts(
            name=self.name,
            implementation_code=self.implementation_code,
            item_type=self.item_type,
            legal_basis=self.legal_basis,
            implementing_body=self.implementing_body,
            accept_conditions=self.accept_conditions,
            procedure=self.procedure,
            materials=materials,
            statutory_limit=self.statutory_limit,
            statutory_unit=self.statutory_unit,
            promised_limit=self.promised_limit,
            promised_unit=self.promised_unit,
            visits=self.visits,
            handling_type=self.handling_type,
            handling_forms=frozenset(self.forms_list),
            online_level=self.online_level,
            online_address=self.online_address,
            charged=self.charged,
            fee_items=self.fee_items,
            fee_basis=self.fee_basis,
            online_payment=self.online_payment,
            consult_phone=self.consult_phone,
            complaint_phone=self.complaint_phone,
        )


def pack_forms(forms: list[str]) -> str:
    """The stored form of 办理形式: ",window,mail," (empty when none)."""
    ordered = [f for f in ("window", "online", "mail") if f in set(forms)]
    return "," + ",".join(ordered) + "," if ordered else ""


def _upload_to(instance: Any, filename: str) -> str:
    return f"govservices/materials/{instance.service_id}/{filename}"


class Material(models.Model):
    """One 申请材料 of a guide, with its blank form and sample."""

    service = models.ForeignKey(
        ServiceItem, on_delete=models.CASCADE, related_name="materials"
    )
    name = models.CharField(_("材料名称"), max_length=300)
    originals = models.PositiveSmallIntegerField(_("原件份数"), default=1)
    copies = models.PositiveSmallIntegerField(_("复印件份数"), default=0)
    necessity = models.CharField(
        _("必要性"),
        max_length=12,
        choices=Necessity.choices,
        default=Necessity.REQUIRED,
    )
    source = models.CharField(_("材料来源"), max_length=200, blank=True)
    note = models.CharField(_("填报须知"), max_length=500, blank=True)
    blank_form = models.FileField(_("空白表格"), upload_to=_upload_to, blank=True)
    sample = models.FileField(_("示范样表"), upload_to=_upload_to, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self) -> str:
        return self.name


class PowerItem(models.Model):
    """One item of the power and responsibility list; its listed state over time
    comes from its adjustments (rules.power_list_on)."""

    code = models.CharField(_("事项编码"), max_length=64, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    power_type = models.CharField(
        _("权力类型"), max_length=20, choices=ItemType.choices
    )
    legal_basis = models.TextField(_("实施依据"))
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("责任处室"),
    )
    responsibilities = models.TextField(_("责任事项"))
    accountability = models.TextField(_("追责情形"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("权责事项")
        verbose_name_plural = _("权责清单")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("govservices:power-detail", kwargs={"code": self.code})

    def snapshot(self) -> dict[str, str]:
        """The item as the list shows it (kept on each adjustment)."""
        return {
            "name": self.name,
            "power_type": self.power_type,
            "legal_basis": self.legal_basis,
            "department": self.department.name,
            "responsibilities": self.responsibilities,
            "accountability": self.accountability,
        }


class Adjustment(models.Model):
    """One dated adjustment of a power item (取消, 下放, 承接, 调整, 保留, 新增)."""

    item = models.ForeignKey(
        PowerItem, on_delete=models.CASCADE, related_name="adjustments"
    )
    kind = models.CharField(
        _("调整类型"), max_length=12, choices=AdjustmentKind.choices
    )
    effective_on = models.DateField(_("调整日期"), db_index=True)
    # Kept as written, whatever its shape (core.doc_numbers); the shape is flagged.
    doc_number = models.CharField(_("文号"), max_length=128, blank=True)
    reason = models.TextField(_("调整理由"), blank=True)
    delegated_to = models.CharField(_("下放至或承接自"), max_length=200, blank=True)
    snapshot = models.JSONField(_("调整后事项内容"), default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("权责清单调整")
        verbose_name_plural = _("权责清单调整")

    def __str__(self) -> str:
        return f"{self.effective_on} {self.get_kind_display()} {self.item.name}"


class IntermediaryService(Publishable):
    """One 行政审批中介服务事项 (工作方案 第10项); moved here from the generic
    register "intermediary-services" (migration 0002)."""

    review_fields: ClassVar[tuple[str, ...]] = (
        "name",
        "approval",
        "providers",
        "basis",
    )

    name = models.CharField(_("中介服务事项"), max_length=300, unique=True)
    approval = models.CharField(_("涉及的审批事项"), max_length=300)
    providers = models.TextField(_("服务机构"), blank=True)
    charging = models.CharField(
        _("收费性质"), max_length=20, choices=Charging.choices, blank=True
    )
    basis = models.TextField(_("设定依据"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("中介服务事项")
        verbose_name_plural = _("中介服务事项")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("govservices:intermediary-list") + f"#i{self.pk}"


class ImportRun(ImportRunBase):
    """One spreadsheet import of service items, power items or adjustments."""

    kind = models.CharField(_("导入内容"), max_length=12, default="services")

    class Meta(ImportRunBase.Meta):
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")


class ImportRowError(ImportRowErrorBase):
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="errors")

    class Meta(ImportRowErrorBase.Meta):
        pass
