"""Shape validation of the staff forms; business rules stay in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.widgets import DateInput

from .choices import Category, Disclosure, InterpretationForm, MediaKind, RelationKind
from .models import Column, Genre, Issuer, Topic

DATE = DateInput()


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    doc_number = forms.CharField(
        label=_("文号"),
        max_length=120,
        required=False,
        help_text=_("本机关文件如：闽质监〔2017〕126号；其他机关的文号按原样填写。"),
    )
    # Required for a document drafted here; an imported one may stay 不详 (services).
    issuers = forms.ModelMultipleChoiceField(
        label=_("发文机关"),
        queryset=Issuer.objects.all(),
        required=False,
        help_text=_("联合发文可选多个。"),
    )
    topic = forms.ModelChoiceField(
        label=_("主题分类"),
        queryset=Topic.objects.filter(is_active=True),
        required=False,
    )
    genre = forms.ModelChoiceField(
        label=_("体裁"), queryset=Genre.objects.filter(is_active=True), required=False
    )
    columns = forms.ModelMultipleChoiceField(
        label=_("栏目"), queryset=Column.objects.filter(is_active=True), required=False
    )
    keywords = forms.CharField(label=_("关键词"), max_length=200, required=False)
    summary = forms.CharField(label=_("内容概述"), max_length=500, required=False)
    body = forms.CharField(
        label=_("正文"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
    written_on = forms.DateField(label=_("成文日期"), widget=DATE, required=False)
    category = forms.TypedChoiceField(
        label=_("文件类别"),
        choices=Category.choices,
        initial=Category.OTHER,
        required=False,
        empty_value=Category.OTHER,
        help_text=_(
            "规章和行政规范性文件计入年度报告表二；行政规范性文件未填有效期的，"
            "按规定期限自动计算（暂行、试行较短）。"
        ),
    )
    effective_from = forms.DateField(label=_("实施日期"), widget=DATE, required=False)
    valid_until = forms.DateField(label=_("有效期至"), widget=DATE, required=False)
    disclosure = forms.ChoiceField(label=_("公开属性"), choices=Disclosure.choices)
    disclosure_reason = forms.CharField(
        label=_("不公开或依申请公开理由"), max_length=300, required=False
    )
    needs_interpretation = forms.BooleanField(label=_("需要政策解读"), required=False)
    formed_on = forms.DateField(
        label=_("信息形成日期"),
        widget=DATE,
        required=False,
        help_text=_("主动公开文件自形成之日起20个工作日内公开（条例第二十六条）。"),
    )


class InterpretationEditForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    form = forms.ChoiceField(label=_("解读形式"), choices=InterpretationForm.choices)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 12}))


class InterpretationMediaForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=MediaKind.choices)
    file = forms.FileField(label=_("文件（图片 PNG/JPG，视频 MP4/WebM）"))
    caption = forms.CharField(label=_("标题"), max_length=200)
    text_alternative = forms.CharField(
        label=_("文字说明（替代文本）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "必填：图解写明图中的全部要点，视频提供字幕文本或内容摘要，"
            "供使用读屏软件等无法查看图像或视频的读者阅读。"
        ),
    )


class RelationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("关系"),
        choices=RelationKind.choices,
        error_messages={"required": _("请选择关系并填写目标文件。")},
    )
    target = forms.CharField(
        label=_("目标文件的索引号或文号"),
        max_length=80,
        error_messages={"required": _("请选择关系并填写目标文件。")},
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("附件"), error_messages={"required": _("请选择要上传的附件。")}
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"),
        max_length=300,
        error_messages={"required": _("请填写理由。")},
    )
