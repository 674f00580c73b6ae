"""Date and date-time inputs for every form of the project.

A browser's ``<input type="date">`` accepts only ``YYYY-MM-DD`` and
``<input type="datetime-local">`` only ``YYYY-MM-DDTHH:MM`` (HTML, "valid date string",
"valid normalized local date and time string"). Django renders a widget's value with
the active language's first input format (``2026/12/05`` in zh-hans), which the browser
rejects: the field shows empty and the saved date is lost on the next save. These
widgets render the value in the one format the browser reads, whatever the language;
the form fields keep accepting every localized format when they parse.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """``<input type="date">`` with its value as ``YYYY-MM-DD``."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """``<input type="datetime-local">`` with its value as ``YYYY-MM-DDTHH:MM``."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


_DATE_SHAPE = re.compile(
    r"^\s*(\d{4})(?:[-/.年]\s*)?(\d{1,2})(?:[-/.月]\s*)?(\d{1,2})日?\s*$"
)


def iso_date(value: Any) -> str:
    """``value`` as ``YYYY-MM-DD`` when it reads as a calendar date (2026-9-18,
    2026/09/18, 2026.9.18, 2026年9月18日, 20260918), else ""."""
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    match = _DATE_SHAPE.match(str(value or ""))
    if not match:
        return ""
    try:
        return dt.date(*(int(g) for g in match.groups())).strftime(DATE_FORMAT)
    except ValueError:
        return ""


class RecordDateInput(forms.TextInput):
    """A date kept as text (an exchange-format record's item): a date picker showing
    ``YYYY-MM-DD`` when the value reads as a date or is empty, and a text box with
    the value as written when it does not (an import's "长期" or a typo), so nothing
    typed or imported is lost on the next save."""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        iso = iso_date(value)
        if iso or value in (None, ""):
            context["widget"]["type"] = "date"
            context["widget"]["value"] = iso
        return context
