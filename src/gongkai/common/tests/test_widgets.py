"""Date inputs render the one format a browser reads, in every language; no form of
the project builds its own date widget (the browser tests check the pages)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

from gongkai.common.widgets import DateInput, DateTimeInput

SRC = Path(__file__).resolve().parents[2]


class _Form(forms.Form):
    on = forms.DateField(widget=DateInput())
    at = forms.DateTimeField(widget=DateTimeInput())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_widgets_render_iso_values_in_every_language(language):
    form = _Form(
        initial={"on": dt.date(2026, 12, 5), "at": dt.datetime(2026, 12, 5, 9, 7)}
    )
    with translation.override(language):
        html = str(form["on"]) + str(form["at"])
    assert 'type="date"' in html and 'value="2026-12-05"' in html
    assert 'type="datetime-local"' in html and 'value="2026-12-05T09:07"' in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-05", dt.date(2026, 12, 5)),  # what the browser sends
        ("2026/12/05", dt.date(2026, 12, 5)),  # typed by hand, zh-hans format
    ],
)
def test_date_field_still_parses_what_browser_and_people_send(value, expected):
    with translation.override("zh-hans"):
        form = _Form(data={"on": value, "at": "2026-12-05T09:07"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == expected
    assert form.cleaned_data["at"].replace(tzinfo=None) == dt.datetime(
        2026, 12, 5, 9, 7
    )


def test_no_module_builds_its_own_date_widget():
    own = re.compile(r"forms\.Date(Time)?Input\(|\"type\": \"date")
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "widgets.py"
        and "tests" not in path.parts
        and own.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("value", "shown_type", "shown_value"),
    [
        ("2026-09-18", "date", "2026-09-18"),
        ("2026/9/18", "date", "2026-09-18"),
        ("2026年9月18日", "date", "2026-09-18"),
        ("20260918", "date", "2026-09-18"),
        ("", "date", ""),
        (None, "date", ""),
        ("长期", "text", "长期"),  # kept as written, never blanked
        ("2026-02-30", "text", "2026-02-30"),  # no such day: the text stays to fix
    ],
)
def test_record_date_input_keeps_what_it_cannot_read(value, shown_type, shown_value):
    from gongkai.common.widgets import RecordDateInput

    html = RecordDateInput().render("d", value)
    assert f'type="{shown_type}"' in html
    if shown_value:
        assert f'value="{shown_value}"' in html
    else:
        assert "value=" not in html or 'value=""' in html
