"""Forms: shape only; the record is judged by licences.validation in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.common.widgets import DateInput, RecordDateInput

from ..forms import RecordForm
from .choices import LicenceCategory
from .fields import INPUT_FIELDS
from .selectors import LicenceQuery


class LicenceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("相对人名称、统一社会信用代码、文书号或许可编号"),
        required=False,
        max_length=100,
    )
    category = forms.ChoiceField(
        label=_("许可类别"),
        required=False,
        choices=[("", _("全部")), *list(LicenceCategory.choices)],
    )
    authority = forms.CharField(label=_("许可机关"), required=False, max_length=100)
    date_from = forms.DateField(
        label=_("决定日期自"), required=False, widget=DateInput()
    )
    date_to = forms.DateField(label=_("决定日期至"), required=False, widget=DateInput())

    def query(self) -> LicenceQuery:
        data = self.cleaned_data if self.is_valid() else {}
        return LicenceQuery(
            q=data.get("q") or "",
            category=data.get("category") or "",
            authority=data.get("authority") or "",
            decided_from=data.get("date_from"),
            decided_to=data.get("date_to"),
        )


def _widget(kind: str, code: str) -> forms.Widget:
    if kind == "longtext":
        return forms.Textarea(attrs={"rows": 3})
    if kind == "date" and code != "XK_YXQJZ":  # 有效期至 may be "长期": a text box
        return RecordDateInput()
    return forms.TextInput()


class LicenceForm(RecordForm):
    """One text box per data item, named by its exchange code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in INPUT_FIELDS:
            help_text = spec.code
            if spec.kind == "date":
                help_text = _("%(code)s；如 2026-09-18") % {"code": spec.code}
                if spec.code == "XK_YXQJZ":
                    help_text = _("%(code)s；如 2031-09-17，长期有效填“长期”") % {
                        "code": spec.code
                    }
            self.fields[spec.code] = forms.CharField(
                label=spec.label,
                required=False,
                widget=_widget(spec.kind, spec.code),
                help_text=help_text,
            )
