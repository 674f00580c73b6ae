import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("动态验证码"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        help_text=_("身份验证器应用中显示的 6 位数字。"),
    )

    def clean_token(self) -> str:
        # Full-width digits (a Chinese input method) read as the digits they are.
        token = unicodedata.normalize("NFKC", self.cleaned_data["token"])
        token = token.strip().replace(" ", "")
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError(_("验证码只能包含数字。"))
        return token
