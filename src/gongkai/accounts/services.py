"""Account writes: second-factor enrolment and verification (audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.audit_actions import AccountsAudit
from gongkai.common.audit import audit_record

from .models import User


def totp_device_for(user: User) -> TOTPDevice:
    """The user's TOTP device: the confirmed one, else a pending one to enrol."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "default"}
        )
    return device


@transaction.atomic
def totp_verify(*, user: User, token: str, actor: Any = None) -> TOTPDevice | None:
    """Check a token; confirm the device on first success. None when the token is wrong."""
    device = totp_device_for(user)
    if not device.verify_token(token):
        audit_record(actor=actor or user, action=AccountsAudit.OTP_FAILED, obj=user)
        return None
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=actor or user, action=AccountsAudit.OTP_ENROLLED, obj=user)
    return device
