"""Forms of the foi pages: shape validation only; the rules live in the services.

Bot protection without a visual puzzle: a signed, time-stamped form token (too fast,
too old or already used is refused: one token, one submission), a honeypot field
hidden from people and assistive technology, and a rate limit per address in the view.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Department
from gongkai.common.limits import use_once
from gongkai.common.widgets import DateInput, DateTimeInput

from .choices import (
    AppealKind,
    AppealResult,
    ApplicantType,
    Channel,
    ConsultationKind,
    Delivery,
    FeeMethod,
    Form,
    IdType,
)
from .rules import REPLY_OUTCOMES
from .services import Application

TOKEN_SALT = "gongkai.foi.apply"  # noqa: S105 (a signing salt, not a secret)
TOKEN_MAX_AGE = 4 * 3600


def form_token(*, since: int | None = None) -> str:
    """A signed token for one submission of the application form. ``since``: when the
    form was first shown, carried over when it comes back with errors, so a person
    correcting a mistake is never "too fast"."""
    issued = int(time.time()) if since is None else since
    return signing.dumps({"t": issued, "n": secrets.token_urlsafe(12)}, salt=TOKEN_SALT)


def token_issued(token: str) -> int | None:
    """When the form holding ``token`` was first shown, or None if it is not ours."""
    try:
        issued = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)["t"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return int(issued)


def _plain_label(label: Any) -> str:
    """A label without its parenthesised hint: 证件号码（自然人） → 证件号码."""
    return re.sub(r"（[^）]*）|\([^)]*\)", "", str(label)).strip()


def specific_messages(form: forms.Form) -> None:
    """Field messages that name the field (请填写姓名或名称), not Django's generic
    "这个字段是必填项"."""
    for field in form.fields.values():
        label = _plain_label(field.label)
        choose = isinstance(field, forms.ChoiceField | forms.FileField)
        field.error_messages["required"] = (
            _("请选择%(label)s。") if choose else _("请填写%(label)s。")
        ) % {"label": label}
        if isinstance(field, forms.CharField) and field.max_length:
            field.error_messages["max_length"] = _(
                "%(label)s最多 %(n)d 个字，请删减。"
            ) % {"label": label, "n": field.max_length}
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = _(
                "请填写有效的电子邮箱地址，例如 name@example.com。"
            )
        if isinstance(field, forms.ChoiceField):
            field.error_messages["invalid_choice"] = _("请从列表中选择%(label)s。") % {
                "label": label
            }


def form_token_use(token: str) -> bool:
    """Spend a (valid) token; False when it was spent before, by any worker."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return use_once(bucket="foi:token", ident=digest, timeout=TOKEN_MAX_AGE + 60)


def _min_seconds() -> int:
    return int(getattr(settings, "GONGKAI_FOI_MIN_FORM_SECONDS", 3))


class ApplicationForm(forms.Form):
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("姓名或名称"), max_length=200)
    id_type = forms.ChoiceField(
        label=_("证件类型（自然人）"),
        choices=[("", "—"), *IdType.choices],
        required=False,
    )
    id_number = forms.CharField(
        label=_("证件号码（自然人）"), max_length=40, required=False
    )
    uscc = forms.CharField(
        label=_("统一社会信用代码（法人或其他组织）"), max_length=24, required=False
    )
    contact_person = forms.CharField(
        label=_("联系人（可选）"), max_length=60, required=False
    )
    phone = forms.CharField(label=_("联系电话"), max_length=40)
    email = forms.EmailField(
        label=_("电子邮箱（可选，用于接收回执和通知）"), required=False
    )
    address = forms.CharField(
        label=_("通信地址（邮寄时必填）"), max_length=300, required=False
    )
    postcode = forms.CharField(
        label=_("邮政编码（可选）"), max_length=10, required=False
    )
    description = forms.CharField(
        label=_("所需信息的名称或特征描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("请写明信息名称、文号或者便于查询的其他特征性描述。"),
    )
    doc_number = forms.CharField(
        label=_("文号（如知道）"), max_length=100, required=False
    )
    form = forms.ChoiceField(
        label=_("信息的载体形式"), choices=Form.choices, widget=forms.RadioSelect
    )
    delivery = forms.ChoiceField(
        label=_("获取信息的方式"), choices=Delivery.choices, widget=forms.RadioSelect
    )
    attachment = forms.FileField(label=_("附件（可选，不超过 10 MB）"), required=False)

    def application(self) -> Application:
        data = self.cleaned_data
        upload = data.get("attachment")
        files = [(upload.name, upload.read())] if upload else []
        fields = [f for f in self.base_fields if f not in ("attachment",)]
        values = {
            f: data.get(f) or "" for f in fields if f in Application.__annotations__
        }
        return Application(**values, attachments=files)


class PublicApplicationForm(ApplicationForm):
    token = forms.CharField(widget=forms.HiddenInput)
    # honeypot: the wrapper is `hidden`, so people and screen readers never meet it
    website = forms.CharField(label=_("请勿填写"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        specific_messages(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("提交未通过校验，请重新填写。"), code="bot")
        if self._errors:
            # The fields' own messages say what to do; the timing checks wait for
            # the corrected form (its token keeps the time it was first shown).
            return data
        issued = token_issued(data.get("token", ""))
        if issued is None:
            raise forms.ValidationError(
                _("表单已过期，请重新提交（您填写的内容已保留）。"), code="token"
            )
        if time.time() - issued < _min_seconds():
            raise forms.ValidationError(
                _("提交过快，请核对内容后再次提交。"), code="too_fast"
            )
        return data


class RegisterForm(ApplicationForm):
    channel = forms.ChoiceField(
        label=_("申请渠道"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
    )
    received_at = forms.DateTimeField(
        label=_("收到申请时间"),
        widget=DateTimeInput(),
        help_text=_(
            "条例第三十一条：当面提交为提交之日；邮寄为签收之日；平常信函为与申请人确认之日；"
            "传真为双方确认之日。"
        ),
    )
    department = forms.ModelChoiceField(
        label=_("承办处室"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
    )


class FeeCalculatorForm(forms.Form):
    method = forms.ChoiceField(label=_("计费方式"), choices=FeeMethod.choices)
    quantity = forms.IntegerField(
        label=_("件数或页数"), min_value=0, max_value=1_000_000
    )
    earlier = forms.IntegerField(
        label=_("本月此前已申请件数（按件计收时）"),
        min_value=0,
        max_value=1_000_000,
        required=False,
    )


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=_("申请编号"), max_length=20)
    query_code = forms.CharField(label=_("查询码"), max_length=20)


# -- workbench steps -----------------------------------------------------------------
class ConfirmForm(forms.Form):
    at = forms.DateTimeField(
        label=_("双方确认（收到申请）时间"), widget=DateTimeInput()
    )


class PaidForm(forms.Form):
    at = forms.DateTimeField(label=_("缴费时间"), widget=DateTimeInput())


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("承办处室"), queryset=Department.objects.filter(is_active=True)
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("需要补正的事项（一次性告知）"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplicantCorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class CorrectionReceivedForm(forms.Form):
    at = forms.DateTimeField(label=_("收到补正时间"), widget=DateTimeInput())
    text = forms.CharField(
        label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ConsultForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ConsultationKind.choices)
    party = forms.CharField(label=_("被征求意见方"), max_length=200)
    question = forms.CharField(
        label=_("征求意见事项"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class AnswerForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    at = forms.DateTimeField(label=_("收到答复时间"), widget=DateTimeInput())
    answer = forms.CharField(
        label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DiscloseForm(forms.Form):
    """条例 第三十二条: disclose over the third party's objection."""

    consultation = forms.IntegerField(widget=forms.HiddenInput)
    content = forms.CharField(
        label=_("决定公开的政府信息内容"), widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("理由（不公开可能对公共利益造成重大影响）"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NotifyThirdPartyForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label=_("延长工作日数"), min_value=1, max_value=20, initial=20
    )
    reason = forms.CharField(label=_("延期理由"), max_length=300)


class ReasonsForm(forms.Form):
    question = forms.CharField(
        label=_("需要申请人说明的事项"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DelayForm(forms.Form):
    """条例 第三十五条: the later date the applicant is told, and why."""

    until = forms.DateField(label=_("延迟答复至"), widget=DateInput())
    reasons = forms.CharField(
        label=_("不能在法定期限内答复的原因"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FeeForm(forms.Form):
    method = forms.ChoiceField(label=_("收费方式"), choices=FeeMethod.choices)
    quantity = forms.IntegerField(
        label=_("件数或页数"), min_value=1, max_value=1_000_000
    )


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("答复类型（只能选一项）"),
        choices=[("", "—"), *((o.code, o.label) for o in REPLY_OUTCOMES)],
    )
    reply_text = forms.CharField(
        label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    reasons = forms.CharField(
        label=_("理由（不予公开、部分公开等须说明）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    referral = forms.CharField(
        label=_("负责公开的机关名称和联系方式（第三十六条第五项）"),
        max_length=300,
        required=False,
    )


class ReplyFileForm(forms.Form):
    file = forms.FileField(
        label=_("答复附件（PDF、DOCX、XLSX、PNG、JPG）"),
        help_text=_("上传后自动检查个人信息；PDF 可一键脱敏，原件保留。"),
    )


class ReturnReplyForm(forms.Form):
    note = forms.CharField(
        label=_("退回意见"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeliveryForm(forms.Form):
    at = forms.DateTimeField(label=_("送达时间"), widget=DateTimeInput())
    note = forms.CharField(label=_("送达方式和记录"), max_length=300)


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=AppealKind.choices)
    filed_on = forms.DateField(label=_("申请或起诉日期"), widget=DateInput())
    result = forms.ChoiceField(label=_("结果"), choices=AppealResult.choices)
    decided_on = forms.DateField(
        label=_("审结日期"),
        required=False,
        widget=DateInput(),
    )
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class AppealUpdateForm(forms.Form):
    appeal = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(label=_("结果"), choices=AppealResult.choices)
    decided_on = forms.DateField(
        label=_("审结日期"),
        required=False,
        widget=DateInput(),
    )


class ReportProseForm(forms.Form):
    overview = forms.CharField(
        label=_("一、总体情况"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    problems = forms.CharField(
        label=_("五、存在的主要问题及改进情况"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    other = forms.CharField(
        label=_("六、其他需要报告的事项"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
