"""Decoupled reactions to django-axes: the account holder hears of a lockout."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.dispatch import receiver

from .services import lockout_notify


@receiver(user_locked_out, dispatch_uid="gongkai.accounts.lockout_notify")
def _notify_locked_out(
    sender: Any, request: Any = None, username: str | None = None,
    ip_address: str | None = None, **kwargs: Any,
) -> None:  # fmt: skip
    if username:
        lockout_notify(username=username, ip_address=ip_address or "")
