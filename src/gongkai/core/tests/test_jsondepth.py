"""core.jsondepth: the nesting of JSON text, strings not counted."""

from __future__ import annotations

import pytest

from gongkai.core.jsondepth import nesting


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("", 0),
        ("1", 0),
        ("[]", 1),
        ('{"201": "[[[{{"}', 1),  # brackets inside a string
        ('{"a": [[1], {"b": "\\"]"}]}', 3),  # an escaped quote does not end it
        ('"\\"{"', 0),
        ("[" * 100_000, 100_000),  # unclosed: still measured, nothing parsed
        ('{"a":' * 17 + "1" + "}" * 17, 17),
        ("[[]][[[]]]", 3),
    ],
)
def test_nesting(text, depth):
    assert nesting(text) == depth
