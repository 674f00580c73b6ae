from django import forms
from django.utils.translation import gettext_lazy as _


class CalendarImportForm(forms.Form):
    file = forms.FileField(
        label=_("节假日安排文件（CSV 或 JSON）"),
        help_text=_(
            "CSV 表头为 date,kind,name；kind 为 off（放假）或 work（调休上班）。"
        ),
    )
    source = forms.CharField(
        label=_("依据（通知文号）"), max_length=200, required=False
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > 200_000:
            raise forms.ValidationError(_("文件过大（上限 200 KB）。"))
        if not upload.name.lower().endswith((".csv", ".json")):
            raise forms.ValidationError(_("只接受 .csv 或 .json 文件。"))
        return upload
