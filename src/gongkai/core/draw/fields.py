"""Field validators of dsr-draw/1: USCC, codes, texts, dates, hex (DRAW.md §3, §5).

Each validator takes an already NFC-normalised value (see :mod:`.strictjson`) and the
JSON path it came from, and returns the canonical value or raises
:class:`~.errors.DrawInputError` with a stable code.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .errors import DrawInputError
from .strictjson import MAX_SAFE_INTEGER

# §3 USCC (GB 32100-2015): 31-character alphabet, value = position; no I, O, S, V, Z.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
_ASCII_WS = "\t\n\x0b\x0c\r "
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

_CODE = re.compile(r"[0-9A-Za-z._-]{1,32}")  # §3 codes
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # §3 dates, ASCII digits only
_HEX = re.compile(r"(?:[0-9a-f]{2})*")  # §2.3: every hex string is lower case
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # §3 texts exclude C0, DEL and C1


def uscc_check_char(first17: str) -> str:
    """The 18th USCC character for 17 valid leading characters (§3 step 5)."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def canonical_uscc(raw: Any, path: str = "$") -> str:
    """Return the canonical form of a USCC (§3 steps 1–5) or raise ``invalid_uscc``."""
    if not isinstance(raw, str):
        raise DrawInputError("wrong_type", path, "USCC must be a string")
    text = unicodedata.normalize("NFKC", raw)  # step 1: full-width → ASCII
    text = text.strip(_ASCII_WS)  # step 2: ASCII white space only, not str.strip()
    text = text.translate(_ASCII_UPPER)  # step 3: only a–z, never other letters
    if len(text) != 18:
        raise DrawInputError("invalid_uscc", path, f"{raw!r}: {len(text)} characters")
    bad = [c for c in text if c not in _USCC_VALUE]
    if bad:
        raise DrawInputError("invalid_uscc", path, f"{raw!r}: character {bad[0]!r}")
    if text[17] != uscc_check_char(text[:17]):
        raise DrawInputError("invalid_uscc", path, f"{raw!r}: check character")
    return text


def code(value: Any, path: str) -> str:
    """A §3 code: 1–32 characters from ``[0-9A-Za-z._-]``, case-sensitive."""
    if not isinstance(value, str):
        raise DrawInputError("wrong_type", path, "code must be a string")
    if not _CODE.fullmatch(value):
        raise DrawInputError("invalid_code", path, repr(value))
    return value


def text(value: Any, path: str, max_len: int) -> str:
    """A §3 text: 1…``max_len`` characters, none in U+0000–U+001F or U+007F–U+009F."""
    if not isinstance(value, str):
        raise DrawInputError("wrong_type", path, "text must be a string")
    if not 1 <= len(value) <= max_len:
        raise DrawInputError("invalid_text", path, f"length must be 1…{max_len}")
    if _CONTROL.search(value):
        raise DrawInputError("invalid_text", path, "control character")
    return value


def date(value: Any, path: str) -> str:
    """A §3 date ``YYYY-MM-DD`` that exists in the Gregorian calendar, as a string."""
    if not isinstance(value, str):
        raise DrawInputError("wrong_type", path, "date must be a string")
    if not _DATE.fullmatch(value):
        raise DrawInputError("invalid_date", path, repr(value))
    try:
        datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError as exc:
        raise DrawInputError("invalid_date", path, f"{value!r}: {exc}") from exc
    return value


def optional_date(value: Any, path: str) -> str | None:
    """A §3 date or null."""
    return None if value is None else date(value, path)


def integer(value: Any, path: str, low: int = 0, high: int = MAX_SAFE_INTEGER) -> int:
    """An integer in [low, high]; ``true``/``false`` are not integers (§2.4)."""
    if isinstance(value, bool):
        raise DrawInputError("boolean_not_integer", path, repr(value))
    if not isinstance(value, int):
        raise DrawInputError("wrong_type", path, "integer required")
    if not low <= value <= high:
        raise DrawInputError("out_of_range", path, f"{value} not in {low}…{high}")
    return value


def boolean(value: Any, path: str) -> bool:
    """A JSON boolean (0/1 are not booleans)."""
    if not isinstance(value, bool):
        raise DrawInputError("wrong_type", path, "boolean required")
    return value


def hex_bytes(
    value: Any, path: str, *, length: int | None = None, span: tuple[int, int] = (0, 0)
) -> bytes:
    """Lower-case hex of exactly ``length`` bytes, or of span[0]…span[1] bytes."""
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise DrawInputError("invalid_hex", path, repr(value)[:80])
    data = bytes.fromhex(value)
    if length is not None and len(data) != length:
        raise DrawInputError("invalid_hex", path, f"{len(data)} bytes, need {length}")
    if length is None and not span[0] <= len(data) <= span[1]:
        raise DrawInputError(
            "invalid_hex", path, f"{len(data)} bytes, need {span[0]}…{span[1]}"
        )
    return data


def obj(
    value: Any,
    path: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> Mapping[str, Any]:
    """An object with all of ``required``, any of ``optional`` and nothing else."""
    if not isinstance(value, Mapping):
        raise DrawInputError("wrong_type", path, "object required")
    for key in value:
        if key not in required and key not in optional:
            raise DrawInputError("unknown_field", f"{path}.{key}")
    for key in required:
        if key not in value:
            raise DrawInputError("missing_field", f"{path}.{key}")
    return value


def array(value: Any, path: str) -> list[Any]:
    """A JSON array."""
    if not isinstance(value, list):
        raise DrawInputError("wrong_type", path, "array required")
    return value
