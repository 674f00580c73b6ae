"""Forms of the workbench pages (shape only; the services judge the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.widgets import DateInput

from .choices import Kind


class YearKindForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=Kind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)


class UploadForm(YearKindForm):
    file = forms.FileField(label=_("预决算表（.xlsx）"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传由模板填写的 .xlsx 文件。"))
        return upload


class ExplanationForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    explanation = forms.CharField(
        label=_("情况说明"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_(
            "应包括部门职能、收支总体情况、机关运行经费、“三公”经费、政府采购、国有资产占用等情况说明。"
        ),
    )
    running_costs = forms.DecimalField(
        label=_("机关运行经费（万元）"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )


class ApprovalForm(forms.Form):
    approved_on = forms.DateField(label=_("财政部门批复日期"), widget=DateInput())
