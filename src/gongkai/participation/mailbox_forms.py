"""Forms of the mailbox, proposals and incidents (validation only).

The public message form has the bot protection of the FOI application form: a
signed single-use token (too fresh or reused is refused), a hidden honeypot, and a
rate limit per address in the view.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Department
from gongkai.common.limits import use_once
from gongkai.common.widgets import DateTimeInput

from .models import (
    IncidentKind,
    MessageCategory,
    ProposalKind,
    ReleaseKind,
    Satisfaction,
)

TOKEN_SALT = "participation.message"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 6 * 3600


def form_token() -> str:
    """A signed token for one submission of the message form."""
    return signing.dumps(
        {"t": int(time.time()), "n": secrets.token_urlsafe(12)}, salt=TOKEN_SALT
    )


def form_token_use(token: str) -> bool:
    """Spend a (valid) token; False when it was spent before, by any worker."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return use_once(
        bucket="participation:token", ident=digest, timeout=TOKEN_MAX_AGE + 60
    )


def _departments() -> Any:
    return Department.objects.filter(is_active=True).order_by("order", "name")


class MessageForm(forms.Form):
    category = forms.ChoiceField(
        label=_("留言类别"), choices=MessageCategory.choices, widget=forms.RadioSelect
    )
    department = forms.ModelChoiceField(
        label=_("留言对象（可选）"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("本局（由办公室分办）"),
    )
    subject = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("留言内容"), widget=forms.Textarea, max_length=5000)
    name = forms.CharField(label=_("姓名"), max_length=60)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    is_public = forms.TypedChoiceField(
        label=_("答复后是否公开"),
        choices=[("1", _("同意公开（姓名和联系方式不公开）")), ("0", _("不公开"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    about = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)
    token = forms.CharField(widget=forms.HiddenInput)
    # honeypot: the wrapper is `hidden`, so people and screen readers never meet it
    website = forms.CharField(label=_("请勿填写"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("提交未通过校验，请重新填写。"), code="bot")
        try:
            issued = signing.loads(
                data.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE
            )["t"]
        except (signing.BadSignature, KeyError, TypeError) as exc:
            raise forms.ValidationError(
                _("表单已过期，请重新提交（您填写的内容已保留）。"), code="token"
            ) from exc
        seconds = int(getattr(settings, "GONGKAI_MESSAGE_MIN_FORM_SECONDS", 3))
        if time.time() - issued < seconds:
            raise forms.ValidationError(
                _("提交过快，请核对内容后再次提交。"), code="too_fast"
            )
        if not (data.get("phone") or "").strip() and not data.get("email"):
            self.add_error("phone", _("请至少留下联系电话或电子邮箱，以便答复。"))
        return data


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=_("留言编号"), max_length=20)
    query_code = forms.CharField(label=_("查询码"), max_length=20)


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("您对答复是否满意"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("说明（可选）"), max_length=500, required=False, widget=forms.Textarea
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复内容"), widget=forms.Textarea)


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("交办/转办至"), queryset=Department.objects.none()
    )
    reason = forms.CharField(label=_("说明（可选）"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()  # type: ignore[attr-defined]


class InvalidForm(forms.Form):
    reason = forms.CharField(label=_("无效原因"), max_length=300)


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ProposalKind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=2100)
    number = forms.CharField(label=_("编号"), max_length=40)
    title = forms.CharField(label=_("标题"), max_length=300)
    proposer = forms.CharField(label=_("代表/委员"), max_length=200)
    lead_department = forms.ModelChoiceField(
        label=_("主办处室"), queryset=Department.objects.none()
    )
    co_departments = forms.ModelMultipleChoiceField(
        label=_("会办处室（可选）"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    assigned_at = forms.DateTimeField(label=_("交办时间"), widget=DateTimeInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("lead_department", "co_departments"):
            self.fields[name].queryset = _departments()  # type: ignore[attr-defined]


class ReplyForm(forms.Form):
    title = forms.CharField(label=_("答复标题"), max_length=300)
    body = forms.CharField(label=_("答复全文"), widget=forms.Textarea)
    is_summary = forms.BooleanField(label=_("仅公开摘要"), required=False)
    summary_reason = forms.CharField(
        label=_("摘要公开理由"), max_length=500, required=False
    )
    replied_at = forms.DateTimeField(label=_("答复时间"), widget=DateTimeInput)


class ProposalRateForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("代表委员满意度"), choices=Satisfaction.choices
    )
    note = forms.CharField(label=_("说明（可选）"), max_length=500, required=False)


class IncidentForm(forms.Form):
    title = forms.CharField(label=_("事件名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=IncidentKind.choices)
    occurred_at = forms.DateTimeField(
        label=_("发生（发现）时间，精确到分钟"), widget=DateTimeInput
    )
    department = forms.ModelChoiceField(
        label=_("责任处室"), queryset=Department.objects.none()
    )
    summary = forms.CharField(label=_("概要"), widget=forms.Textarea, required=False)
    is_public = forms.BooleanField(label=_("在网站公开"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()  # type: ignore[attr-defined]


class ReleaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ReleaseKind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    at = forms.DateTimeField(label=_("发布时间"), widget=DateTimeInput)
    url = forms.URLField(
        label=_("链接（可选）"), required=False, max_length=500, assume_scheme="https"
    )
    body = forms.CharField(
        label=_("内容（可选）"), widget=forms.Textarea, required=False
    )
