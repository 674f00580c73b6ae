"""Strict JSON reading for dsr-draw/1 (DRAW.md §2.4 profile, §3 normalisation).

Two layers:

* :func:`loads` parses JSON text and rejects, at parse time, what a plain ``json.loads``
  would silently accept: duplicate object keys (the last one would win), floats,
  ``NaN``/``Infinity``, integers beyond ±(2^53 − 1); and, before parsing, text that
  nests deeper than :data:`MAX_NESTING` (bundles come from anyone, and the parser
  recurses once a level: see :mod:`gongkai.core.jsondepth`).
* :func:`normalise` walks an already-parsed value (also what ``draw()`` receives
  from Python callers) and enforces the rest of the profile: no floats, ASCII
  keys, no lone surrogates, safe integers; and it NFC-normalises every string, keys
  included, as §3 requires before anything else looks at the input.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..jsondepth import nesting
from .errors import DrawInputError

MAX_SAFE_INTEGER = 2**53 - 1
# An input, vector or bundle nests 6 levels; a proof fewer. Far deeper is no draw
# document, and refusing it before parsing holds under any recursion limit.
MAX_NESTING = 64


def _no_float(text: str) -> Any:
    raise DrawInputError("float_not_allowed", "$", f"number {text}")


def _safe_int(text: str) -> int:
    # Reject before int() so a 10^6-digit number costs nothing (§2.4: |x| <= 2^53 − 1).
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_SAFE_INTEGER:
        raise DrawInputError("integer_out_of_range", "$", f"number {text[:40]}")
    return int(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # in C; a repeated key would leave fewer entries than pairs
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                # §2.4: a duplicate key makes the input invalid (json.loads keeps the
                # last one).
                raise DrawInputError("duplicate_key", "$", repr(key))
            seen.add(key)
    return out


def loads(text: bytes | str) -> Any:
    """Parse JSON text under the §2.4 profile, or raise :class:`DrawInputError`."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DrawInputError("invalid_json", "$", f"not UTF-8: {exc}") from exc
    if nesting(text) > MAX_NESTING:
        raise DrawInputError("invalid_json", "$", f"nested deeper than {MAX_NESTING}")
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_float=_no_float,
            parse_int=_safe_int,
            parse_constant=_no_float,
        )
    except DrawInputError:
        raise
    except (ValueError, RecursionError) as exc:
        raise DrawInputError("invalid_json", "$", str(exc)) from exc


def normalise(value: Any, path: str = "$") -> Any:
    """Check ``value`` against the §2.4 profile; return it with strings NFC (§3)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise DrawInputError("integer_out_of_range", path, str(value)[:40])
        return value
    if isinstance(value, float):
        raise DrawInputError("float_not_allowed", path, repr(value))
    if isinstance(value, str):
        return _nfc(value, path)
    if isinstance(value, list | tuple):
        return [normalise(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise DrawInputError("wrong_type", path, f"object key {key!r}")
            if not key.isascii():
                raise DrawInputError("key_not_ascii", path, repr(key))
            if key in out:  # unreachable for ASCII keys, kept for NFC safety
                raise DrawInputError("duplicate_key", path, repr(key))
            out[key] = normalise(item, f"{path}.{key}")
        return out
    raise DrawInputError("wrong_type", path, f"unsupported type {type(value).__name__}")


def _nfc(value: str, path: str) -> str:
    if value.isascii():  # fast path: ASCII is NFC and has no surrogates
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DrawInputError("lone_surrogate", path) from exc
    return unicodedata.normalize("NFC", value)
