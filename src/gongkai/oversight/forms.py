"""Input of oversight pages (validation only)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.widgets import DateInput
from gongkai.publishing.forms import ApproveForm

from .choices import TaskStatus
from .models import GroupMember, MediaAccount, MediaPost, ReadingRoom, TrainingSession


class CheckForm(forms.Form):
    on = forms.DateField(
        label=_("检查时点（留空为今天）"), required=False, widget=DateInput()
    )
    links = forms.BooleanField(
        label=_("检查链接可用性（抓取站内页面）"), required=False
    )

    def clean_on(self) -> dt.date | None:
        day = self.cleaned_data.get("on")
        if day is not None and not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
            raise forms.ValidationError(_("检查时点应在 2000 年至 2100 年之间。"))
        return day


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("起始日期"), widget=DateInput())
    end = forms.DateField(label=_("截止日期"), widget=DateInput())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        if (
            isinstance(start, dt.date)
            and isinstance(end, dt.date)
            and (end - start).days > 366
        ):
            raise forms.ValidationError(_("期间不能超过一年。"))
        return data


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=TaskStatus.choices)
    text = forms.CharField(
        label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class PlanImportForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=200)
    doc_number = forms.CharField(label=_("文号"), max_length=60, required=False)
    file = forms.FileField(label=_("任务分解表（Excel .xlsx 或 CSV）"))


class AccountForm(forms.ModelForm):
    class Meta:
        model = MediaAccount
        fields = ["platform", "name", "department", "status", "opened_on"]
        widgets = {"opened_on": DateInput()}


class PostForm(forms.ModelForm):
    class Meta:
        model = MediaPost
        fields = ["account", "title", "body", "image"]


class ThreeReviewApproveForm(ApproveForm):
    """Approval of a new-media post: with the three reviews (三审)."""

    first_review = forms.CharField(label=_("初审人"), max_length=60)
    second_review = forms.CharField(label=_("复审人"), max_length=60)
    final_review = forms.CharField(label=_("终审人"), max_length=60)


class ReadingRoomForm(forms.ModelForm):
    class Meta:
        model = ReadingRoom
        fields = ["name", "address", "hours", "phone", "order"]


class TrainingForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["held_on", "topic", "participants", "public"]
        widgets = {"held_on": DateInput()}


class MemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["name", "position", "group_role", "duties", "order"]
