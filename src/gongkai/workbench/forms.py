from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Department
from gongkai.common.widgets import DateInput


class PageForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    slug = forms.SlugField(
        label=_("网址名"),
        max_length=80,
        help_text=_("只能包含字母、数字、连字符，例如 guide。"),
    )
    summary = forms.CharField(label=_("内容概述"), max_length=500, required=False)
    body = forms.CharField(
        label=_("正文"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    formed_on = forms.DateField(
        label=_("信息形成日期"),
        required=False,
        help_text=_("填写后自动计算20个工作日的主动公开期限。"),
        widget=DateInput(),
    )
    department = forms.ModelChoiceField(
        label=_("处室"), queryset=Department.objects.filter(is_active=True)
    )
