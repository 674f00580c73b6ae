"""Form fields shared by every app.

``JSONTextField`` is Django's ``forms.JSONField`` with the nesting of the text
measured before it is parsed (core.jsondepth). Django's field turns only a
``JSONDecodeError`` into a form error: text deep enough to exhaust the parser's
recursion raised out of the form (a 500), and in a process whose recursion limit a
library raised (py_ecc) it overflowed the C stack.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _

from gongkai.core.jsondepth import nesting

# No value a form of ours takes nests deeper (rule values nest two or three levels).
MAX_NESTING = 64


class JSONTextField(forms.JSONField):
    """A JSON text field refusing text nested deeper than ``MAX_NESTING``."""

    default_error_messages = {
        "too_deep": _("JSON 嵌套层次过深（最多 %(limit)d 层）。"),
    }

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and nesting(value) > MAX_NESTING:
            raise ValidationError(
                self.error_messages["too_deep"],
                code="too_deep",
                params={"limit": MAX_NESTING},
            )
        return super().to_python(value)

    def bound_data(self, data: Any, initial: Any) -> Any:
        # Redisplaying the refused text parses it again: shown as typed instead.
        if isinstance(data, str) and nesting(data) > MAX_NESTING:
            return InvalidJSONInput(data)
        return super().bound_data(data, initial)
