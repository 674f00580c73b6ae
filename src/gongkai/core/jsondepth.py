"""How deep a JSON text nests, found without parsing it.

``json.loads`` recurses once a level (C code, guarded by the recursion limit). A
library that raises the limit past what the C stack holds (py_ecc sets 100,000 on
import) turns a body of 100,000 ``[`` into a crashed process instead of a
``RecursionError``. Input from outside (an API body, an uploaded file) is therefore
measured first and refused when deeper than anything it may hold.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]")


def nesting(text: str) -> int:
    """The deepest level of ``[`` and ``{`` in ``text``, those inside strings not
    counted (JSON text; anything else gives a number no parser relies on)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)


def loads(text: str, *, max_depth: int = 64) -> Any:
    """``json.loads``, refusing text that nests deeper than ``max_depth`` before
    parsing it, with the ``json.JSONDecodeError`` its callers already handle."""
    if nesting(text) > max_depth:
        raise json.JSONDecodeError("嵌套层次过深", text, 0)
    return json.loads(text)
