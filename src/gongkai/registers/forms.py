"""Forms (shape only): entries are checked by rules.check_record via the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Department
from gongkai.common.widgets import DateInput

from .choices import FieldKind
from .models import Register


class EntryForm(forms.Form):
    """One input per field of the register, named by the field key."""

    def __init__(self, register: Register, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in register.fields.all():
            help_text = "" if f.public else _("不公开")
            if f.kind == "enum":
                field: forms.Field = forms.ChoiceField(
                    choices=[("", "—")] + [(o, o) for o in f.options]
                )
            elif f.kind == "longtext":
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
            elif f.kind == "date":
                field = forms.CharField(widget=DateInput())
            elif f.kind == "file":
                field = forms.FileField()
                help_text = _("草稿保存后可上传或更换附件")
            else:
                field = forms.CharField()
            field.required = False
            field.label = f.label
            field.help_text = help_text
            self.fields[f.key] = field

    def record(self) -> dict[str, Any]:
        return {
            k: v for k, v in self.cleaned_data.items() if v and not hasattr(v, "read")
        }

    def uploads(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if hasattr(v, "read")}


class FilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)

    def __init__(self, register: Register, fields: list[Any], *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        for f in fields:
            self.fields[f.key] = forms.ChoiceField(
                label=f.label,
                required=False,
                choices=[("", _("全部"))] + [(o, o) for o in f.options],
            )


class RegisterForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=100)
    slug = forms.SlugField(
        label=_("网址名"),
        max_length=60,
        help_text=_("字母、数字和连字符，如 spot-checks"),
    )
    description = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    basis = forms.CharField(label=_("公开依据"), required=False, max_length=300)
    department = forms.ModelChoiceField(
        label=_("负责处室"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
    )


class FieldForm(forms.Form):
    # The key the field had when the page was shown: a changed key is a rename.
    old_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    key = forms.CharField(label=_("字段代码"), max_length=40, required=False)
    label = forms.CharField(label=_("字段名称"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=FieldKind.choices)
    options = forms.CharField(
        label=_("可选值（枚举，用、分隔）"), required=False, max_length=500
    )
    required = forms.BooleanField(label=_("必填"), required=False)
    is_key = forms.BooleanField(label=_("唯一标识"), required=False)
    is_title = forms.BooleanField(label=_("作为标题"), required=False)
    listed = forms.BooleanField(label=_("列表显示"), required=False)
    filterable = forms.BooleanField(label=_("可筛选"), required=False)
    searchable = forms.BooleanField(label=_("可搜索"), required=False)
    public = forms.BooleanField(label=_("公开"), required=False)


FieldFormSet = forms.formset_factory(FieldForm, extra=3)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel（.xlsx）或 CSV 文件"))
    publish = forms.BooleanField(
        label=_("校验通过的条目直接发布（仅公开办审核人员）"), required=False
    )
