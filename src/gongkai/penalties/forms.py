"""Forms: shape only. The record itself is validated by validation.validate_record
through the services, so a page, the API and the import judge it the same way."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.widgets import DateInput, RecordDateInput

from .choices import ChangeKind, PartyCategory, PenaltyType
from .fields import FIELDS
from .selectors import PenaltyQuery


class PenaltyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("当事人名称、统一社会信用代码或决定书文号"),
        required=False,
        max_length=100,
    )
    type = forms.ChoiceField(
        label=_("处罚类别"),
        required=False,
        choices=[("", _("全部")), *list(PenaltyType.choices)],
    )
    category = forms.ChoiceField(
        label=_("当事人类别"),
        required=False,
        choices=[("", _("全部")), *list(PartyCategory.choices)],
    )
    authority = forms.CharField(label=_("处罚机关"), required=False, max_length=100)
    date_from = forms.DateField(
        label=_("决定日期自"),
        required=False,
        widget=DateInput(),
    )
    date_to = forms.DateField(
        label=_("决定日期至"),
        required=False,
        widget=DateInput(),
    )

    def query(self) -> PenaltyQuery:
        data = self.cleaned_data if self.is_valid() else {}
        return PenaltyQuery(
            q=data.get("q") or "",
            penalty_type=data.get("type") or "",
            category=data.get("category") or "",
            authority=data.get("authority") or "",
            decided_from=data.get("date_from"),
            decided_to=data.get("date_to"),
        )


def _widget(kind: str) -> Any:
    if kind == "longtext":
        return forms.Textarea(attrs={"rows": 3})
    if kind == "date":
        return RecordDateInput()
    return forms.TextInput()


class RecordForm(forms.Form):
    """One text box per data item, named by its exchange code (penalties and
    licensing decisions); the subclass adds the boxes."""

    def record(self) -> dict[str, str]:
        """The filled boxes, as the raw cells the services validate."""
        return {k: v for k, v in self.cleaned_data.items() if v}


class PenaltyForm(RecordForm):
    """One text box per data item, named by its exchange code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in FIELDS:
            help_text = spec.code
            if spec.kind == "types":
                help_text = _("%(code)s；多个类别用“；”分隔，如：警告；罚款") % {
                    "code": spec.code
                }
            elif spec.kind == "money":
                help_text = _("%(code)s；单位：万元") % {"code": spec.code}
            elif spec.kind == "date":
                help_text = _("%(code)s；如 2026-09-18") % {"code": spec.code}
            self.fields[spec.code] = forms.CharField(
                label=spec.label,
                required=False,
                widget=_widget(spec.kind),
                help_text=help_text,
            )


class GsxtForm(forms.Form):
    """The day the decision was publicised in 国家企业信用信息公示系统."""

    published_on = forms.DateField(
        label=_("公示日期"),
        widget=DateInput(),
        error_messages={
            "required": _("请填写公示日期。"),
            "invalid": _("请填写公示日期。"),
        },
    )


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("变更情形"),
        choices=ChangeKind.choices,
        error_messages={"required": _("请填写变更情形和日期。")},
    )
    changed_on = forms.DateField(
        label=_("决定变更日期"),
        widget=DateInput(),
        error_messages={
            "required": _("请填写变更情形和日期。"),
            "invalid": _("决定变更日期格式不正确。"),
        },
    )


class WithdrawForm(ChangeForm):
    reason = forms.CharField(
        label=_("撤回原因（将向社会公开）"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class EarlyEndForm(forms.Form):
    obligations_performed = forms.BooleanField(
        label=_("已经自觉履行行政处罚决定中规定的义务"), required=False
    )
    harm_eliminated = forms.BooleanField(
        label=_("已经主动消除危害后果和不良影响"), required=False
    )
    no_repeat = forms.BooleanField(
        label=_("未因同一类违法行为再次受到行政处罚"), required=False
    )
    not_listed = forms.BooleanField(
        label=_("未在经营异常名录和严重违法失信名单中"), required=False
    )
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class ImportForm(forms.Form):
    """A spreadsheet to import (penalties and licensing decisions)."""

    file = forms.FileField(label=_("Excel（.xlsx）或 CSV 文件"))
    publish = forms.BooleanField(
        label=_("校验通过的记录直接发布（仅公开办审核人员）"), required=False
    )
