"""Canonical JSON (RFC 8785, restricted profile of dsr-draw/1 §2.4).

Used wherever a hash covers structured data: the audit chain and the random draw.
Profile: objects, arrays, strings, integers with |x| <= 2**53 - 1, booleans and null;
no floats; ASCII object keys, sorted by byte value; no whitespace; UTF-8 output.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1


class CanonicalJSONError(ValueError):
    """The value cannot be written as canonical JSON under the profile."""


def _check(value: Any, path: str) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalJSONError(f"{path}: integer out of range")
        return value
    if isinstance(value, float):
        raise CanonicalJSONError(f"{path}: floats are not allowed")
    if isinstance(value, str):
        return _check_str(value, path)
    if isinstance(value, list | tuple):
        return [_check(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str) or not key.isascii():
                raise CanonicalJSONError(f"{path}: object keys must be ASCII strings")
            out[key] = _check(item, f"{path}.{key}")
        return out
    raise CanonicalJSONError(f"{path}: unsupported type {type(value).__name__}")


def _check_str(value: str, path: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalJSONError(f"{path}: lone surrogate in string") from exc
    return unicodedata.normalize("NFC", value)


def canonical_json(value: Any) -> bytes:
    """Return the canonical UTF-8 JSON bytes of ``value`` (strings NFC-normalised)."""
    checked = _check(value, "$")
    return json.dumps(
        checked, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")
