"""Forms of the workbench pages (shape only; the services judge the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.widgets import DateInput

from .choices import Kind
from .services import MAX_CODES_FILE


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


SINCE_MESSAGE = _("起始年度应为 2000 至 2100 之间的四位数字。")


class CodesForm(forms.Form):
    """The upload of an edition of the 政府收支分类科目 (the file's content is
    judged by ``services.codes_load``, as for the command line)."""

    file = forms.FileField(
        label=_("科目表文件（.json）"),
        error_messages={
            "required": _("请选择科目表文件（.json）。"),
            "empty": _("文件是空的。"),
        },
    )
    since = forms.IntegerField(
        label=_("起始年度"),
        min_value=2000,
        max_value=2100,
        help_text=_("从该年度起的预决算按这一版科目校验。"),
        error_messages={
            "required": SINCE_MESSAGE,
            "invalid": SINCE_MESSAGE,
            "min_value": SINCE_MESSAGE,
            "max_value": SINCE_MESSAGE,
        },
    )
    source = forms.CharField(
        label=_("来源"),
        max_length=300,
        required=False,
        help_text=_(
            "如财政部印发当年《政府收支分类科目》的通知文号；留空则用文件中的 source。"
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CODES_FILE:
            raise forms.ValidationError(_("文件不能超过 2 MB。"))
        return upload
