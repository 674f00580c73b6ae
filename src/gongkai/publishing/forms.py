"""The input of the lifecycle actions, the same on pages and in the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.widgets import DateTimeInput


class NoInputForm(forms.Form):
    """An action that takes nothing."""


class ReasonForm(forms.Form):
    # Whether a reason is needed, and the message when it is missing, is the
    # service's rule (退回 and 撤回 say why they need one).
    reason = forms.CharField(
        label=_("原因或意见"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("发布时间"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("留空表示立即发布。"),
        error_messages={"invalid": _("发布时间格式不正确。")},
    )
    unpublish_at = forms.DateTimeField(
        label=_("下线时间"),
        required=False,
        widget=DateTimeInput(),
        error_messages={"invalid": _("下线时间格式不正确。")},
    )


class ScheduleForm(forms.Form):
    """Publication whose end the content type computes itself (e.g. penalties)."""

    publish_at = PublishForm.base_fields["publish_at"]


class ApproveForm(forms.Form):
    accept_warnings = forms.BooleanField(
        label=_("我已核对提示的敏感词语，确认可以发布"), required=False
    )
