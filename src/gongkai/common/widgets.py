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
