"""core.jsondepth: the nesting of JSON text, strings not counted."""

from __future__ import annotations

import json
import sys

import pytest

from gongkai.core.jsondepth import loads, nesting


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


def test_loads_refuses_deep_text_before_parsing_under_any_recursion_limit():
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)  # as py_ecc leaves it (100,000), and more
    try:
        with pytest.raises(json.JSONDecodeError, match="嵌套层次过深"):
            loads("[" * 1_000_000)
    finally:
        sys.setrecursionlimit(limit)
    assert loads("[" * 64 + "]" * 64) == json.loads("[" * 64 + "]" * 64)
    with pytest.raises(json.JSONDecodeError, match="嵌套层次过深"):
        loads("[" * 65 + "]" * 65)
    assert loads('{"a": 1}', max_depth=1) == {"a": 1}
