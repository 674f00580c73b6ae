"""Forms of consultations and meetings: shape validation only; the rules live in
``consultation_rules`` and the services.

The public comment form has the bot protection of FOI applications: a signed,
time-stamped token (too fast, too old or already used is refused), a honeypot
field hidden from people and assistive technology, and a rate limit per address in
the view (``common.limits``).
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

from gongkai.common.limits import use_once
from gongkai.common.widgets import DateTimeInput

from .choices import FeedbackOutcome
from .services.consultations import ConsultationData, FeedbackItemData
from .services.meetings import MeetingData

TOKEN_SALT = "gongkai.participation.comment"  # noqa: S105 (a signing salt)
TOKEN_MAX_AGE = 4 * 3600


def form_token() -> str:
    """A signed token for one submission of the comment form."""
    return signing.dumps(
        {"t": int(time.time()), "n": secrets.token_urlsafe(12)}, salt=TOKEN_SALT
    )


def form_token_use(token: str) -> bool:
    """Spend a (valid) token; False when it was spent before, by any worker."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return use_once(
        bucket="consultation:token", ident=digest, timeout=TOKEN_MAX_AGE + 60
    )


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("称呼（可选，公开显示）"), max_length=60, required=False
    )
    topic = forms.CharField(
        label=_("涉及条款或方面（可选）"), max_length=100, required=False
    )
    body = forms.CharField(
        label=_("意见内容"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("请勿填写身份证号、手机号等个人信息；如有，公开时将被隐去。"),
    )
    contact = forms.CharField(
        label=_("联系方式（可选，不公开，仅用于就意见与您联系）"),
        max_length=100,
        required=False,
    )
    token = forms.CharField(widget=forms.HiddenInput)
    # honeypot: the wrapper is `hidden`, so people and screen readers never meet it
    website = forms.CharField(label=_("请勿填写"), required=False)

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
        seconds = int(getattr(settings, "GONGKAI_CONSULTATION_MIN_FORM_SECONDS", 3))
        if time.time() - issued < seconds:
            raise forms.ValidationError(
                _("提交过快，请核对内容后再次提交。"), code="too_fast"
            )
        return data


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    explanation = forms.CharField(
        label=_("起草说明"), widget=forms.Textarea(attrs={"rows": 6})
    )
    draft_document_id = forms.IntegerField(
        label=_("草案在公开目录中的编号（可选）"), min_value=1, required=False
    )
    draft_url = forms.CharField(label=_("草案链接"), max_length=500, required=False)
    draft_file = forms.FileField(label=_("草案附件"), required=False)
    open_at = forms.DateTimeField(label=_("开始时间"), widget=DateTimeInput())
    close_at = forms.DateTimeField(
        label=_("截止时间"),
        widget=DateTimeInput(),
        help_text=_("一般不少于30日（重大行政决策程序暂行条例 第十五条）。"),
    )
    shortened_reason = forms.CharField(
        label=_("缩短期限的理由（少于30日时必填，向社会公开）"),
        max_length=500,
        required=False,
    )
    channels = forms.CharField(
        label=_("其他提交意见的方式"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    publish_comments = forms.BooleanField(label=_("公开经审核的意见"), required=False)
    hearing_at = forms.DateTimeField(
        label=_("听证会时间（可选）"), widget=DateTimeInput(), required=False
    )
    hearing_place = forms.CharField(
        label=_("听证会地点"), max_length=200, required=False
    )
    hearing_materials_at = forms.DateTimeField(
        label=_("听证材料公布时间（至少提前7日）"),
        widget=DateTimeInput(),
        required=False,
    )

    def data_object(self) -> ConsultationData:
        d = self.cleaned_data
        return ConsultationData(
            title=d["title"],
            explanation=d["explanation"],
            open_at=d["open_at"],
            close_at=d["close_at"],
            shortened_reason=d.get("shortened_reason") or "",
            draft_document_id=d.get("draft_document_id"),
            draft_url=d.get("draft_url") or "",
            draft_file=d.get("draft_file") or None,
            channels=d.get("channels") or "",
            publish_comments=bool(d.get("publish_comments")),
            hearing_at=d.get("hearing_at"),
            hearing_place=d.get("hearing_place") or "",
            hearing_materials_at=d.get("hearing_materials_at"),
        )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("提前截止的理由（在公布的截止时间之前结束时必填，向社会公开）"),
        max_length=500,
        required=False,
    )


class FinalDocumentForm(forms.Form):
    url = forms.CharField(label=_("正式文件链接"), max_length=500)


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核结果"),
        choices=[("approve", _("通过")), ("reject", _("不通过"))],
    )
    note = forms.CharField(label=_("审核说明"), max_length=300, required=False)


class FeedbackForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("总体情况"), widget=forms.Textarea(attrs={"rows": 4})
    )
    received_count = forms.IntegerField(label=_("收到意见（条）"), min_value=0)


class FeedbackItemForm(forms.Form):
    topic = forms.CharField(label=_("主题或条款"), max_length=100)
    opinion = forms.CharField(
        label=_("意见摘要"), widget=forms.Textarea(attrs={"rows": 2})
    )
    count = forms.IntegerField(label=_("意见数（条）"), min_value=1, initial=1)
    # a blank first choice: the empty extra rows stay unchanged and are skipped
    outcome = forms.ChoiceField(
        label=_("采纳情况"), choices=[("", "—"), *FeedbackOutcome.choices]
    )
    reason = forms.CharField(
        label=_("理由（部分采纳或未采纳时必填）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def item(self) -> FeedbackItemData:
        d = self.cleaned_data
        return FeedbackItemData(
            topic=d["topic"],
            opinion=d["opinion"],
            outcome=d["outcome"],
            count=d["count"],
            reason=d.get("reason") or "",
        )


FeedbackItemFormSet = forms.formset_factory(FeedbackItemForm, extra=3)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("会议名称"), max_length=300)
    held_at = forms.DateTimeField(label=_("会议时间"), widget=DateTimeInput())
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    agenda = forms.CharField(label=_("议程"), widget=forms.Textarea(attrs={"rows": 4}))
    participants = forms.CharField(
        label=_("邀请列席的公众和媒体代表"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    livestream_url = forms.URLField(
        label=_("直播地址"), required=False, assume_scheme="https"
    )
    recording_url = forms.URLField(
        label=_("回放地址"), required=False, assume_scheme="https"
    )
    outcome = forms.CharField(
        label=_("会议结果"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def data_object(self) -> MeetingData:
        d = self.cleaned_data
        return MeetingData(
            **{k: d.get(k) or "" for k in self.fields} | {"held_at": d["held_at"]}
        )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX 或 CSV 文件"))
