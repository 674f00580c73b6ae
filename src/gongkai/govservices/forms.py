"""Forms: shape checks only; completeness is the rules' (shown beside the form, and
enforced when the guide is submitted, approved or published)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import (
    AdjustmentKind,
    Audience,
    HandlingForm,
    ItemType,
    Necessity,
    OnlineLevel,
)
from .models import IntermediaryService, ServiceItem, pack_forms
from .services import INTERMEDIARY_FIELDS, POWER_FIELDS, SERVICE_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    online_address = forms.URLField(
        label=_("网上办理地址"), max_length=500, required=False, assume_scheme="https"
    )
    handling_forms = forms.MultipleChoiceField(
        label=_("办理形式"),
        choices=HandlingForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ServiceItem
        fields = list(SERVICE_FIELDS)
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "accept_conditions": forms.Textarea(attrs={"rows": 4}),
            "procedure": forms.Textarea(attrs={"rows": 4}),
            "fee_items": forms.Textarea(attrs={"rows": 2}),
            "fee_basis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["handling_forms"] = self.instance.forms_list

    def values(self) -> dict[str, Any]:
        """The cleaned values as the services take them."""
        data = dict(self.cleaned_data)
        data["handling_forms"] = pack_forms(data.get("handling_forms") or [])
        return {k: v for k, v in data.items() if k in SERVICE_FIELDS}


class MaterialForm(forms.Form):
    name = forms.CharField(label=_("材料名称"), max_length=300)
    originals = forms.IntegerField(
        label=_("原件份数"), min_value=0, max_value=99, initial=1
    )
    copies = forms.IntegerField(
        label=_("复印件份数"), min_value=0, max_value=99, initial=0
    )
    necessity = forms.ChoiceField(label=_("必要性"), choices=Necessity.choices)
    source = forms.CharField(label=_("材料来源"), max_length=200, required=False)
    note = forms.CharField(label=_("填报须知"), max_length=500, required=False)
    blank_form = forms.FileField(label=_("空白表格"), required=False)
    sample = forms.FileField(label=_("示范样表"), required=False)


class CatalogueForm(forms.Form):
    """The public catalogue's filters (a bad value is ignored with a message)."""

    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    department = forms.TypedChoiceField(
        label=_("处室"), required=False, coerce=int, empty_value=None
    )
    theme = forms.ChoiceField(label=_("主题"), required=False)
    audience = forms.ChoiceField(
        label=_("服务对象"),
        required=False,
        choices=[("", _("全部")), ("person", _("个人")), ("organisation", _("法人"))],
    )
    level = forms.ChoiceField(
        label=_("网上办理深度"),
        required=False,
        choices=[("", _("全部")), *OnlineLevel.choices],
    )

    def __init__(self, *args: Any, facets: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("全部"))] + [
            (pk, name) for pk, name in facets["departments"]
        ]
        self.fields["theme"].choices = [("", _("全部"))] + [
            (t, t) for t in facets["themes"]
        ]


class PowerForm(forms.Form):
    code = forms.CharField(label=_("事项编码"), max_length=64)
    name = forms.CharField(label=_("事项名称"), max_length=200)
    power_type = forms.ChoiceField(label=_("权力类型"), choices=ItemType.choices)
    legal_basis = forms.CharField(
        label=_("实施依据"), widget=forms.Textarea(attrs={"rows": 3})
    )
    responsibilities = forms.CharField(
        label=_("责任事项"), widget=forms.Textarea(attrs={"rows": 4})
    )
    accountability = forms.CharField(
        label=_("追责情形"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kind = forms.ChoiceField(
        label=_("列入方式"),
        choices=[
            (k, v)
            for k, v in AdjustmentKind.choices
            if k in ("add", "retain", "take_over")
        ],
    )
    effective_on = forms.DateField(label=_("调整日期"), widget=DateInput)
    doc_number = forms.CharField(label=_("文号"), max_length=128, required=False)
    reason = forms.CharField(label=_("理由"), required=False, max_length=2000)

    def values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in POWER_FIELDS}


class AdjustForm(forms.Form):
    kind = forms.ChoiceField(label=_("调整类型"), choices=AdjustmentKind.choices)
    effective_on = forms.DateField(label=_("调整日期"), widget=DateInput)
    doc_number = forms.CharField(label=_("文号"), max_length=128, required=False)
    reason = forms.CharField(
        label=_("调整理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    delegated_to = forms.CharField(
        label=_("下放至或承接自"), max_length=200, required=False
    )
    name = forms.CharField(
        label=_("事项名称（调整后）"), max_length=200, required=False
    )
    legal_basis = forms.CharField(
        label=_("实施依据（调整后）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsibilities = forms.CharField(
        label=_("责任事项（调整后）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def changes(self) -> dict[str, Any]:
        return {
            k: v
            for k in ("name", "legal_basis", "responsibilities")
            if (v := self.cleaned_data.get(k))
        }


class DiffForm(forms.Form):
    """Two dates of the power list (the API and the page share it)."""

    start = forms.DateField(
        label=_("起始日期"),
        widget=DateInput,
        error_messages={"invalid": _("起始日期格式不正确，应如 2026-01-31。"),
                        "required": _("请填写起始日期。")},
    )  # fmt: skip
    end = forms.DateField(
        label=_("截止日期"),
        widget=DateInput,
        error_messages={"invalid": _("截止日期格式不正确，应如 2026-01-31。"),
                        "required": _("请填写截止日期。")},
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("start", "end"):
            value = data.get(name)
            if isinstance(value, dt.date) and value.year < 1949:
                self.add_error(name, _("日期不应早于1949年。"))
        return data


class IntermediaryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = IntermediaryService
        fields = list(INTERMEDIARY_FIELDS)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("导入内容"),
        choices=[
            ("services", _("政务服务事项")),
            ("powers", _("权责事项")),
            ("adjustments", _("权责清单调整")),
        ],
    )
    file = forms.FileField(label=_("文件（.xlsx 或 .csv）"))
    publish = forms.BooleanField(
        label=_("导入后直接发布（仅审核人员）"), required=False
    )


AUDIENCE_LABELS = dict(Audience.choices)
