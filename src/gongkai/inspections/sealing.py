"""The task secret at rest (DRAW.md §6.1): encrypted, never stored in the clear.

The secret is committed by its hash and revealed only with the task's publication
(§12.1) or when a restart supersedes the draw (§12.2); until then a database dump
must not give it away. It is sealed with Fernet (AES-128-CBC + HMAC-SHA256) under
``GONGKAI_DRAW_SECRET_KEYS`` (the first key seals, every key opens, for rotation),
or, when none is set, a key derived from SECRET_KEY for this use only. The sealed
text names the draw it belongs to, so a secret copied onto another draw does not open.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SealError(ValueError):
    """A sealed secret cannot be opened (wrong key, or not this draw's)."""


def _keys() -> MultiFernet:
    configured = list(getattr(settings, "GONGKAI_DRAW_SECRET_KEYS", []) or [])
    if not configured:
        digest = hashlib.sha256(
            b"gongkai draw secret at rest\x00" + settings.SECRET_KEY.encode()
        ).digest()
        configured = [base64.urlsafe_b64encode(digest).decode()]
    try:
        return MultiFernet([Fernet(k.strip().encode()) for k in configured])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "GONGKAI_DRAW_SECRET_KEYS: each key must be 32 url-safe base64 bytes"
        ) from exc


def seal(secret_hex: str, binding: str) -> str:
    """The sealed form of ``secret_hex`` for the draw named by ``binding``."""
    if not secret_hex:
        return ""
    return _keys().encrypt(f"{binding}\n{secret_hex}".encode()).decode("ascii")


def unseal(sealed: str, binding: str) -> str:
    """The secret sealed for ``binding``; raises :class:`SealError` otherwise."""
    if not sealed:
        return ""
    try:
        plain = _keys().decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as exc:
        raise SealError("任务秘密无法解密：密钥不符或数据被改动") from exc
    bound, _, secret_hex = plain.partition("\n")
    if bound != binding:
        raise SealError("任务秘密不属于这次抽取")
    return secret_hex


def draw_binding(task_id: int | None, number: int | None) -> str:
    """What a draw's sealed secret is bound to: its task and number."""
    return f"inspections.draw:{task_id}:{number}"
