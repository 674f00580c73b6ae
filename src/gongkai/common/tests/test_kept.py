"""Parts rendered once and kept, with each page's values in their slots (kept)."""

from __future__ import annotations

import pytest
from django.utils.safestring import mark_safe

from gongkai.common import kept
from gongkai.common.kept import kept_render, slot

A, B = slot("a"), slot("b2")


@pytest.fixture(autouse=True)
def _empty() -> None:
    kept._kept.clear()


def test_each_slot_is_filled_escaped_and_safe_html_goes_in_as_it_is():
    html = kept_render("search/_help.html", {"candidates": A}, {A: "<b>&"})
    assert "&lt;b&gt;&amp;" in html and A not in html
    safe = kept_render("search/_help.html", {"candidates": A}, {A: mark_safe("<b>")})
    assert "<b>" in safe


def test_a_value_is_never_read_for_placeholders():
    # A value holding another slot's placeholder (it is secret, but a value is
    # text from anyone) is put in as it is: one pass over the kept part only.
    html = kept_render(
        "search/_form.html", {"query": A, "x": B}, {A: f"say {B}", B: "<b>"}
    )
    assert f'value="say {B}"' in html


def test_the_part_is_rendered_once_per_inputs():
    kept_render("search/_form.html", {"query": A}, {A: "one"})
    two = kept_render("search/_form.html", {"query": A}, {A: "two"})
    assert len(kept._kept) == 1 and 'value="two"' in two


@pytest.mark.parametrize("name", ["", "A", "a-b", "a b", "名"])
def test_a_slot_name_is_lower_case_letters_and_digits(name):
    with pytest.raises(ValueError, match="lower-case letters and digits"):
        slot(name)
