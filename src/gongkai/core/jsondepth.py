"""How deep a JSON text nests, found without parsing it.

``json.loads`` recurses once a level (C code, guarded by the recursion limit). A
library that raises the limit past what the C stack holds (py_ecc sets 100,000 on
import) turns a body of 100,000 ``[`` into a crashed process instead of a
``RecursionError``. Input from outside (an API body, an uploaded file) is therefore
measured first and refused when deeper than anything it may hold.
"""

from __future__ import annotations

import re
from itertools import accumulate

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]")


def nesting(text: str) -> int:
    """The deepest level of ``[`` and ``{`` in ``text``, those inside strings not
    counted (JSON text; anything else gives a number no parser relies on)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)
